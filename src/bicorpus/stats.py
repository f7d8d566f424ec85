"""Summary figures of a built corpus, for `bicorpus stats`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from bicorpus.records import Corpus, side


def corpus_stats(corpus: Corpus) -> dict[str, Any]:
    """Counts of documents, paragraphs and sentences per language, beads per alignment type,
    glossary terms and their realisations, entities, primary themes of sentence beads,
    language-ID flags and near-duplicate paragraphs."""
    # Read as mappings: per-language fields (en_duplicate_of, counts by language) are looked up by computed names.
    documents: Sequence[Mapping[str, Any]] = corpus.documents
    paragraphs: Sequence[Mapping[str, Any]] = corpus.paragraphs
    languages = corpus.pair.codes
    source, target = languages
    return {
        "languages": list(languages),
        "documents": len(corpus.documents),
        "paragraphs": {lang: sum(d["paragraph_count"][lang] for d in documents) for lang in languages},
        "sentences": {lang: sum(d["sentence_count"][lang] for d in documents) for lang in languages},
        "paragraph_beads": dict(sorted(Counter(p["alignment_type"] for p in corpus.paragraphs).items())),
        "sentence_beads": dict(sorted(Counter(s["alignment_type"] for s in corpus.sentences).items())),
        "language_flags": {
            "paragraph_beads": sum(p["language_flag"] for p in corpus.paragraphs),
            "sentence_beads": sum(s["language_flag"] for s in corpus.sentences),
        },
        "terms": {
            "terms": len(corpus.terms),
            "realisations": sum(len(t["realisations"]) for t in corpus.terms),
            # Realisations with only one side: the translation used another wording there.
            "only": {
                target: sum(r[side(source, "start")] is None for t in corpus.terms for r in t["realisations"]),
                source: sum(r[side(target, "start")] is None for t in corpus.terms for r in t["realisations"]),
            },
        },
        "entities": {
            "entities": len(corpus.entities),
            "mentions": {lang: sum(m["lang"] == lang for e in corpus.entities for m in e["mentions"]) for lang in languages},
            "by_label": dict(sorted(Counter(e["label"] for e in corpus.entities).items())),
            "sources": dict(sorted(Counter(e["source"] for e in corpus.entities).items())),
        },
        "primary_themes": dict(Counter(s["primary_theme"] or "none" for s in corpus.sentences).most_common()),
        "duplicate_paragraphs": {
            lang: sum(p[side(lang, "duplicate_of")] is not None for p in paragraphs) for lang in languages
        },
    }


def format_stats(stats: dict[str, Any]) -> str:
    """The figures of :func:`corpus_stats` as an aligned plain-text table (with the build
    signature's line when ``stats`` holds a ``build_signature``, as ``bicorpus stats`` adds)."""
    lines = [f"{'languages':<22}{' '.join(stats['languages'])}", f"{'documents':<22}{stats['documents']}"]
    for key in ("paragraphs", "sentences", "duplicate_paragraphs"):
        lines.append(f"{key.replace('_', ' '):<22}" + "  ".join(f"{lang} {n}" for lang, n in stats[key].items()))
    for key in ("paragraph_beads", "sentence_beads"):
        lines.append(f"{key.replace('_', ' '):<22}" + "  ".join(f"{t}: {n}" for t, n in stats[key].items()))
    terms = stats["terms"]
    lines.append(
        f"{'glossary terms':<22}{terms['terms']} terms  {terms['realisations']} realisations "
        "(" + ", ".join(f"{n} {lang} only" for lang, n in terms["only"].items()) + ")"
    )
    entities = stats["entities"]
    lines.append(
        f"{'entities':<22}{entities['entities']} ("
        + ", ".join(f"{source} {n}" for source, n in entities["sources"].items())
        + ")  mentions "
        + "  ".join(f"{lang} {n}" for lang, n in entities["mentions"].items())
    )
    lines.append(f"{'entities by label':<22}" + "  ".join(f"{label}: {n}" for label, n in entities["by_label"].items()))
    lines.append(f"{'primary themes':<22}" + "  ".join(f"{theme}: {n}" for theme, n in stats["primary_themes"].items()))
    flags = stats["language_flags"]
    lines.append(f"{'language-ID flags':<22}paragraph beads {flags['paragraph_beads']}  sentence beads {flags['sentence_beads']}")
    if "build_signature" in stats:
        signature = stats["build_signature"]
        lines.append(f"{'build signature':<22}{'none recorded' if signature is None else signature['line']}")
    return "\n".join(lines)

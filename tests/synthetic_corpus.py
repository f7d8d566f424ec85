"""Hypothesis strategies for published corpora made up in memory, for the exports' round trips.

A made-up document has the shape a build gives (every sentence in one bead, beads inside
paragraph beads, paragraphs separated by blank lines, offsets that slice the text, valid BIO
tags) but tokens, whitespace and tags drawn at random: characters XML and CoNLL-U escape or
read specially, runs of spaces, line breaks and ideographic spaces between tokens, sentences
glued to each other, beads of every shape (1-1, 2-1, 1-0, 0-2, ...), paragraph beads holding
two paragraphs of one language.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from bicorpus.language_pair import LanguagePair
from bicorpus.records import Corpus, label_set, side
from bicorpus.unit_ids import paragraph_bead_id, paragraph_id, sentence_bead_id, sentence_id

PAIR = LanguagePair("en", "zh")

#: Token characters: letters, CJK, and the ones formats treat specially (<, &, ", |, \, =, _, #).
TOKEN_CHARS = st.sampled_from(list("abcXYZé09港口报告<>&\"'|\\=_#-.;:"))
TOKENS = st.text(TOKEN_CHARS, min_size=1, max_size=4)
#: Whitespace between tokens: none (glued), a space, and what a one-line format has to escape.
GAPS = st.sampled_from(["", " ", " ", " ", "  ", "\n", "\t", "\u3000", " \n "])
LABELS = st.sampled_from(label_set("entity_labels"))


@st.composite
def bio_tags(draw: st.DrawFn, length: int) -> list[str]:
    """A valid BIO sequence of ``length`` tags over the OntoNotes labels."""
    tags: list[str] = []
    while len(tags) < length:
        if draw(st.booleans()):
            tags.append("O")
            continue
        label = draw(LABELS)
        size = draw(st.integers(1, length - len(tags)))
        tags += [f"B-{label}"] + [f"I-{label}"] * (size - 1)
    return tags


@st.composite
def sentence_text(draw: st.DrawFn) -> tuple[list[str], list[str], list[str]]:
    """Tokens, the whitespace after each but the last, and BIO tags of one sentence."""
    tokens = draw(st.lists(TOKENS, min_size=1, max_size=5))
    gaps = [draw(GAPS) for _ in tokens[1:]]
    return tokens, gaps, draw(bio_tags(len(tokens)))


@st.composite
def documents(draw: st.DrawFn, doc_id: str) -> Corpus:
    """One published document of :data:`PAIR` (the records of every config it needs)."""
    # Paragraph beads: per language 0-2 paragraphs (not both 0), each of 1-3 sentences.
    layout: list[dict[str, list[list[Any]]]] = []
    for _ in range(draw(st.integers(1, 3))):
        counts = draw(st.tuples(st.integers(0, 2), st.integers(0, 2)).filter(lambda c: c != (0, 0)))
        layout.append(
            {lang: [draw(st.lists(sentence_text(), min_size=1, max_size=3)) for _ in range(n)] for lang, n in zip(PAIR, counts)}
        )
    for lang in PAIR:
        # A document has text in both languages, so each has at least one paragraph.
        if not any(bead[lang] for bead in layout):
            layout[0][lang].append(draw(st.lists(sentence_text(), min_size=1, max_size=3)))
    records = Corpus(PAIR)
    texts: dict[str, str] = {}
    paragraph_number = {lang: 0 for lang in PAIR}
    sentence_number = {lang: 0 for lang in PAIR}
    # Each language's text: leading whitespace, paragraphs separated by blank lines, sentences by
    # a space or nothing (as in Chinese), an optional final newline.
    placed: dict[str, list[list[tuple[str, int, int, list[str], list[int], list[str]]]]] = {lang: [] for lang in PAIR}
    for lang in PAIR:
        text = draw(st.sampled_from(["", "", "\n", "  "]))
        first_paragraph = True
        for bead in layout:
            bead_sentences: list[tuple[str, int, int, list[str], list[int], list[str]]] = []
            for paragraph in bead[lang]:
                if not first_paragraph:
                    text += draw(st.sampled_from(["\n\n", "\n \n", "\n\n\n"]))
                first_paragraph = False
                for k, (tokens, gaps, tags) in enumerate(paragraph):
                    if k:
                        text += draw(st.sampled_from(["", " "]))
                    start = len(text)
                    starts = []
                    for t, token in enumerate(tokens):
                        starts.append(len(text) - start)
                        text += token + (gaps[t] if t < len(gaps) else "")
                    sid = sentence_id(doc_id, lang, sentence_number[lang])
                    sentence_number[lang] += 1
                    bead_sentences.append((sid, start, len(text), tokens, starts, tags))
            placed[lang].append(bead_sentences)
        texts[lang] = text + draw(st.sampled_from(["", "\n"]))
    # Sentence beads: the k-th sentences of both sides of a paragraph bead, then adjacent beads
    # merged at random (2-2, 2-1, 1-0, ...).
    bead_number = 0
    for p, bead in enumerate(layout):
        pp_id = paragraph_bead_id(doc_id, p)
        side_sentences = {lang: placed[lang][p] for lang in PAIR}
        size = max(len(s) for s in side_sentences.values())
        groups: list[list[int]] = []
        for i in range(size):
            if groups and draw(st.booleans()):
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            sp_id = sentence_bead_id(doc_id, bead_number)
            bead_number += 1
            row: dict[str, Any] = {"id": sp_id, "document": doc_id, "paragraph": pp_id, "translation": {}}
            counts = []
            for lang in PAIR:
                members = [side_sentences[lang][i] for i in group if i < len(side_sentences[lang])]
                row[side(lang, "ids")] = [m[0] for m in members]
                row[side(lang, "start")] = members[0][1] if members else None
                row[side(lang, "end")] = members[-1][2] if members else None
                row["translation"][lang] = texts[lang][members[0][1] : members[-1][2]] if members else ""
                counts.append(str(len(members)))
                for sid, start, end, tokens, starts, tags in members:
                    records.ner[lang].append(
                        {
                            "id": sid, "document": doc_id, "sentence_pair": sp_id, "text": texts[lang][start:end],
                            "start": start, "end": end, "tokens": tokens, "token_starts": starts, "ner_tags": tags,
                            "source": "auto",
                        }
                    )
            row["alignment_type"] = "-".join(counts)
            records.sentences.append(row)
        paragraph_row: dict[str, Any] = {"id": pp_id, "document": doc_id, "index": p}
        for lang in PAIR:
            ids = [paragraph_id(doc_id, lang, paragraph_number[lang] + i) for i in range(len(bead[lang]))]
            paragraph_number[lang] += len(ids)
            sentences = side_sentences[lang]
            paragraph_row[side(lang, "ids")] = ids
            paragraph_row[side(lang, "start")] = sentences[0][1] if sentences else None
            paragraph_row[side(lang, "end")] = sentences[-1][2] if sentences else None
        records.paragraphs.append(paragraph_row)
    records.ner = {lang: sorted(rows, key=lambda r: r["start"]) for lang, rows in records.ner.items()}
    title = draw(st.one_of(st.none(), st.sampled_from(['A "quoted" <title> & more', "港口\n报告"])))
    records.documents.append({"id": doc_id, "title": {lang: title for lang in PAIR}, "text": texts})  # type: ignore[typeddict-item]
    return records


@st.composite
def corpora(draw: st.DrawFn) -> list[Corpus]:
    """One to three made-up documents, as ``iter_published`` yields them."""
    return [draw(documents(f"doc-{n}")) for n in range(draw(st.integers(1, 3)))]

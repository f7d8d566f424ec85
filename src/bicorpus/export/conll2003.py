"""``conll2003`` export: one language's tokens with the four CoNLL-2003 entity tags.

The layout of the CoNLL-2003 shared task files, which NER readers (Hugging Face
``conll2003``, flair's column corpora, seqeval's examples) take as is: four space-separated
columns ``word POS chunk NER``, a blank line after each sentence, and ``-DOCSTART- -X- -X- O``
and a blank line where a document starts (documents in the order of the ``documents``
config). bicorpus has no parts of speech or chunks, so those columns are ``_``, the usual
mark of a value not given; the ``-X-`` of the document line is kept as the readers match it.

Tags are the published BIO tags with the OntoNotes label replaced through the ``conll`` map of
``entity_labels.json`` (PERSON to PER, GPE, LOC and FAC to LOC, ORG to ORG, other names to
MISC); a label the map sends to null (dates, numbers, ...) is not an entity in CoNLL-2003, and
every token of such an entity becomes ``O``. The B and I of the other tokens are kept, so two
adjacent entities that collapse to one tag stay two entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from bicorpus.annotation_files import EntityLabels, load_entity_labels
from bicorpus.export import ExportFormat, ExportOptions
from bicorpus.export.sentence_tokens import check_tokens, document_sentences
from bicorpus.records import Corpus

#: The collapse scheme of ``entity_labels.json`` that gives CoNLL-2003 tags.
SCHEME = "conll"
DOCSTART = "-DOCSTART- -X- -X- O"


def collapse_tags(tags: Sequence[str], labels: EntityLabels, scheme: str = SCHEME) -> list[str]:
    """BIO tags of OntoNotes labels as BIO tags of ``scheme``: ``O`` where a label maps to null."""
    collapsed: list[str] = []
    for tag in tags:
        if tag == "O":
            collapsed.append(tag)
            continue
        prefix, label = tag.split("-", 1)
        target = labels.collapse_label(scheme, label)
        collapsed.append("O" if target is None else f"{prefix}-{target}")
    return collapsed


def _word_problem(token: str) -> str | None:
    # Columns are separated by whitespace, so a token cannot hold any.
    return "holds whitespace" if any(char.isspace() for char in token) else None


def write_conll2003(documents: Iterable[Corpus], out: Path, options: ExportOptions) -> list[Path]:
    """Write every sentence of ``options.lang`` in ``documents`` to ``out`` in the CoNLL-2003 layout."""
    lang = options.lang
    if lang is None:  # the command line refuses this first (E702); a caller in code gets a plain error
        raise ValueError("the conll2003 export needs options.lang")
    labels = load_entity_labels()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        for records in documents:
            handle.write(DOCSTART + "\n\n")
            for sentence in document_sentences(records, lang):
                check_tokens(sentence, lang, "CoNLL-2003", _word_problem)
                tags = collapse_tags(sentence.row["ner_tags"], labels)
                handle.write("".join(f"{token} _ _ {tag}\n" for token, tag in zip(sentence.row["tokens"], tags)) + "\n")
    return [out]


FORMAT = ExportFormat(
    "conll2003", "one language in the CoNLL-2003 layout, tags collapsed to PER/LOC/ORG/MISC", write_conll2003, per_language=True
)

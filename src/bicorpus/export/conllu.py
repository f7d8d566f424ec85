"""``conllu`` export: one language's sentences in CoNLL-U, tokens and NER tags as published.

One block per sentence of ``--lang``, in document order::

    # newdoc id = <document id>          (at a document's first sentence)
    # newpar id = <doc>/<lang>/p007      (where a paragraph of that language starts)
    # sent_id = <doc>/<lang>/s0042
    # text = <the sentence>
    # sentence_pair = <doc>/sp0040       (the sentence bead holding it)
    # translation_<other> = <the bead's other side>   (left out when that side is empty)
    1<TAB>FORM<TAB>_<TAB>_<TAB>_<TAB>_<TAB>_<TAB>_<TAB>_<TAB>NER=B-GPE|SpaceAfter=No

The translation comment is named ``translation_<code>``, the name bicorpus's users asked for
(Universal Dependencies' own treebanks write ``text_en``; a converter that wants that name
renames one comment); it holds the whole other side of the bead, so in a 2-1 bead both
sentences carry the same one-sentence translation, and ``sentence_pair`` says which bead it
is. Only FORM and MISC hold data: bicorpus has no lemmas, parts of speech or dependencies, and
``_`` says so rather than guessing. MISC holds ``NER=<BIO tag>`` for every token (``NER=O``
too, so no token is left unlabelled), ``SpaceAfter=No`` where the next token follows with no
space, and ``SpacesAfter=`` (UD escapes: ``\\s``, ``\\t``, ``\\n``, ``\\r``, ``\\p`` for ``|``,
``\\\\``; other whitespace as ``\\uXXXX``) where what follows is not one space, so the
document's text is the forms and the spaces after them, after ``SpacesBefore`` on its first
token. Comments are one line each: a line break inside a sentence (hard-wrapped text) is
written as a space there. Ids keep their slashes so that they join back to the dataset,
although the UD validator reserves ``/`` in ``sent_id`` for its own parallel treebanks.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from bicorpus.export import ExportFormat, ExportOptions
from bicorpus.export.sentence_tokens import (
    LINE_BREAKS,
    SentenceTokens,
    bead_of,
    check_tokens,
    document_sentences,
    leading_space,
    one_line,
    other_language,
)
from bicorpus.records import Corpus

#: Escapes of the UD ``SpacesAfter`` attribute, for the characters it names.
_ESCAPES = {" ": "\\s", "\t": "\\t", "\n": "\\n", "\r": "\\r", "|": "\\p", "\\": "\\\\"}


def escape_spaces(spaces: str) -> str:
    """The value of a ``SpacesAfter``/``SpacesBefore`` attribute for ``spaces``."""
    return "".join(
        _ESCAPES.get(char, f"\\u{ord(char):04X}" if char.isspace() or not char.isprintable() else char) for char in spaces
    )


def _form_problem(token: str) -> str | None:
    # UD lets FORM hold a space, but never a tab or line break, leading or trailing whitespace,
    # or two whitespace characters in a row (the conllu package splits fields at two spaces).
    if any(char in LINE_BREAKS or char == "\t" for char in token):
        return "holds a tab or a line break"
    if token != token.strip() or any(a.isspace() and b.isspace() for a, b in pairwise(token)):
        return "starts or ends with whitespace or holds two in a row"
    return None


def _misc(tag: str, spaces: str, last_of_document: bool) -> str:
    attributes = [f"NER={tag}"]
    if last_of_document:
        # Nothing follows the document's last token, so the default is no space: say any there is.
        if spaces:
            attributes.append(f"SpacesAfter={escape_spaces(spaces)}")
    elif spaces == "":
        attributes.append("SpaceAfter=No")
    elif spaces != " ":
        attributes.append(f"SpacesAfter={escape_spaces(spaces)}")
    return "|".join(attributes)


def _block(sentence: SentenceTokens, other: str, other_text: str, bead_id: str, last_of_document: bool) -> list[str]:
    row = sentence.row
    lines: list[str] = []
    if sentence.new_paragraph is not None:
        lines.append(f"# newpar id = {sentence.new_paragraph}")
    lines += [f"# sent_id = {row['id']}", f"# text = {one_line(row['text'])}", f"# sentence_pair = {bead_id}"]
    if other_text:
        lines.append(f"# translation_{other} = {one_line(other_text)}")
    count = len(row["tokens"])
    for k, (token, tag, spaces) in enumerate(zip(row["tokens"], row["ner_tags"], sentence.spaces_after)):
        misc = _misc(tag, spaces, last_of_document and k == count - 1)
        lines.append(f"{k + 1}\t{token}\t_\t_\t_\t_\t_\t_\t_\t{misc}")
    return lines


def write_conllu(documents: Iterable[Corpus], out: Path, options: ExportOptions) -> list[Path]:
    """Write every sentence of ``options.lang`` in ``documents`` to ``out`` as CoNLL-U."""
    lang = options.lang
    if lang is None:  # the command line refuses this first (E702); a caller in code gets a plain error
        raise ValueError("the conllu export needs options.lang")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        for records in documents:
            other = other_language(records.pair, lang)
            beads = {bead["id"]: bead for bead in records.sentences}
            sentences = list(document_sentences(records, lang))
            for k, sentence in enumerate(sentences):
                check_tokens(sentence, lang, "CoNLL-U", _form_problem)
                bead = bead_of(beads, sentence, lang)
                lines = _block(sentence, other, bead["translation"][other], bead["id"], k == len(sentences) - 1)
                if k == 0:
                    lines.insert(0, f"# newdoc id = {records.documents[0]['id']}")
                    before = leading_space(records, lang)
                    if before:
                        # The first token line gets where the text starts, as UD's SpacesBefore.
                        first = next(i for i, line in enumerate(lines) if not line.startswith("#"))
                        lines[first] += f"|SpacesBefore={escape_spaces(before)}"
                handle.write("\n".join(lines) + "\n\n")
    return [out]


FORMAT = ExportFormat(
    "conllu", "one language in CoNLL-U: published tokens, NER in MISC, the bead's other side", write_conllu, per_language=True
)

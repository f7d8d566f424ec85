"""What the token-per-line exports (``conllu``, ``conll2003``, ``vert``) share: one language's
sentences of one document as published in its ``ner_<lang>`` config, with the whitespace after
each token, the paragraph each sentence opens, and the checks a token must pass to fit a format.

Tokens are never re-made here: they are the ``tokens`` and ``token_starts`` of the published
rows, so a tagger trained on an export sees exactly the tokens of the dataset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bicorpus.errors import CorpusError
from bicorpus.language_pair import LanguagePair
from bicorpus.records import Corpus, NerSentence, Record, ner_config, side
from bicorpus.segment import split_paragraphs

#: Characters that end a line for some reader: Python's ``str.splitlines`` set. A line-based
#: file can hold none of them inside a field or a comment.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(frozen=True)
class SentenceTokens:
    """One published sentence of one language, ready to be written a token a line."""

    row: NerSentence
    #: Id of the paragraph of this language the sentence starts, or None inside a paragraph.
    new_paragraph: str | None
    #: Whitespace after each token: up to the next token, or after the sentence's last token up
    #: to the next sentence of the document (its last token: up to the end of the text).
    spaces_after: list[str]


def other_language(pair: LanguagePair, lang: str) -> str:
    """The language of ``pair`` that is not ``lang``."""
    return pair.target if lang == pair.source else pair.source


def one_line(text: str) -> str:
    """``text`` with every line break replaced by a space (same length, so offsets still hold)."""
    return "".join(" " if char in LINE_BREAKS else char for char in text)


def paragraph_spans(records: Corpus, lang: str) -> list[tuple[str, int, int]]:
    """(id, start, end) of every paragraph of ``lang`` in one document, in text order.

    A paragraph bead whose side holds several paragraphs gives one extent for all of them, so
    that side is split again at its blank lines, the one definition of a paragraph break
    (:func:`bicorpus.segment.split_paragraphs`).
    """
    text = records.documents[0]["text"][lang]
    spans: list[tuple[str, int, int]] = []
    for bead in records.paragraphs:
        ids: list[str] = bead[side(lang, "ids")]
        if not ids:
            continue
        start, end = bead[side(lang, "start")], bead[side(lang, "end")]
        if len(ids) == 1:
            spans.append((ids[0], start, end))
            continue
        parts = split_paragraphs(text[start:end], offset=start)
        if len(parts) != len(ids):
            raise CorpusError(
                f"paragraphs row {bead['id']}",
                f"the {lang} side holds {len(parts)} blank-line separated blocks at {start}..{end}, not its {len(ids)} "
                "paragraphs",
                side(lang, "ids"),
                code="E722",
                hint="rebuild the corpus; a build gives each paragraph of a bead its own block of the text",
            )
        spans.extend((paragraph_id, part.start, part.end) for paragraph_id, part in zip(ids, parts))
    return spans


def document_sentences(records: Corpus, lang: str) -> Iterator[SentenceTokens]:
    """The sentences of ``lang`` in one document (``records``), in order, with their paragraphs
    and the whitespace after each token."""
    text = records.documents[0]["text"][lang]
    rows = records.ner[lang]
    paragraphs = paragraph_spans(records, lang)
    current: str | None = None
    index = 0
    for k, row in enumerate(rows):
        # The paragraph holding a sentence is the last one starting at or before it.
        while index + 1 < len(paragraphs) and paragraphs[index + 1][1] <= row["start"]:
            index += 1
        paragraph = paragraphs[index][0] if paragraphs else None
        new_paragraph = paragraph if paragraph != current else None
        current = paragraph
        next_start = rows[k + 1]["start"] if k + 1 < len(rows) else len(text)
        yield SentenceTokens(row, new_paragraph, _spaces_after(row, text, next_start))


def leading_space(records: Corpus, lang: str) -> str:
    """The whitespace before the first sentence of one document's text of ``lang``."""
    rows = records.ner[lang]
    return records.documents[0]["text"][lang][: rows[0]["start"]] if rows else ""


def _spaces_after(row: NerSentence, text: str, next_start: int) -> list[str]:
    starts = row["token_starts"]
    gaps: list[str] = []
    for k, (token, start) in enumerate(zip(row["tokens"], starts)):
        end = start + len(token)
        if k + 1 < len(starts):
            gaps.append(row["text"][end : starts[k + 1]])
        else:
            gaps.append(text[row["start"] + end : next_start])
    return gaps


def bead_of(beads: dict[str, Record], sentence: SentenceTokens, lang: str) -> Record:
    """The sentence bead (``sentences`` row, from ``beads`` by id) holding ``sentence``."""
    bead = beads.get(sentence.row["sentence_pair"])
    if bead is None or sentence.row["id"] not in bead[side(lang, "ids")]:
        raise CorpusError(
            f"{ner_config(lang)} row {sentence.row['id']}",
            f"names sentence pair {sentence.row['sentence_pair']!r}, which is not a bead of its document holding it",
            "/sentence_pair",
            code="E723",
            hint="rebuild the corpus; files written by bicorpus build refer only to rows they hold",
        )
    return bead


def check_tokens(sentence: SentenceTokens, lang: str, fmt: str, fits: Callable[[str], str | None]) -> None:
    """Raise E721 at the first token of ``sentence`` that ``fits`` refuses.

    ``fits`` returns None for a token the format can hold, else what is wrong with it.
    """
    for k, token in enumerate(sentence.row["tokens"]):
        problem = fits(token)
        if problem is not None:
            raise CorpusError(
                f"{ner_config(lang)} row {sentence.row['id']}",
                f"token {token!r} {problem}, which a {fmt} token line cannot hold",
                f"/tokens/{k}",
                code="E721",
                hint="a bicorpus build never makes such a token (tokens are split at whitespace); rebuild the corpus, "
                "or export it as jsonl",
            )

"""Quoted wording: listed in meta.yaml, compiled to offsets, published, and complete for the speech."""

from __future__ import annotations

import re

import pytest

from bicorpus.errors import CorpusError
from bicorpus.publish import read_data
from bicorpus.quotations import compile_quotations
from conftest import REPOSITORY

TEXTS = {"en": "He said \"one\" and \"one\".", "zh": "他说“一”和“一”。"}


def entry(text: str, **extra: str) -> dict[str, str]:
    return {"lang": "zh", "text": text, "kind": "idiom", "source": "test", **extra}


def test_a_quotation_compiles_to_the_offsets_of_its_occurrence():
    first, second = compile_quotations([entry("一"), entry("一", occurrence="2")], TEXTS, "meta.yaml")
    assert (first["start"], second["start"]) == (3, 7)
    assert TEXTS["zh"][second["start"] : second["end"]] == "一"


@pytest.mark.parametrize(
    ("bad", "pointer"),
    [
        (entry("二"), "/quotations/0/text"),
        (entry("一", occurrence="3"), "/quotations/0/occurrence"),
        ({**entry("一"), "lang": "de"}, "/quotations/0/lang"),
    ],
)
def test_a_quotation_that_does_not_fit_the_text_is_refused_with_its_pointer(bad: dict[str, str], pointer: str):
    with pytest.raises(CorpusError) as caught:
        compile_quotations([bad], TEXTS, "meta.yaml")
    assert caught.value.pointer == pointer and caught.value.where == "meta.yaml"


def test_every_quotation_in_the_shipped_chinese_is_recorded_as_quoted_wording():
    """Whatever the Chinese puts in quotation marks reproduces existing wording (a report, a
    slogan, an idiom, a term), so each such span must be listed; and each listed span is
    published with offsets that slice it out of the text."""
    (document,) = read_data(REPOSITORY / "corpus" / "data").documents
    zh = document["text"]["zh"]
    recorded = {(q["start"], q["end"]) for q in document["quotations"] if q["lang"] == "zh"}
    in_marks = {(m.start(1), m.end(1)) for m in re.finditer(r"“([^”]+)”", zh)}
    assert in_marks and in_marks <= recorded
    assert all(zh[q["start"] : q["end"]] == q["text"] for q in document["quotations"])


def test_the_card_names_the_sentence_pair_of_every_quotation():
    corpus = read_data(REPOSITORY / "corpus" / "data")
    (document,) = corpus.documents
    located = set()
    for quotation in document["quotations"]:
        (bead,) = [
            s for s in corpus.sentences
            if s["zh_start"] is not None and s["zh_start"] <= quotation["start"] < s["zh_end"]
        ]
        located.add((bead["id"].rsplit("/", 1)[1], quotation["text"]))
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    listed = {
        (pair, wording.strip())
        for pair, cell in re.findall(r"^  \| (sp\d{4}) \| ([^|]+) \|", readme, flags=re.MULTILINE)
        for wording in cell.split(",")
    }
    assert listed == located

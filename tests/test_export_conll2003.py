"""The conll2003 export: seqeval reads valid BIO whose entities are the collapsed published mentions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, Entities

from bicorpus.annotation_files import load_entity_labels
from bicorpus.cli import main
from bicorpus.errors import CorpusError
from bicorpus.export import ExportOptions
from bicorpus.export.conll2003 import collapse_tags, write_conll2003
from bicorpus.publish import read_data
from conftest import REPOSITORY
from synthetic_corpus import bio_tags

SHIPPED = REPOSITORY / "corpus"
LABELS = load_entity_labels()


def _read(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, tag), checking the column layout on the way."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line == "-DOCSTART- -X- -X- O":
            assert not sentence
            documents.append([])
        elif line:
            token, pos, chunk, tag = line.split(" ")
            assert (pos, chunk) == ("_", "_")
            sentence.append((token, tag))
        elif sentence:
            documents[-1].append(sentence)
            sentence = []
    assert not sentence, "the file ends with a blank line after its last sentence"
    return documents


def _strict_entities(tags: list[str]) -> list[tuple[str, int, int]]:
    """Entities seqeval finds under strict IOB2 (an I- that continues nothing starts none)."""
    return sorted((e.tag, e.start, e.end - 1) for e in Entities([tags], IOB2).entities[0])


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("corpus", ["shipped", "built_three"])
def test_conll2003_tags_are_valid_bio_spanning_the_collapsed_mentions(corpus: str, lang: str, tmp_path: Path, request):
    folder = SHIPPED if corpus == "shipped" else request.getfixturevalue("built_three")
    out = tmp_path / f"{lang}.conll"
    assert main(["export", str(folder), "--format", "conll2003", "--lang", lang, "--out", str(out)]) == 0
    records = read_data(folder / "data")
    documents = _read(out)
    assert len(documents) == len(records.documents)
    sentences = [s for document in documents for s in document]
    rows = records.ner[lang]
    assert [[token for token, _ in s] for s in sentences] == [row["tokens"] for row in rows]
    # Where each collapsed mention should be: (sentence id, collapsed tag, start, end) in characters.
    expected = {
        (m["sentence"], LABELS.collapse_label("conll", e["label"]), m["sentence_start"], m["sentence_end"])
        for e in records.entities
        for m in e["mentions"]
        if m["lang"] == lang and LABELS.collapse_label("conll", e["label"]) is not None
    }
    found = set()
    for sentence, row in zip(sentences, rows):
        tags = [tag for _, tag in sentence]
        assert {tag.split("-", 1)[-1] for tag in tags} <= {"O", "PER", "LOC", "ORG", "MISC"}
        lenient = sorted(get_entities(tags))
        assert _strict_entities(tags) == lenient  # valid BIO: both readings agree
        for tag, first, last in lenient:
            start = row["token_starts"][first]
            end = row["token_starts"][last] + len(row["tokens"][last])
            found.add((row["id"], tag, start, end))
    assert found == expected
    if corpus == "shipped":
        assert expected  # the shipped speech names people, places and bodies


def test_dates_and_numbers_leave_no_tag_behind(tmp_path: Path):
    out = tmp_path / "en.conll"
    main(["export", str(SHIPPED), "--format", "conll2003", "--lang", "en", "--out", str(out)])
    published = [tag for row in read_data(SHIPPED / "data").ner["en"] for tag in row["ner_tags"]]
    written = [tag for document in _read(out) for sentence in document for _, tag in sentence]
    assert any(tag.endswith("-DATE") for tag in published)
    assert [t == "O" for t in written] == [t == "O" or LABELS.collapse_label("conll", t[2:]) is None for t in published]


@given(st.integers(1, 12).flatmap(bio_tags))
def test_collapsing_keeps_bio_valid_and_positions_of_kept_entities(tags: list[str]):
    collapsed = collapse_tags(tags, LABELS)
    assert len(collapsed) == len(tags)
    assert _strict_entities(collapsed) == sorted(get_entities(collapsed))
    kept = sorted(
        (LABELS.collapse_label("conll", label), start, end)
        for label, start, end in get_entities(tags)
        if LABELS.collapse_label("conll", label) is not None
    )
    assert sorted(get_entities(collapsed)) == kept


def test_a_token_holding_a_space_is_e721(tmp_path: Path):
    records = read_data(SHIPPED / "data")
    records.ner["zh"][2]["tokens"][1] = "港 口"
    with pytest.raises(CorpusError) as caught:
        write_conll2003(iter([records]), tmp_path / "x.conll", ExportOptions(lang="zh"))
    assert caught.value.code == "E721" and caught.value.pointer == "/tokens/1"

"""The vert export: well-formed vertical files whose sentences pair up through the bead ids and the manatee mapping."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from bicorpus.cli import main
from bicorpus.errors import CorpusError
from bicorpus.export import ExportOptions
from bicorpus.export.vertical import write_vertical
from bicorpus.publish import iter_published, read_data
from bicorpus.records import Corpus
from conftest import REPOSITORY
from synthetic_corpus import corpora

SHIPPED = REPOSITORY / "corpus"
PAIR = ("en", "zh")


def _parse(path: Path) -> ET.Element:
    """The vertical file wrapped in a root element, parsed as XML (fails unless well-formed)."""
    return ET.fromstring("<corpus>\n" + path.read_text(encoding="utf-8") + "</corpus>")


def _tokens(s: ET.Element) -> tuple[list[str], list[str], list[bool]]:
    """Words, NER tags and, per word, whether a <g/> glues it to the next, of one <s>."""
    assert all(child.tag == "g" for child in s)
    chunks = [s.text or ""] + [g.tail or "" for g in s]
    words: list[str] = []
    tags: list[str] = []
    glued: list[bool] = []
    for n, chunk in enumerate(chunks):
        lines = [line for line in chunk.split("\n") if line]
        assert lines, "a <g/> stands between two tokens"
        for line in lines:
            word, tag = line.split("\t")
            words.append(word)
            tags.append(tag)
            glued.append(False)
        glued[-1] = n < len(chunks) - 1
    return words, tags, glued


def _check_against_records(out: Path, documents: list[Corpus]) -> None:
    roots = {lang: _parse(out.with_name(f"{out.name}.{lang}.vert")) for lang in PAIR}
    numbered = {lang: list(roots[lang].iter("s")) for lang in PAIR}
    for lang in PAIR:
        docs = list(roots[lang])
        assert [d.get("id") for d in docs] == [records.documents[0]["id"] for records in documents]
        for doc, records in zip(docs, documents):
            assert doc.get("title") == records.documents[0]["title"][lang]
            paragraphs = list(doc)
            assert all(p.tag == "p" for p in paragraphs)
            assert [p.get("id") for p in paragraphs] == [i for bead in records.paragraphs for i in bead[f"{lang}_ids"]]
            sentences = [s for p in paragraphs for s in p]
            types = {bead["id"]: bead["alignment_type"] for bead in records.sentences}
            assert len(sentences) == len(records.ner[lang])
            for s, row in zip(sentences, records.ner[lang]):
                assert (s.get("id"), s.get("sentence_pair")) == (row["id"], row["sentence_pair"])
                assert s.get("alignment_type") == types[row["sentence_pair"]]
                words, tags, glued = _tokens(s)
                assert words == row["tokens"] and tags == row["ner_tags"]
                ends = [start + len(token) for start, token in zip(row["token_starts"], row["tokens"])]
                assert glued == [k + 1 < len(ends) and ends[k] == row["token_starts"][k + 1] for k in range(len(ends))]
    # Partners: each bead id stands on sentences of both files unless the bead has an empty side.
    pairs = {lang: {s.get("sentence_pair") for s in numbered[lang]} for lang in PAIR}
    null = {bead["id"] for records in documents for bead in records.sentences if "0" in bead["alignment_type"].split("-")}
    assert pairs["en"] - null == pairs["zh"] - null
    assert not (pairs["en"] & pairs["zh"] & null)
    # The manatee mapping: one line per bead, each column the <s> numbers of that bead's side.
    beads = [bead for records in documents for bead in records.sentences]
    for first, second in (PAIR, PAIR[::-1]):
        lines = out.with_name(f"{out.name}.{first}-{second}.aligndef").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(beads)
        for line, bead in zip(lines, beads):
            for lang, column in zip((first, second), line.split("\t")):
                if column == "-1":
                    assert bead[f"{lang}_ids"] == []
                    continue
                low, _, high = column.partition(",")
                covered = numbered[lang][int(low) : int(high or low) + 1]
                assert [s.get("id") for s in covered] == bead[f"{lang}_ids"]


@pytest.mark.parametrize("corpus", ["shipped", "built_three"])
def test_vertical_files_are_well_formed_and_pair_sentences_through_beads(corpus: str, tmp_path: Path, request, capsys):
    folder = SHIPPED if corpus == "shipped" else request.getfixturevalue("built_three")
    capsys.readouterr()
    out = tmp_path / "speech"
    assert main(["export", str(folder), "--format", "vert", "--out", str(out)]) == 0
    assert capsys.readouterr().out.split() == [
        str(tmp_path / name) for name in ("speech.en.vert", "speech.zh.vert", "speech.en-zh.aligndef", "speech.zh-en.aligndef")
    ]
    documents = list(iter_published(folder / "data"))  # checked against read_data in test_export.py
    _check_against_records(out, documents)


def test_structure_tags_and_tokens_are_one_line_each(tmp_path: Path):
    out = tmp_path / "speech"
    main(["export", str(SHIPPED), "--format", "vert", "--out", str(out)])
    for lang in PAIR:
        for line in out.with_name(f"speech.{lang}.vert").read_text(encoding="utf-8").splitlines():
            assert (line.startswith("<") and line.endswith(">")) or line.count("\t") == 1, line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents=corpora())
def test_vertical_round_trip_keeps_tokens_tags_glue_and_pairs(documents: list[Corpus], tmp_path: Path):
    out = tmp_path / "made"
    write_vertical(iter(documents), out, ExportOptions())
    _check_against_records(out, documents)


def test_a_token_holding_a_tab_is_e721(tmp_path: Path):
    records = read_data(SHIPPED / "data")
    records.ner["zh"][0]["tokens"][0] = "习\t"
    with pytest.raises(CorpusError) as caught:
        write_vertical(iter([records]), tmp_path / "x", ExportOptions())
    assert caught.value.code == "E721" and "ner_zh" in caught.value.file

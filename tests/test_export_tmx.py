"""The tmx export, read back by translate-toolkit (the reader of the Translate/Pootle/Virtaal tools)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.misc.xml_helpers import getXMLlang
from translate.storage import tmx

from bicorpus.cli import main
from bicorpus.errors import CorpusError
from bicorpus.export import ExportOptions
from bicorpus.export.tmx import unit_source_language, write_tmx
from bicorpus.lang import export_tag
from bicorpus.language_pair import LanguagePair
from bicorpus.publish import iter_published, read_data
from conftest import REPOSITORY

SHIPPED = REPOSITORY / "corpus"


def _read_units(path: Path) -> list[dict]:
    """Every unit as translate-toolkit reads it: id, srclang, props and text per language."""
    store = tmx.tmxfile.parsefile(str(path))
    units = []
    for unit in store.units:
        element = unit.xmlelement
        texts = {getXMLlang(node): unit.getNodeText(node) for node in unit.getlanguageNodes()}
        props = {prop.get("type"): prop.text for prop in element.iter("prop")}
        units.append({"id": unit.getid(), "srclang": element.get("srclang"), "props": props, "texts": texts})
    return units


def _expected(data_dir: Path, keep_null: bool) -> list[dict]:
    corpus = read_data(data_dir)
    source = {d["id"]: unit_source_language(d, corpus.pair) for d in corpus.documents}
    return [
        {
            "id": bead["id"],
            "srclang": export_tag(source[bead["document"]]),
            "props": {"x-bead-id": bead["id"], "x-document": bead["document"],
                      "x-alignment-type": bead["alignment_type"], "x-score": repr(float(bead["score"]))},
            "texts": {export_tag(lang): bead["translation"][lang] for lang in corpus.pair},
        }
        for bead in corpus.sentences
        if keep_null or all(bead["translation"][lang] for lang in corpus.pair)
    ]


def test_the_shipped_corpus_reads_back_as_its_beads_without_the_null_ones(tmp_path: Path):
    out = tmp_path / "nqpf.tmx"
    assert main(["export", str(SHIPPED), "--format", "tmx", "--out", str(out)]) == 0
    units = _read_units(out)
    assert units == _expected(SHIPPED / "data", keep_null=False)
    # The shipped corpus has two null beads, left out: 63 of its 65 beads.
    assert len(units) == 63 and len(read_data(SHIPPED / "data").sentences) == 65
    assert {lang for unit in units for lang in unit["texts"]} == {"en", "zh-Hans"}


def test_keep_null_writes_every_bead_with_an_empty_segment(tmp_path: Path):
    out = tmp_path / "nqpf.tmx"
    assert main(["export", str(SHIPPED), "--format", "tmx", "--out", str(out), "--keep-null"]) == 0
    units = _read_units(out)
    assert units == _expected(SHIPPED / "data", keep_null=True)
    assert sum(1 for unit in units if unit["texts"]["zh-Hans"] == "") == 2


def test_a_corpus_of_three_documents_reads_back_as_its_beads(built_three: Path, tmp_path: Path):
    out = tmp_path / "three.tmx"
    assert main(["export", str(built_three), "--format", "tmx", "--out", str(out), "--keep-null"]) == 0
    units = _read_units(out)
    assert units == _expected(built_three / "data", keep_null=True)
    assert {unit["props"]["x-document"] for unit in units} == {"harbour-a", "harbour-b", "harbour-c"}


def test_the_header_has_every_attribute_tmx_requires(tmp_path: Path):
    out = tmp_path / "nqpf.tmx"
    write_tmx(iter_published(SHIPPED / "data"), out, ExportOptions())
    store = tmx.tmxfile.parsefile(str(out))
    header = store.document.getroot().find("header")
    assert store.document.getroot().get("version") == "1.4"
    assert {key: header.get(key) for key in ("creationtool", "segtype", "o-tmf", "adminlang", "srclang", "datatype")} == {
        "creationtool": "bicorpus", "segtype": "sentence", "o-tmf": "bicorpus", "adminlang": "en", "srclang": "en",
        "datatype": "plaintext",
    }
    assert header.get("creationtoolversion")


def test_units_take_the_language_their_document_was_translated_from():
    pair = LanguagePair("en", "zh")
    document = {"translated_from": {"en": None, "zh": "en"}, "original_language": "zh"}
    # The shipped speech: first given in Chinese, but its Chinese text here translates the English.
    assert unit_source_language(document, pair) == "en"
    assert unit_source_language({"translated_from": {"en": "zh", "zh": None}, "original_language": "en"}, pair) == "zh"
    assert unit_source_language({"translated_from": {"en": None, "zh": None}, "original_language": "zh"}, pair) == "zh"
    assert unit_source_language({"translated_from": {"en": "fr", "zh": "fr"}, "original_language": "fr"}, pair) == "en"


def _one_document(texts: list[tuple[str, str]]) -> object:
    """A streamed document of hand-made beads: what ``iter_published`` yields, for the writer."""
    from bicorpus.records import Corpus

    records = Corpus(LanguagePair("en", "zh"))
    records.documents.append({"id": "doc", "translated_from": {"en": None, "zh": "en"}, "original_language": "en"})
    for k, (en, zh) in enumerate(texts):
        records.sentences.append({"id": f"doc/sp{k:04d}", "document": "doc", "alignment_type": "1-1", "score": 0.5,
                                  "translation": {"en": en, "zh": zh}})
    return records


# Text XML 1.0 can hold: any character but the C0 controls other than tab, LF, CR, and U+FFFE/U+FFFF.
XML_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("<&>\"'\t\n\r ]😀𠀀"),  # markup, whitespace XML parsers rewrite, astral characters
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK ideographs
        st.characters(min_codepoint=0x7F, max_codepoint=0x9F),  # C1 controls: legal in XML 1.0
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    ),
    min_size=1,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(XML_TEXT, XML_TEXT), min_size=1, max_size=4))
def test_any_text_round_trips_through_a_tmx_file(tmp_path: Path, texts: list[tuple[str, str]]):
    out = tmp_path / "round.tmx"
    write_tmx([_one_document(texts)], out, ExportOptions())
    units = _read_units(out)
    assert [(unit["texts"]["en"], unit["texts"]["zh-Hans"]) for unit in units] == texts


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\ufffe"])
def test_a_character_xml_cannot_hold_is_a_coded_error_naming_the_bead(tmp_path: Path, bad: str):
    with pytest.raises(CorpusError, match="E711") as error:
        write_tmx([_one_document([("fine", "好"), (f"a{bad}b", "坏")])], tmp_path / "bad.tmx", ExportOptions())
    assert error.value.file == "doc/sp0001"

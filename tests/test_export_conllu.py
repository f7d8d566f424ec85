"""The conllu export: read back by the ``conllu`` package, it gives the published NER rows."""

from __future__ import annotations

import re
from pathlib import Path

import conllu
import pytest
from hypothesis import HealthCheck, given, settings

from bicorpus.cli import main
from bicorpus.errors import CorpusError
from bicorpus.export import ExportOptions
from bicorpus.export.conllu import write_conllu
from bicorpus.publish import iter_published, read_data
from bicorpus.records import Corpus
from conftest import REPOSITORY
from synthetic_corpus import corpora

SHIPPED = REPOSITORY / "corpus"
_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_UNESCAPE = {"s": " ", "t": "\t", "n": "\n", "r": "\r", "p": "|", "\\": "\\"}


def _spaces(value: str) -> str:
    """Undo the UD escapes of a SpacesAfter/SpacesBefore value (written independently of the exporter)."""
    return re.sub(r"\\u([0-9A-F]{4})|\\(.)", lambda m: chr(int(m[1], 16)) if m[1] else _UNESCAPE[m[2]], value)


def _space_after(misc: dict, last_of_document: bool) -> str:
    if "SpacesAfter" in misc:
        return _spaces(misc["SpacesAfter"])
    if misc.get("SpaceAfter") == "No" or last_of_document:
        return ""
    return " "


def _check_against_records(path: Path, records: list[Corpus], lang: str) -> None:
    """The file at ``path`` holds every ner_<lang> row of ``records``, in order, and rebuilds each document's text."""
    other = records[0].pair.target if lang == records[0].pair.source else records[0].pair.source
    sentences = conllu.parse(path.read_text(encoding="utf-8"))
    rows = [row for document in records for row in document.ner[lang]]
    assert [s.metadata["sent_id"] for s in sentences] == [row["id"] for row in rows]
    position = 0
    for document in records:
        beads = {bead["id"]: bead for bead in document.sentences}
        paragraph_ids = [p for bead in document.paragraphs for p in bead[f"{lang}_ids"]]
        block = sentences[position : position + len(document.ner[lang])]
        position += len(block)
        assert block[0].metadata["newdoc id"] == document.documents[0]["id"]
        assert all("newdoc id" not in s.metadata for s in block[1:])
        # Every paragraph of the language opens exactly once, in order.
        assert [s.metadata["newpar id"] for s in block if "newpar id" in s.metadata] == paragraph_ids
        rebuilt = _spaces(block[0][0]["misc"].get("SpacesBefore", ""))
        for n, (sentence, row) in enumerate(zip(block, document.ner[lang])):
            bead = beads[row["sentence_pair"]]
            assert sentence.metadata["text"] == _BREAKS.sub(" ", row["text"])
            assert sentence.metadata["sentence_pair"] == bead["id"]
            assert sentence.metadata.get(f"translation_{other}") == (_BREAKS.sub(" ", bead["translation"][other]) or None)
            assert [token["form"] for token in sentence] == row["tokens"]
            assert [token["misc"]["NER"] for token in sentence] == row["ner_tags"]
            assert all(token[field] is None or token[field] == "_" for token in sentence for field in ("lemma", "upos", "head"))
            for k, token in enumerate(sentence):
                last = n == len(block) - 1 and k == len(sentence) - 1
                rebuilt += token["form"] + _space_after(token["misc"], last)
        assert rebuilt == document.documents[0]["text"][lang]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("corpus", ["shipped", "built_three"])
def test_conllu_read_back_gives_the_published_tokens_tags_and_text(corpus: str, lang: str, tmp_path: Path, request, capsys):
    folder = SHIPPED if corpus == "shipped" else request.getfixturevalue("built_three")
    capsys.readouterr()  # the session fixture's build may have printed just now
    out = tmp_path / f"corpus.{lang}.conllu"
    assert main(["export", str(folder), "--format", "conllu", "--lang", lang, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    documents = list(iter_published(folder / "data"))  # checked against read_data in test_export.py
    _check_against_records(out, documents, lang)


def test_conllu_lines_have_ten_tab_separated_columns_and_only_form_and_misc_filled(tmp_path: Path):
    out = tmp_path / "zh.conllu"
    main(["export", str(SHIPPED), "--format", "conllu", "--lang", "zh", "--out", str(out)])
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n\n") and "\r" not in text
    token_lines = [line for line in text.split("\n") if line and not line.startswith("#")]
    assert token_lines
    for line in token_lines:
        fields = line.split("\t")
        assert len(fields) == 10 and fields[0].isdigit()
        assert fields[2:9] == ["_"] * 7 and fields[9].startswith("NER=")


def test_a_null_bead_sentence_has_no_translation_comment(tmp_path: Path):
    out = tmp_path / "en.conllu"
    main(["export", str(SHIPPED), "--format", "conllu", "--lang", "en", "--out", str(out)])
    null_beads = {b["id"] for b in read_data(SHIPPED / "data").sentences if b["alignment_type"] == "1-0"}
    assert null_beads  # the shipped speech has English sentences the Chinese leaves out
    for sentence in conllu.parse(out.read_text(encoding="utf-8")):
        assert ("translation_zh" in sentence.metadata) == (sentence.metadata["sentence_pair"] not in null_beads)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents=corpora())
def test_conllu_round_trip_keeps_tokens_tags_beads_and_text(documents: list[Corpus], tmp_path: Path):
    for lang in ("en", "zh"):
        out = tmp_path / f"made.{lang}.conllu"
        write_conllu(iter(documents), out, ExportOptions(lang=lang))
        _check_against_records(out, documents, lang)


def test_a_token_conllu_cannot_hold_is_e721(tmp_path: Path):
    records = read_data(SHIPPED / "data")
    row = records.ner["en"][3]
    row["tokens"][0] = "new\tline"
    with pytest.raises(CorpusError) as caught:
        write_conllu(iter([records]), tmp_path / "x.conllu", ExportOptions(lang="en"))
    assert caught.value.code == "E721" and caught.value.pointer == "/tokens/0" and row["id"] in caught.value.file

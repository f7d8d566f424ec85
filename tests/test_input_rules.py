"""The input rules of docs/input-rules.md from the other side: what they must still let through,
and what they change (tests/test_faults_inputs.py holds what they refuse)."""

from __future__ import annotations

import logging
import os
import unicodedata
from pathlib import Path

import pytest

from bicorpus.errors import BicorpusError
from bicorpus.normalize import has_visible_text, normalize_text
from bicorpus.pipeline import segment_document
from bicorpus.sources import read_document
from bicorpus.validated_files import check_against_schema, parse_json, parse_yaml
from conftest import SMALL_EN, SMALL_META, SMALL_ZH, write_document

DOC = "harbour-report"


def test_zero_width_space_soft_hyphen_and_inner_bom_are_removed_joiners_and_marks_kept() -> None:
    raw = "co\u00adoperate\u200b now\ufeff.\nمی\u200cخواهم \u200f1\u200e 👩\u200d💻\n".encode()
    assert normalize_text(raw, "t.txt") == "cooperate now.\nمی\u200cخواهم \u200f1\u200e 👩\u200d💻\n"


def test_normalized_text_is_nfc_and_visible_text_is_told_from_invisible() -> None:
    assert normalize_text("Cafe\u0301\r\n".encode(), "t.txt") == "Café\n"
    assert not has_visible_text(" \u200d\u2060\n\t\u3000")
    assert has_visible_text("\u200d.")


@pytest.mark.parametrize(
    ("raw", "code", "line"),
    [(b"ok\n\xe2\x80\xaeevil\n", "E115", 2), (b"a\nb\nc\x07\n", "E114", 3), (b"a\n\n\xe2\x80\x8d \n", "E116", 3)],
)
def test_refused_characters_are_named_with_their_line(raw: bytes, code: str, line: int) -> None:
    with pytest.raises(BicorpusError) as caught:
        normalize_text(raw, "t.txt")
    assert (caught.value.code, caught.value.line) == (code, line)


def test_a_mention_typed_in_decomposed_form_still_matches(tmp_path: Path) -> None:
    en = SMALL_EN.replace("east quay", "Café quay")
    folder = write_document(tmp_path / "sources", en=en) / DOC
    decomposed = unicodedata.normalize("NFD", "Café quay")
    (folder / "entities.yaml").write_text(
        f"document: {DOC}\nentities:\n  - id: cafe-quay\n    label: FAC\n    mentions:\n      en: [{{text: '{decomposed}'}}]\n",
        encoding="utf-8",
    )
    document = read_document(folder)
    assert document.entities is not None
    mentions = document.entities[0].mentions  # the paragraph holding it is repeated in the text
    assert [document.texts["en"][m.start : m.end] for m in mentions] == ["Café quay"] * 2


def test_a_symlink_inside_the_document_folder_and_unrelated_files_are_allowed(tmp_path: Path) -> None:
    folder = write_document(tmp_path / "sources") / DOC
    (folder / "en.txt").rename(folder / "english-original.txt")
    os.symlink("english-original.txt", folder / "en.txt")
    for name in ("README.md", "notes.txt", "entities.yaml.bak", "scan.pdf", ".DS_Store", "entities.txt"):
        (folder / name).write_text("not read\n", encoding="utf-8")
    (folder / "drafts").mkdir()
    assert read_document(folder).texts["en"] == SMALL_EN


def test_anchors_and_aliases_within_the_limit_are_fine(tmp_path: Path) -> None:
    meta = SMALL_META.replace(
        '    en: {id: CC-BY-4.0, note: "Made up for tests."}\n    zh: {id: CC-BY-4.0, note: "Made up for tests."}',
        '    en: &made {id: CC-BY-4.0, note: "Made up for tests."}\n    zh: *made',
    )
    assert meta != SMALL_META
    folder = write_document(tmp_path / "sources", meta=meta) / DOC
    assert read_document(folder).metadata["license"]["texts"]["zh"] == {"id": "CC-BY-4.0", "note": "Made up for tests."}


def test_duplicate_keys_are_found_in_nested_yaml_and_json() -> None:
    with pytest.raises(BicorpusError) as caught:
        parse_yaml("a:\n  b: 1\n  c: 2\n  b: 3\n", "f.yaml")
    assert (caught.value.code, caught.value.line) == ("E110", 4)
    with pytest.raises(BicorpusError) as caught:
        parse_json('{"terms": [{"id": 1}, {"id": 2, "id": 3}]}', "f.json")
    assert (caught.value.code, caught.value.pointer) == ("E110", "/terms/1/id")


@pytest.mark.parametrize(
    ("schema_format", "value", "valid"),
    [
        *[("date", value, valid) for value, valid in [
            ("2024-01-31", True), ("2024-02-29", True), ("2023-02-29", False), ("2024-13-45", False), ("2024-1-31", False),
            ("２０２４-01-31", False)]],
        # `published` takes a date or a local date-time that exists.
        *[("date-or-local-date-time", value, valid) for value, valid in [
            ("2024-10-12", True), ("2024-10-12T17:53", True), ("2024-10-12T17:53:59", True), ("2024-10-12T24:00", False),
            ("2024-10-12T17:53+08:00", False)]],
    ],
)
def test_date_formats_are_checked_without_extra_packages(schema_format: str, value: str, valid: bool) -> None:
    schema = {"type": "string", "format": schema_format}
    if valid:
        check_against_schema(value, schema, "x")
    else:
        with pytest.raises(BicorpusError, match="E105"):
            check_against_schema(value, schema, "x")


def test_an_integer_field_refuses_a_float_with_a_pointer() -> None:
    schema = {"type": "object", "properties": {"count": {"type": "integer"}}}
    check_against_schema({"count": 2}, schema, "x")
    with pytest.raises(BicorpusError) as caught:
        check_against_schema({"count": 2.0}, schema, "x")
    assert (caught.value.code, caught.value.pointer) == ("E105", "/count")
    with pytest.raises(BicorpusError):
        check_against_schema({"count": True}, schema, "x")


JAPANESE_SENTENCE = "東岸壁の新しいクレーンは三月に完成しました。"


def test_a_few_sentences_in_another_language_warn_and_do_not_stop(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    zh = SMALL_ZH.replace("东码头的新起重机已于三月建成。", "东码头的新起重机已于三月建成。The crane is new.")
    folder = write_document(tmp_path / "sources", zh=zh) / DOC
    with caplog.at_level(logging.WARNING, logger="bicorpus"):
        segment_document(read_document(folder))
    [warning] = [record.getMessage() for record in caplog.records]
    assert warning.startswith(f"bicorpus: warning: {folder / 'zh.txt'}:3: 1 of ") and "look like en" in warning


def test_language_check_off_turns_the_refusal_into_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    title, _, _, attribution = SMALL_ZH.strip("\n").split("\n\n")
    japanese = "\n\n".join([title, JAPANESE_SENTENCE * 2, JAPANESE_SENTENCE, attribution]) + "\n"
    on = write_document(tmp_path / "on", zh=japanese) / DOC
    with pytest.raises(BicorpusError) as caught:
        segment_document(read_document(on))
    assert caught.value.code == "E221"
    meta = SMALL_META.replace("translated_from: en}", "translated_from: en, language_check: \"off\"}")
    off = write_document(tmp_path / "off", zh=japanese, meta=meta) / DOC
    with caplog.at_level(logging.WARNING, logger="bicorpus"):
        segment_document(read_document(off))
    assert any("look like ja" in record.getMessage() for record in caplog.records)


def test_the_shipped_annotation_and_text_files_are_already_normal() -> None:
    # The rules must not change the shipped corpus: its texts hold no character they touch.
    from conftest import SHIPPED_DOCUMENT

    for path in sorted(SHIPPED_DOCUMENT.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert text == unicodedata.normalize("NFC", text), path
        assert not any(char in text for char in "\u200b\u2060\ufeff\u00ad"), path


def test_between_thirty_and_fifty_percent_the_whole_text_decides(caplog: pytest.LogCaptureFixture) -> None:
    from bicorpus.check import check_declared_language

    # Sentence codes as an identifier might give them: one of three taken for a close language.
    sentences = [(0, "x" * 60, "en"), (61, "y" * 40, "da"), (102, "z" * 10, "und")]
    with caplog.at_level(logging.WARNING, logger="bicorpus"):
        found = check_declared_language(SMALL_EN, "en", sentences, "en.txt")  # the whole text is English
    assert found is not None and round(found.share, 2) == 0.4 and "look like da (1), not en" in caplog.text
    with pytest.raises(BicorpusError) as caught:
        check_declared_language(SMALL_ZH, "en", sentences, "en.txt")  # the whole text is not
    assert caught.value.code == "E221" and caught.value.message.endswith("; the whole text looks like zh")

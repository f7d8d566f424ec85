import unicodedata

import pytest

from bicorpus.errors import CorpusError
from bicorpus.normalize import normalize_text


def test_invalid_utf8_is_an_error_naming_file_and_line():
    raw = "first line\nsecond line\nthird \xe9".encode()[:-1] + b"\xff\n"
    with pytest.raises(CorpusError) as caught:
        normalize_text(raw, "docs/en.txt")
    assert caught.value.code == "E102" and caught.value.where == "docs/en.txt:3"
    assert str(caught.value).startswith("bicorpus: E102 docs/en.txt:3: not valid UTF-8")


def test_bom_is_removed_and_crlf_becomes_lf():
    raw = "\ufeffTitle\r\n\r\nBody one.\rBody two.\r\n".encode("utf-8")
    assert normalize_text(raw, "x") == "Title\n\nBody one.\nBody two.\n"


def test_text_is_nfc():
    decomposed = unicodedata.normalize("NFD", "café résumé")
    assert decomposed != "café résumé"
    assert normalize_text(decomposed.encode("utf-8"), "x") == "café résumé"


def test_already_normal_text_is_unchanged():
    text = "标题\n\n正文，“引号”。\n"
    assert normalize_text(text.encode("utf-8"), "x") == text

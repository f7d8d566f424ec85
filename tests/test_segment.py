"""Tests of the segment stage: paragraph and sentence spans."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.lang import registered_languages
from bicorpus.segment import Span, split_paragraphs, split_sentences

CASES = yaml.safe_load((Path(__file__).parent / "segmentation_cases.yaml").read_text(encoding="utf-8"))


def _case_params() -> list[object]:
    return [
        pytest.param(lang, case["text"], case["sentences"], id=f"{lang}-{case['name']}")
        for lang, cases in CASES.items()
        for case in cases
    ]


def _texts(spans: list[Span]) -> list[str]:
    return [span.text for span in spans]


def assert_lossless(text: str, spans: list[Span], offset: int) -> None:
    """Spans are sorted, disjoint, stripped, non-empty slices; only whitespace lies between."""
    position = 0
    for span in spans:
        start, end = span.start - offset, span.end - offset
        assert position <= start < end <= len(text)
        assert text[start:end] == span.text
        assert span.text == span.text.strip()
        assert text[position:start].strip() == ""
        position = end
    assert text[position:].strip() == ""


# --- hand-checked cases -----------------------------------------------------------------------


def test_case_file_has_enough_cases_per_language() -> None:
    assert len(CASES["en"]) >= 25
    assert len(CASES["zh"]) >= 20
    assert len(CASES["de"]) >= 10
    assert len(CASES["fr"]) >= 7


@pytest.mark.parametrize(("lang", "text", "expected"), _case_params())
def test_case_splits_as_hand_checked(lang: str, text: str, expected: list[str]) -> None:
    spans = split_sentences(text, lang)
    assert _texts(spans) == expected
    assert_lossless(text, spans, 0)


def test_german_abbreviations_do_not_split_under_the_generic_rule_either_way() -> None:
    # Without German rules, "Dr. Weber" and "am 3. Oktober" are cut: the German module matters.
    text = "Dr. Weber kommt am 3. Oktober."
    assert len(split_sentences(text, "de")) == 1
    assert len(split_sentences(text, "xx")) == 3


# --- sentences: languages and offsets -----------------------------------------------------------


def test_offset_shifts_sentence_spans() -> None:
    text = "First one. Second one."
    assert split_sentences(text, "en", offset=100) == [
        Span(100, 110, "First one."),
        Span(111, 122, "Second one."),
    ]


def test_region_subtag_is_ignored() -> None:
    text = "他说：“好。”然后他走了。"
    assert split_sentences(text, "zh-Hans") == split_sentences(text, "zh")


def test_japanese_uses_the_chinese_rules() -> None:
    assert _texts(split_sentences("「行きます。」彼は言った。明日も来る？", "ja")) == [
        "「行きます。」",
        "彼は言った。",
        "明日も来る？",
    ]


def test_unknown_language_falls_back_to_generic_rule_without_raising() -> None:
    text = "Der Bericht kam um 10 Uhr. Danach gab es Fragen! Wer antwortet?"
    assert _texts(split_sentences(text, "xx")) == [
        "Der Bericht kam um 10 Uhr.",
        "Danach gab es Fragen!",
        "Wer antwortet?",
    ]


def test_generic_rule_has_no_english_abbreviations() -> None:
    # "Dr." is an English title; under the generic rule a capitalised word after it starts anew.
    assert len(split_sentences("Ask Dr. Weber.", "en")) == 1
    assert len(split_sentences("Ask Dr. Weber.", "sv")) == 2


@pytest.mark.parametrize("lang", ["fr", "sv"])
def test_initials_and_decimals_stay_together(lang: str) -> None:
    assert _texts(split_sentences("Le texte de J. R. Martin cite 3.5 %. Il est court.", lang)) == [
        "Le texte de J. R. Martin cite 3.5 %.",
        "Il est court.",
    ]


def test_full_width_stops_end_sentences_under_every_rule() -> None:
    for lang in ("en", "fr", "xx"):
        assert _texts(split_sentences("第一句。第二句！", lang)) == ["第一句。", "第二句！"]


def test_empty_and_blank_text_has_no_sentences() -> None:
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\u3000 ", "zh") == []


# --- paragraphs ------------------------------------------------------------------------------


def test_indentation_is_not_part_of_the_paragraph() -> None:
    text = "  First paragraph.\n\n\u3000\u3000第二段。\n"
    assert split_paragraphs(text) == [
        Span(2, 18, "First paragraph."),
        Span(22, 26, "第二段。"),
    ]


def test_single_newlines_stay_inside_a_paragraph() -> None:
    text = "Line one\nline two\n  line three\n\nNext paragraph."
    assert _texts(split_paragraphs(text)) == ["Line one\nline two\n  line three", "Next paragraph."]


def test_trailing_newline_or_none_gives_the_same_paragraphs() -> None:
    assert split_paragraphs("A.\n\nB.\n") == split_paragraphs("A.\n\nB.")
    assert _texts(split_paragraphs("A.\n\nB.\n\n\n")) == ["A.", "B."]


def test_leading_blank_lines_are_skipped() -> None:
    text = "\n\n  \nTitle\n\nBody."
    assert split_paragraphs(text) == [Span(5, 10, "Title"), Span(12, 17, "Body.")]


def test_whitespace_only_lines_separate_paragraphs() -> None:
    text = "One.\n   \nTwo.\n\t\nThree.\n\u3000\u3000\nFour."
    assert _texts(split_paragraphs(text)) == ["One.", "Two.", "Three.", "Four."]


def test_many_blank_lines_are_one_separator() -> None:
    assert _texts(split_paragraphs("One.\n\n\n\n \n\nTwo.")) == ["One.", "Two."]


def test_offset_shifts_paragraph_spans() -> None:
    assert split_paragraphs("\nA b.\n\nC.", offset=7) == [Span(8, 12, "A b."), Span(14, 16, "C.")]


def test_no_paragraphs_in_blank_text() -> None:
    assert split_paragraphs("") == []
    assert split_paragraphs("\n \n\u3000\n") == []


def test_sentences_of_paragraphs_index_the_whole_text() -> None:
    text = "Title\n\n  He said \"Stop.\" Then he left.\n\n他说：“好。”然后他走了。\n"
    for paragraph in split_paragraphs(text):
        for sentence in split_sentences(paragraph.text, "en", offset=paragraph.start):
            assert text[sentence.start : sentence.end] == sentence.text


# --- properties ------------------------------------------------------------------------------

_ALPHABET = st.one_of(
    st.sampled_from(list(" \n\n\t\u3000\r\xa0.!?…。！？；;:，,\"'“”‘’「」（）()[]《》0123456789abcXYZ和好U.SzBDrMäéß")),
    st.characters(),
)
_TEXT = st.text(_ALPHABET, max_size=200)
# Every registered language, region-tagged and unknown codes, and the empty code.
_LANG = st.sampled_from([*sorted(registered_languages()), "xx", "zh-Hant", "de-AT", ""])


@settings(max_examples=400)
@given(text=_TEXT, offset=st.integers(min_value=0, max_value=10_000))
def test_paragraph_split_is_lossless(text: str, offset: int) -> None:
    spans = split_paragraphs(text, offset)
    assert_lossless(text, spans, offset)
    for span in spans:
        # No blank line survives inside a paragraph.
        assert all(line.strip() for line in span.text.split("\n"))


@settings(max_examples=400)
@given(text=_TEXT, lang=_LANG, offset=st.integers(min_value=0, max_value=10_000))
def test_sentence_split_is_lossless(text: str, lang: str, offset: int) -> None:
    assert_lossless(text, split_sentences(text, lang, offset), offset)


@pytest.mark.parametrize("lang", sorted(registered_languages()))
@settings(max_examples=200)
@given(text=_TEXT, offset=st.integers(min_value=0, max_value=10_000))
def test_sentence_split_is_lossless_for_every_registered_language(lang: str, text: str, offset: int) -> None:
    assert_lossless(text, split_sentences(text, lang, offset), offset)


@given(text=_TEXT, lang=_LANG)
def test_offset_only_shifts_spans(text: str, lang: str) -> None:
    plain = split_sentences(text, lang)
    shifted = split_sentences(text, lang, offset=42)
    assert [(s.start + 42, s.end + 42, s.text) for s in plain] == [(s.start, s.end, s.text) for s in shifted]


def test_half_width_period_after_closing_quote_ends_a_chinese_sentence() -> None:
    assert _texts(split_sentences("他只说了“好”.然后走了.", "zh")) == ["他只说了“好”.", "然后走了."]

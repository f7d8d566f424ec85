"""Tests of the language registry (bicorpus.lang) and of what the language modules provide."""

from __future__ import annotations

import pytest

from bicorpus.lang import (
    LanguageRules,
    generic,
    language,
    primary_subtag,
    registered_languages,
)


def test_every_required_language_has_a_module() -> None:
    assert {"en", "zh", "de", "fr"} <= registered_languages()


@pytest.mark.parametrize("code", sorted(registered_languages()))
def test_a_registered_language_gets_its_own_rules(code: str) -> None:
    rules = language(code)
    assert isinstance(rules, LanguageRules)
    assert rules.code == code
    assert rules is not generic.RULES


@pytest.mark.parametrize(("code", "expected"), [
    ("zh-Hant", "zh"), ("zh_TW", "zh"), ("ZH-cn", "zh"), ("de-AT", "de"), ("fr-CA", "fr"),
    ("en-GB", "en"), ("cmn", "zh"), ("deu", "de"), (" fr ", "fr"), ("iw", "he"), ("jw", "jv"),
])
def test_region_and_script_subtags_are_ignored(code: str, expected: str) -> None:
    assert primary_subtag(code) == expected
    assert language(code) is language(expected)


@pytest.mark.parametrize("code", ["xx", "sv", "pt-BR", "", "-", "und", "i-klingon"])
def test_unknown_code_falls_back_to_the_generic_rules_without_raising(code: str) -> None:
    assert language(code) is generic.RULES


def test_generic_fallback_is_latin_script_spaced_and_without_language_data() -> None:
    rules = language("xx")
    assert rules.scripts == frozenset({"Latn"})
    assert not rules.unspaced
    assert not rules.sentences.full_width
    assert not rules.sentences.abbreviations and not rules.sentences.sentence_openers
    assert rules.numerals is None and rules.attribution is None


def test_chinese_japanese_and_cantonese_share_one_script_rule_set() -> None:
    assert language("zh").sentences is language("ja").sentences is language("yue").sentences
    assert all(language(code).unspaced for code in ("zh", "ja", "yue", "th"))
    assert not any(language(code).unspaced for code in ("en", "de", "fr", "ru", "xx"))


def test_chinese_and_english_rules_do_not_leak_into_german_or_french() -> None:
    assert "z.b" in language("de").sentences.abbreviations
    assert "z.b" not in language("en").sentences.abbreviations
    assert "mme" in language("fr").sentences.abbreviations
    assert "mme" not in language("de").sentences.abbreviations


def test_script_guesses_follow_each_language_module() -> None:
    from bicorpus.check import language_contradicts

    assert not language_contradicts("und-Hani", "ja")  # Japanese is written with Han characters too
    assert not language_contradicts("und-Latn", "de")
    assert language_contradicts("und-Latn", "ru")
    assert language_contradicts("und-Hani", "ko")
    assert not language_contradicts("und-Latn", "sv")  # no module: taken for Latin script


def test_aligner_script_check_uses_every_script_of_the_language() -> None:
    from bicorpus.sentence_aligner.errors import AlignerInputError
    from bicorpus.sentence_aligner.languages import check_script

    japanese = ["きょうはとても天気がいいので、公園へ散歩に行きました。"] * 3
    check_script(japanese, "ja", "src_lang")
    with pytest.raises(AlignerInputError, match="Hani/Hira/Kana"):
        check_script(["Dies ist ganz eindeutig ein deutscher Satz mit vielen Buchstaben."] * 3, "ja", "src_lang")


@pytest.mark.parametrize(("text", "value"), [
    ("二十", 20), ("十一", 11), ("十八", 18), ("二十一", 21), ("一百零五", 105), ("两万", 20_000),
    ("三千五百万", 35_000_000), ("十亿", 1_000_000_000), ("三万亿", 3_000_000_000_000),
    ("一亿二千万", 120_000_000), ("二〇二四", 2024), ("一九九八", 1998), ("三", 3), ("零", 0), ("2024", 2024),
])
def test_chinese_numeral_is_read_as_its_value(text: str, value: int) -> None:
    from bicorpus.lang.zh import numeral_value

    assert numeral_value(text) == value


@pytest.mark.parametrize("text", ["三四", "一二", "七八", "十二三", "万一", "亿", "", "二十x", "100亿"])
def test_approximate_or_malformed_chinese_numeral_has_no_value(text: str) -> None:
    from bicorpus.lang.zh import numeral_value

    # 三四 is "three or four": an honest value reader says it is not one number.
    assert numeral_value(text) is None


def test_one_numeral_reader_serves_chinese_and_japanese() -> None:
    assert language("zh").numerals is language("ja").numerals is not None
    assert language("en").numerals is None


@pytest.mark.parametrize(("sentence", "code", "expected"), [
    ("他说。", "zh", True), ("迈瑞克问道。", "zh", True), ("他说他明天来。", "zh", False),
    ("she said.", "en", True), ("Myrick asked.", "en", True), ("She said it twice.", "en", False),
    ("他说。", "de", False), ("he said.", "xx", False),  # no pattern for the language
])
def test_speaker_attribution_comes_from_the_language_module(sentence: str, code: str, expected: bool) -> None:
    assert language(code).is_attribution(sentence) is expected

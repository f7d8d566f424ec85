"""The places of the Chinese module's bilingual dictionary as low-priority gazetteer names: what
they find, and what they must leave alone (common words, longer names that start with them)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.annotation_files import Entity
from bicorpus.auto_entities import annotate_entities, load_gazetteer
from bicorpus.lang.zh import dictionary_places

_PAIR = ("en", "zh")


def annotate(en: str, zh: str) -> list[Entity]:
    """The automatic entities of a one-sentence English–Chinese pair."""
    return annotate_entities({"en": en, "zh": zh}, _PAIR, [(((0, len(en)),), ((0, len(zh)),))])


def mentions(entities: list[Entity], texts: dict[str, str]) -> set[tuple[str, str, str]]:
    return {(m.lang, texts[m.lang][m.start:m.end], m.label) for e in entities for m in e.mentions}


def test_a_dictionary_city_is_found_in_both_languages_and_linked() -> None:
    # Budapest is no hand-written gazetteer name, so only the dictionary can find it.
    gazetteer = load_gazetteer()
    assert "Budapest" not in gazetteer.names_in("en") and "布达佩斯" not in gazetteer.names_in("zh")
    en, zh = "The forum met in Budapest last week.", "论坛上周在布达佩斯举行。"
    entities = annotate(en, zh)
    budapest = [e for e in entities if any(en[m.start:m.end] == "Budapest" for m in e.mentions_in("en"))]
    assert len(budapest) == 1 and budapest[0].label == "GPE"
    assert [zh[m.start:m.end] for m in budapest[0].mentions_in("zh")] == ["布达佩斯"]


def test_a_place_name_that_is_also_a_common_word_is_not_tagged() -> None:
    # 和平 is a district's name and "peace"; 海城 is a city, but in 沿海城市 ("coastal city")
    # jieba reads 沿海 and 城市, so 海城市 is no word there.
    assert "和平" not in dictionary_places()
    assert "海城" in dictionary_places() or "海城市" in dictionary_places()
    texts = {"en": "Both sides want peace for the coastal city.", "zh": "双方都希望沿海城市和平。"}
    found = mentions(annotate(texts["en"], texts["zh"]), texts)
    assert not any(label in ("GPE", "LOC") for _, _, label in found)


def test_a_place_starting_a_company_name_leaves_the_company_name_whole() -> None:
    assert "咸阳" in dictionary_places()
    texts = {
        "en": "Xianyang Pharmaceutical Co., Ltd. opened a plant.",
        "zh": "咸阳制药有限公司开设了工厂。",
    }
    found = mentions(annotate(texts["en"], texts["zh"]), texts)
    assert ("en", "Xianyang Pharmaceutical Co., Ltd.", "ORG") in found
    assert ("zh", "咸阳制药有限公司", "ORG") in found
    assert not any(label == "GPE" for _, _, label in found)


def test_a_place_starting_a_person_name_leaves_the_person_whole() -> None:
    texts = {"en": "Yang Li spoke to reporters.", "zh": "杨丽对记者说。"}
    found = mentions(annotate(texts["en"], texts["zh"]), texts)
    assert ("en", "Yang Li", "PERSON") in found and ("zh", "杨丽", "PERSON") in found


_HAND_WRITTEN_EN = load_gazetteer().names_in("en")
_ENGLISH_PLACES = sorted(
    {name for names, label in dictionary_places().values() if label == "GPE" for name in names
     if " " not in name and name.isalpha() and name not in _HAND_WRITTEN_EN}
)


@settings(max_examples=40, deadline=None)
@given(place=st.sampled_from(_ENGLISH_PLACES), follower=st.sampled_from(["Group", "Holdings", "Wei", "Tech"]))
def test_an_english_dictionary_place_before_a_capitalised_word_is_never_a_place_alone(place: str, follower: str) -> None:
    en = f"Shares of {place} {follower} rose on Monday."
    entities = annotate(en, "周一股价上涨。")
    assert not any(
        en[m.start:m.end] == place and m.label in ("GPE", "LOC") for e in entities for m in e.mentions_in("en")
    )

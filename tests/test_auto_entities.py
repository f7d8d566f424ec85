"""Rules of the automatic entity annotator on small self-made sentences, and its guarantees."""

from __future__ import annotations

import builtins
import io
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bicorpus import auto_entities
from bicorpus.annotation_files import load_entity_labels
from bicorpus.auto_entities import annotate_entities, load_gazetteer
from bicorpus.entity_candidates import Candidate
from bicorpus.lang import en, zh
from bicorpus.lang.zh import numeral_value

_GAZETTEER = load_gazetteer()


def english_candidates(text: str) -> list[Candidate]:
    return en.entity_candidates(text, 0, _GAZETTEER)


def chinese_candidates(text: str) -> list[Candidate]:
    return zh.entity_candidates(text, 0, _GAZETTEER)


def spans(candidates):
    return [(c.text, c.label) for c in candidates]


def one_bead(en: str, zh: str):
    return [(((0, len(en)),), ((0, len(zh)),))]


def annotate_pair(en: str, zh: str, beads):
    """The automatic entities of an English–Chinese pair, English the source side."""
    return annotate_entities({"en": en, "zh": zh}, ("en", "zh"), beads)


def test_english_dates_times_and_numbers():
    text = "On January 31, 2024 at 17:53, since July last year and in mid-December, in recent years, 12% more, 3 million tons."
    found = spans(english_candidates(text))
    assert ("January 31, 2024", "DATE") in found
    assert ("17:53", "TIME") in found
    assert ("July last year", "DATE") in found
    assert ("mid-December", "DATE") in found
    assert ("recent years", "DATE") in found
    assert ("12%", "PERCENT") in found
    assert ("3 million tons", "QUANTITY") in found
    assert not any(text == "2024" or text == "31" for text, _ in found)  # inside the date, not separate


def test_english_ordinals_and_cardinals():
    found = spans(english_candidates("First, the 11th session heard two reports; no one objected to the second."))
    assert ("First", "ORDINAL") in found and ("11th", "ORDINAL") in found and ("second", "ORDINAL") in found
    assert ("two", "CARDINAL") in found
    assert ("one", "CARDINAL") not in found


def test_numbers_inside_slogans_are_not_annotated():
    assert spans(english_candidates('Adhere to the "Four Orientations" amid changes unseen in a century.')) == []
    assert spans(chinese_candidates("坚持“四个面向”，应对百年未有之大变局。")) == []


def test_english_names_congresses_and_numbered_bodies():
    text = (
        "Since the 18th National Congress of the Communist Party, the 20th Central Political Bureau "
        "and the whole Party met Xi Jinping in Guangxi."
    )
    found = spans(english_candidates(text))
    assert ("18th National Congress of the Communist Party", "EVENT") in found
    assert ("20th Central Political Bureau", "ORG") in found
    assert ("Party", "ORG") in found
    assert ("Xi Jinping", "PERSON") in found
    assert ("Guangxi", "GPE") in found
    assert not any(label == "ORDINAL" for _, label in found)  # the ordinals belong to the names


def test_english_titles_are_left_out():
    found = spans(english_candidates("A speech by General Secretary Xi Jinping."))
    assert found == [("Xi Jinping", "PERSON")]


def test_english_capitalised_phrase_with_an_organisation_word():
    found = spans(english_candidates("He visited the Harbour Development Commission yesterday."))
    assert ("Harbour Development Commission", "ORG") in found
    assert ("yesterday", "DATE") in found


def test_chinese_dates_ordinals_and_names():
    text = (
        "2024年1月31日，去年7月以来，12月中旬，近年来，"
        "二十届中央政治局第十一次集体学习，党的二十大和中央经济工作会议，全党，我国，四川。"
    )
    found = spans(chinese_candidates(text))
    for expected in [
        ("2024年1月31日", "DATE"),
        ("去年7月", "DATE"),
        ("12月中旬", "DATE"),
        ("近年", "DATE"),
        ("二十届中央政治局", "ORG"),
        ("第十一", "ORDINAL"),
        ("党的二十大", "EVENT"),
        ("中央经济工作会议", "EVENT"),
        ("党", "ORG"),
        ("我国", "GPE"),
        ("四川", "GPE"),
    ]:
        assert expected in found, expected
    assert ("近年来", "DATE") not in found and ("第十一次", "ORDINAL") not in found


def test_chinese_numbers_and_plenums():
    found = spans(chinese_candidates("党的二十届三中全会提出三项任务，增长5.2%，投资100亿元。"))
    assert ("党的二十届三中全会", "EVENT") in found
    assert ("三", "CARDINAL") in found
    assert ("5.2%", "PERCENT") in found
    assert ("100亿元", "MONEY") in found


def test_jieba_noise_is_filtered():
    # jieba tags 高水平 and 陈旧 as person names and 深度 as a place; none may come out.
    found = spans(chinese_candidates("推进高水平开放，观念陈旧，深度融合。"))
    assert found == []


def test_chinese_and_arabic_numerals_in_keys_are_read_as_their_value():
    assert [numeral_value(t) for t in ["二十", "十一", "十八", "二十一", "一百零五", "2024", "二〇二四", "三万"]] == [
        20,
        11,
        18,
        21,
        105,
        2024,
        2024,
        30000,
    ]


def test_linking_within_a_bead():
    en = "Today, the 11th session of the 20th Central Political Bureau was held in Sichuan."
    zh = "今天，二十届中央政治局在四川进行第十一次集体学习。"
    entities = annotate_pair(en, zh, one_bead(en, zh))
    by_text = {tuple(sorted(m.text for m in e.mentions)): e for e in entities}
    assert ("Today", "今天") in by_text
    assert ("11th", "第十一") in by_text
    assert ("20th Central Political Bureau", "二十届中央政治局") in by_text
    assert ("Sichuan", "四川") in by_text
    assert by_text[("Sichuan", "四川")].id == "auto-sichuan"
    assert all(e.id.startswith("auto-") for e in entities)


def test_numbers_link_only_inside_their_bead_names_across_the_document():
    en = "First, Sichuan grew. First, Sichuan grew again."
    zh = "第一，四川增长。第一，四川再增长。"
    beads = [(((0, 20),), ((0, 8),)), (((21, len(en)),), ((8, len(zh)),))]
    assert en[0:20] == "First, Sichuan grew." and zh[0:8] == "第一，四川增长。"
    entities = annotate_pair(en, zh, beads)
    ordinals = [e for e in entities if e.label == "ORDINAL"]
    assert len(ordinals) == 2 and all(len(e.mentions) == 2 for e in ordinals)
    sichuan = [e for e in entities if e.label == "GPE"]
    assert len(sichuan) == 1 and len(sichuan[0].mentions) == 4


def test_unmatched_numbers_stay_separate():
    en = "Two reports were read."
    zh = "宣读了三份报告。"
    entities = annotate_pair(en, zh, one_bead(en, zh))
    assert all(len({m.lang for m in e.mentions}) == 1 for e in entities)


SPEECH_EN = (
    "Today, the 11th collective study session of the 20th Central Political Bureau was held. "
    "In mid-December, at the Central Economic Work Conference, I proposed it; China grew 5% in 2023."
)
SPEECH_ZH = "今天，二十届中央政治局进行第十一次集体学习。12月中旬，我在中央经济工作会议上提出，我国2023年增长5%。"


def _beads():
    en_cut, zh_cut = SPEECH_EN.index("In mid"), SPEECH_ZH.index("12月")
    return [(((0, en_cut - 1),), ((0, zh_cut),)), (((en_cut, len(SPEECH_EN)),), ((zh_cut, len(SPEECH_ZH)),))]


def test_deterministic_unique_ids_and_flat_valid_labels():
    first = annotate_pair(SPEECH_EN, SPEECH_ZH, _beads())
    second = annotate_pair(SPEECH_EN, SPEECH_ZH, _beads())
    assert first == second
    ids = [e.id for e in first]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"auto-[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    labels = set(load_entity_labels().labels)
    for lang, text in (("en", SPEECH_EN), ("zh", SPEECH_ZH)):
        mentions = sorted((m for e in first for m in e.mentions if m.lang == lang), key=lambda m: m.start)
        for before, after in itertools.pairwise(mentions):
            assert before.end <= after.start, (before, after)
        for m in mentions:
            assert text[m.start : m.end] == m.text and m.label in labels


def test_flat_on_the_shipped_speech():
    from bicorpus.pipeline import align_document
    from bicorpus.sources import read_document
    from conftest import SHIPPED_DOCUMENT

    aligned = align_document(read_document(SHIPPED_DOCUMENT))
    texts = aligned.source.texts
    entities = annotate_entities(texts, aligned.languages, aligned.sentence_bead_spans())
    for lang in ("en", "zh"):
        mentions = sorted((m for e in entities for m in e.mentions if m.lang == lang), key=lambda m: m.start)
        assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


GOLD_NAMES = ("entities.yaml", "themes.yaml")


def test_auto_modules_never_name_the_gold_files():
    for module in ("auto_entities", "auto_themes"):
        source = (Path(auto_entities.__file__).parent / f"{module}.py").read_text(encoding="utf-8")
        for name in GOLD_NAMES:
            assert name not in source, (module, name)


def test_auto_annotators_open_no_gold_file(monkeypatch):
    from bicorpus import auto_themes, theme_classifier

    opened: list[str] = []
    real_open, real_read_text, real_read_bytes = builtins.open, Path.read_text, Path.read_bytes

    def spy_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    def spy_read_text(self, *args, **kwargs):
        opened.append(str(self))
        return real_read_text(self, *args, **kwargs)

    def spy_read_bytes(self, *args, **kwargs):
        opened.append(str(self))
        return real_read_bytes(self, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    monkeypatch.setattr(Path, "read_text", spy_read_text)
    monkeypatch.setattr(Path, "read_bytes", spy_read_bytes)
    auto_entities._default_gazetteer.cache_clear()
    auto_entities.gazetteer_with_dictionary_places.cache_clear()
    theme_classifier.load_classifier.cache_clear()
    theme_classifier.load_training_paragraphs.cache_clear()
    annotate_pair(SPEECH_EN, SPEECH_ZH, _beads())
    auto_themes.annotate_themes(SPEECH_EN, "en", [(0, len(SPEECH_EN))], [(0, len(SPEECH_EN))])
    assert any(path.endswith("gazetteer.json") for path in opened)  # the spy does see reads
    assert not [path for path in opened if Path(path).name in GOLD_NAMES]


def test_gazetteer_is_valid_and_has_unique_names():
    gazetteer = load_gazetteer()
    assert gazetteer.names["en"]["Sichuan"] == ("sichuan", "GPE")
    assert gazetteer.names["zh"]["我国"] == ("china", "GPE")


def test_gazetteer_takes_names_in_any_language_and_a_missing_language_has_none(tmp_path):
    import json

    path = tmp_path / "gazetteer.json"
    entries = [
        {"id": "hamburg", "label": "GPE", "de": ["Hamburg"], "fr": ["Hambourg"]},
        {"id": "rhine", "label": "LOC", "de": ["Rhein"], "nl": ["Rijn"], "note": "no French name given"},
    ]
    data = {"description": "x", "entries": entries, "not_entities": {"de": ["Drei Säulen"]}}
    path.write_text(json.dumps(data), encoding="utf-8")
    gazetteer = load_gazetteer(path)
    assert gazetteer.names_in("de") == {"Hamburg": ("hamburg", "GPE"), "Rhein": ("rhine", "LOC")}
    assert gazetteer.names_in("fr") == {"Hambourg": ("hamburg", "GPE")}
    assert gazetteer.names_in("en") == {} and gazetteer.not_entities == {"de": ("Drei Säulen",)}


def test_gazetteer_keys_that_are_not_language_codes_are_refused(tmp_path):
    import json

    from bicorpus.errors import BicorpusError

    path = tmp_path / "gazetteer.json"
    entries = [{"id": "hamburg", "label": "GPE", "German": ["Hamburg"]}]
    path.write_text(json.dumps({"description": "x", "entries": entries, "not_entities": {}}), encoding="utf-8")
    with pytest.raises(BicorpusError, match="German"):
        load_gazetteer(path)


def test_gazetteer_rejects_a_name_given_twice(tmp_path):
    import json

    from bicorpus.errors import CorpusError

    path = tmp_path / "gazetteer.json"
    path.write_text(
        json.dumps(
            {
                "description": "x",
                "entries": [
                    {"id": "a", "label": "GPE", "en": ["Foo"], "zh": ["甲"]},
                    {"id": "b", "label": "GPE", "en": ["Foo"], "zh": ["乙"]},
                ],
                "not_entities": {"en": [], "zh": []},
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match="already a name") as error:
        load_gazetteer(path)
    assert error.value.code == "E342" and error.value.pointer == "/entries/1/en/0"


def test_capitalised_names_do_not_join_across_and_the():
    found = spans(
        english_candidates(
            "He toured Tsinghua University and the Pearl River Delta with the Ministry of Industry and Information Technology."
        )
    )
    assert ("Tsinghua University", "ORG") in found and ("Pearl River Delta", "LOC") in found
    assert ("Ministry of Industry and Information Technology", "ORG") in found


def test_durations_are_dates():
    assert ("three years", "DATE") in spans(english_candidates("It is the first rise in three years."))
    assert ("三年", "DATE") in spans(chinese_candidates("三年来首次增长。"))


# German and French have no entity-candidate rules (self-written sentences).
GERMAN = "Am 3. Oktober 2024 besuchte die Ministerin Hamburg. Sie sprach über zwölf neue Projekte."
FRENCH = "Le 3 octobre 2024, la ministre a visité Hambourg. Elle a parlé de douze nouveaux projets."
ENGLISH = "On October 3, 2024 the minister visited Germany. She spoke about twelve new projects."


def _two_beads(source: str, target: str):
    s_cut, t_cut = source.index(". ") + 1, target.index(". ") + 1
    return [
        (((0, s_cut),), ((0, t_cut),)),
        (((s_cut + 1, len(source)),), ((t_cut + 1, len(target)),)),
    ]


def test_a_german_french_pair_gets_no_entities_from_languages_without_rules():
    assert annotate_entities({"de": GERMAN, "fr": FRENCH}, ("de", "fr"), _two_beads(GERMAN, FRENCH)) == []


def test_only_the_language_with_rules_gives_mentions_on_either_side_of_the_pair():
    for languages, beads in (
        (("en", "de"), _two_beads(ENGLISH, GERMAN)),
        (("de", "en"), [(b, a) for a, b in _two_beads(ENGLISH, GERMAN)]),
    ):
        entities = annotate_entities({"en": ENGLISH, "de": GERMAN}, languages, beads)
        assert entities and {m.lang for e in entities for m in e.mentions} == {"en"}
        found = {(m.text, m.label) for e in entities for m in e.mentions}
        assert {("October 3, 2024", "DATE"), ("Germany", "GPE"), ("twelve", "CARDINAL")} <= found


def test_entities_follow_the_first_language_given():
    en = "Sichuan and China grew."
    zh = "中国和四川都增长了。"
    english_first = annotate_entities({"en": en, "zh": zh}, ("en", "zh"), one_bead(en, zh))
    chinese_first = annotate_entities({"en": en, "zh": zh}, ("zh", "en"), [(((0, len(zh)),), ((0, len(en)),))])
    assert [e.id for e in english_first] == ["auto-sichuan", "auto-china"]
    assert [e.id for e in chinese_first] == ["auto-china", "auto-sichuan"]
    assert [m.lang for m in chinese_first[0].mentions] == ["zh", "en"]
    assert {m for e in english_first for m in e.mentions} == {m for e in chinese_first for m in e.mentions}


# --- English rules of the second round (self-written sentences) ---------------------------------


def test_languages_are_told_from_nationality_adjectives_by_context():
    found = spans(english_candidates(
        "Speaking in German through an interpreter, she said German"
        " buyers want courses in Mandarin, Tibetan and Yi."
    ))
    assert ("German", "LANGUAGE") in found and ("German", "NORP") in found
    assert ("Mandarin", "LANGUAGE") in found and ("Tibetan", "LANGUAGE") in found and ("Yi", "LANGUAGE") in found
    assert ("Kenyan", "NORP") in spans(english_candidates("Kenyan tea growers came too."))
    assert not any(label == "NORP" for _, label in spans(english_candidates("The European Union met.")))


def test_clock_times_day_parts_and_minute_durations_are_times():
    found = spans(english_candidates(
        "At 10:15 a.m. on Tuesday evening a 12-minute film ran; farmers"
        " rise at six o'clock and leave before seven."
    ))
    assert ("10:15 a.m.", "TIME") in found and ("Tuesday", "DATE") in found and ("evening", "TIME") in found
    assert ("12-minute", "TIME") in found and ("six o'clock", "TIME") in found and ("seven", "TIME") in found
    assert ("This morning", "TIME") in spans(english_candidates("This morning I visited a farm."))
    assert ("afternoon", "TIME") in spans(english_candidates("He spoke on the afternoon of 23 September 2025."))


def test_quarters_period_ends_and_relative_durations_are_dates():
    found = spans(english_candidates(
        "Sales rose in the fourth quarter and the first half of this"
        " year, 12 percent more than a year earlier."
    ))
    assert ("fourth quarter", "DATE") in found and ("first half of this year", "DATE") in found
    assert ("a year earlier", "DATE") in found and not any(label == "ORDINAL" for _, label in found)
    found = spans(english_candidates("By the end of 2026 and nineteen months later it took a village a week."))
    assert ("end of 2026", "DATE") in found and ("nineteen months", "DATE") in found and ("a week", "DATE") in found


def test_a_rate_after_an_amount_is_not_a_date():
    found = spans(english_candidates("The drones cover 200 hectares a day, and the plant makes 20 gigawatt-hours a year."))
    assert ("200 hectares", "QUANTITY") in found and ("20 gigawatt-hours", "QUANTITY") in found
    assert not any(label == "DATE" for _, label in found)


def test_quantities_keep_compound_and_hyphenated_units_and_their_numbers_are_not_counts():
    found = spans(english_candidates(
        "It holds 160 watt-hours per kilogram, runs a 40-megawatt"
        " array and yields 9.8 tonnes per hectare."
    ))
    assert ("160 watt-hours per kilogram", "QUANTITY") in found and ("40-megawatt", "QUANTITY") in found
    assert ("9.8 tonnes per hectare", "QUANTITY") in found and not any(label == "CARDINAL" for _, label in found)


def test_model_codes_indices_and_varieties_are_products_and_numbers_in_names_are_not_counts():
    found = spans(english_candidates(
        "Two DJI Agras T50 drones, the HY-Na 160 cell, the"
        " Shuxiang 21 rice variety and the CSI 300 index."
    ))
    assert ("DJI Agras T50", "PRODUCT") in found and ("HY-Na 160", "PRODUCT") in found
    assert ("Shuxiang 21", "PRODUCT") in found and ("CSI 300", "PRODUCT") in found
    assert [t for t, label in found if label == "CARDINAL"] == ["Two"]
    assert spans(english_candidates("Scope 1 emissions fell.")) == []


def test_organisations_by_head_word_appositive_and_role():
    found = spans(english_candidates(
        "The Ministry of Agriculture and Rural Affairs thanked the Sichuan Provincial People's Government and Sichuan "
        "Agricultural University, the China Industrial Association of Power Sources and Acme Widgets Co., Ltd."
    ))
    assert ("Ministry of Agriculture and Rural Affairs", "ORG") in found
    assert ("Sichuan Provincial People's Government", "ORG") in found and ("Sichuan Agricultural University", "ORG") in found
    assert ("China Industrial Association of Power Sources", "ORG") in found and ("Acme Widgets Co., Ltd.", "ORG") in found
    found = spans(english_candidates(
        "Kim Berg, purchasing director of Nordwerk Speicher, met"
        " Embrapa, Brazil's research corporation."
    ))
    assert ("Nordwerk Speicher", "ORG") in found and ("Embrapa", "ORG") in found and ("Kim Berg", "PERSON") in found
    found = spans(english_candidates("The European Union's Batteries Regulation applies."))
    assert ("European Union", "ORG") in found and ("Batteries Regulation", "LAW") in found


def test_people_by_title_role_reporting_verb_and_pinyin_name():
    found = spans(english_candidates("Rice farmer Wang Deshun and Professor Ada Lind met Zhou Lanying; Tom Reed said no."))
    assert {("Wang Deshun", "PERSON"), ("Ada Lind", "PERSON"), ("Zhou Lanying", "PERSON"), ("Tom Reed", "PERSON")} <= set(found)
    assert not any(label == "PERSON" for _, label in spans(english_candidates("Good morning, Distinguished Guests.")))


def test_a_short_form_of_a_name_is_the_same_entity():
    text = "Markus Feldmann, purchasing director at Nordwerk Group, spoke. Feldmann said Nordwerk would buy."
    cut = text.index(" Feldmann said")
    beads = [(((0, cut),), ()), (((cut + 1, len(text)),), ())]
    entities = annotate_entities({"en": text, "zh": ""}, ("en", "zh"), beads)
    person = next(e for e in entities if e.label == "PERSON")
    assert [m.text for m in person.mentions] == ["Markus Feldmann", "Feldmann"]
    org = next(e for e in entities if e.label == "ORG")
    assert [m.text for m in org.mentions] == ["Nordwerk Group", "Nordwerk"]


def test_dateline_place_in_capitals_and_ratios():
    found = spans(english_candidates("HEFEI, 14 October 2025 — The ratio fell to 2.34 to 1."))
    assert ("HEFEI", "GPE") in found and ("2.34 to 1", "CARDINAL") in found and ("14 October 2025", "DATE") in found


@given(st.sampled_from(sorted(en._EN_NATIONALITIES - en._EN_LANGUAGES)), st.sampled_from(["buyers", "wheat", "firms"]))
def test_a_nationality_adjective_before_a_noun_is_norp(adjective, noun):
    found = spans(english_candidates(f"Officials said {adjective} {noun} arrived."))
    assert (adjective, "NORP") in found


_UNITS = ["hectares", "tonnes", "kilometres", "megawatts", "gigawatt-hours"]


@given(st.integers(min_value=1, max_value=999), st.sampled_from(_UNITS))
def test_a_number_with_a_unit_is_one_quantity_and_never_a_count(number, unit):
    found = spans(english_candidates(f"They added {number} {unit} last month."))
    assert (f"{number} {unit}", "QUANTITY") in found and not any(label == "CARDINAL" for _, label in found)


def test_english_money_in_other_currencies_and_ranges_are_one_span():
    found = spans(english_candidates(
        "It repaid a HK$2.5 billion loan, paid 40 million Swiss francs and 7.1 billion tenge, and from March to June "
        "sales grew 4% to 6%; talks on 11 and 12 May took nine working days."))
    for expected in [("HK$2.5 billion", "MONEY"), ("40 million Swiss francs", "MONEY"), ("7.1 billion tenge", "MONEY"),
                     ("March to June", "DATE"), ("4% to 6%", "PERCENT"), ("11 and 12 May", "DATE"),
                     ("nine working days", "DATE")]:
        assert expected in found, expected
    assert en.read_measure("HK$2.5 billion") == zh.read_measure("25亿港元")
    assert en.read_measure("40 million Swiss francs") == zh.read_measure("4000万瑞士法郎")


def test_english_multipliers_halves_and_occasions():
    text = "It costs twice as much, or three times as much per metre, at half load; watched 30 million times."
    found = spans(english_candidates(text))
    assert ("twice", "CARDINAL") in found and ("three times", "CARDINAL") in found
    assert ("half", "CARDINAL") in found
    assert ("30 million", "CARDINAL") in found  # occasions: the count alone
    assert not any(span.endswith("million times") for span, _ in found)


def test_english_date_ranges_modifier_durations_and_this_season():
    text = ("From 2026 to 2030, and from January 1 to December 31, a ten-year deal by year-end; this summer, "
            "over the next two days.")
    found = spans(english_candidates(text))
    for span in ("2026 to 2030", "January 1 to December 31", "ten-year", "year-end", "this summer", "next two days"):
        assert (span, "DATE") in found, span
    found = spans(english_candidates("by the end of the first half of 2026"))
    assert ("half", "CARDINAL") not in found


def test_chinese_multipliers_halves_ranges_and_relative_durations():
    text = "成本约为两倍，一半来自再生材料；2026年至2030年，1月1日至12月31日，去年年底，今年夏天，过去三年，接下来的两天。"
    found = spans(chinese_candidates(text))
    assert ("两倍", "CARDINAL") in found and ("一半", "CARDINAL") in found
    for span in ("2026年至2030年", "1月1日至12月31日", "去年年底", "今年夏天", "过去三年", "接下来的两天"):
        assert (span, "DATE") in found, span


def test_english_names_joined_by_and_newspapers_speakers_and_described_people():
    found = spans(english_candidates("Yes. Kunming University of Science and Technology and three colleges teach."))
    assert ("Kunming University of Science and Technology", "ORG") in found
    assert ("Yunnan Daily", "ORG") in spans(english_candidates("Yunnan Daily: Much of this trade is in fruit."))
    assert ("Dao Yuxin", "PERSON") in spans(english_candidates("Dao Yuxin: Before the railway opened, it took long."))
    assert ("Ingrid Lindqvist", "PERSON") in spans(english_candidates("Ingrid Lindqvist, its chief technology officer, agreed."))
    # Mid-sentence, a name before a colon is not a speaker label.
    assert ("Green Steel", "PERSON") not in spans(english_candidates("The report names one winner: Green Steel: a brand."))


def test_chinese_newspapers_are_organisations_and_a_counted_college_is_not_a_name():
    assert ("云南日报", "ORG") in spans(chinese_candidates("云南日报记者：这类贸易很大一部分是农产品。"))
    found = spans(chinese_candidates("我们与老挝一所学院合办了培训班。"))
    assert not any(label == "ORG" for _, label in found)


def test_chinese_event_names_end_in_an_event_word_and_leave_the_edition_out():
    found = spans(chinese_candidates("来到贵阳参加第三届西部算力与数据大会。"))
    assert ("西部算力与数据大会", "EVENT") in found and ("第三", "ORDINAL") in found
    found = spans(chinese_candidates("我们于3月在中国国际纺织面料及辅料博览会上推出新品。"))
    assert ("中国国际纺织面料及辅料博览会", "EVENT") in found
    assert ("2025西部算力与数据大会", "EVENT") in spans(chinese_candidates("在2025西部算力与数据大会开幕式上的致辞"))
    # Meetings named by who meets or by a demonstrative are not names.
    for text in ("公司召开2024年年度股东大会。", "感谢四川农业大学承办本次论坛。"):
        assert not any(label == "EVENT" for _, label in spans(chinese_candidates(text))), text


def test_english_annual_event_keeps_its_year_and_wider_regions_beat_their_continent():
    found = spans(english_candidates("At the opening of the 2025 Western China Computing Power and Data Conference we met."))
    assert ("2025 Western China Computing Power and Data Conference", "EVENT") in found
    found = spans(english_candidates("Yunnan trades with Southeast Asia and Central Asia."))
    assert ("Southeast Asia", "LOC") in found and ("Central Asia", "LOC") in found and ("Asia", "LOC") not in found


def test_publications_named_with_their_year_are_works_with_the_year_inside():
    found = spans(english_candidates("Analysts wrote in their Asia Credit Outlook 2026, published on Monday."))
    assert ("Asia Credit Outlook 2026", "WORK_OF_ART") in found and ("2026", "DATE") not in found
    found = spans(english_candidates("Details are in our 2025 Sustainability Report."))
    assert ("2025 Sustainability Report", "WORK_OF_ART") in found
    assert ("2025年年度报告", "WORK_OF_ART") in spans(chinese_candidates("东海风电装备股份有限公司2025年年度报告——第三节"))
    # A year that dates a report it does not name stays a DATE.
    assert ("2025年", "DATE") in spans(chinese_candidates("2025年发布的报告显示需求回升。"))
    assert ("2025", "DATE") in spans(english_candidates("The report for 2025 was late."))


@pytest.mark.parametrize(("finder", "text", "span", "label"), [
    (english_candidates, "The expo will be held in Xi'an next September.", "next September", "DATE"),
    (chinese_candidates, "报告将于下周发布。", "下周", "DATE"),
    (english_candidates, "BAOTOU, Inner Mongolia, Sept. 16 -- Beiyuan Iron and Steel Group began.", "Sept. 16", "DATE"),
    (english_candidates, "BAOTOU, Inner Mongolia, Sept. 16 -- Beiyuan Iron and Steel Group began.", "BAOTOU", "GPE"),
    (chinese_candidates, "报告作者之一周翰青说。", "一", "CARDINAL"),
])
def test_relative_months_abbreviated_dates_datelines_and_one_of_are_found(finder, text, span, label):
    assert (span, label) in spans(finder(text))


def test_a_day_number_after_an_abbreviated_month_and_one_of_start_no_other_span():
    assert ("16", "CARDINAL") not in spans(english_candidates("BAOTOU, Inner Mongolia, Sept. 16 -- Beiyuan began."))
    assert ("一周", "DATE") not in spans(chinese_candidates("报告作者之一周翰青说。"))
    found = spans(chinese_candidates("这家瑞典公司持有股份。"))
    assert not any(label == "ORG" and text.startswith("家") for text, label in found)

from pathlib import Path

import datasets

from bicorpus.annotate_terms import annotate_terms
from bicorpus.glossary import Glossary, Rendering, Term
from bicorpus.language_pair import LanguagePair
from conftest import REPOSITORY

EN_ZH = LanguagePair("en", "zh")


def _bead(bead_id: str, en: tuple[int, int] | None, zh: tuple[int, int] | None):
    return (bead_id, en, zh)


def _term(term_id: str, form: str, *renderings: str, pair: LanguagePair = EN_ZH) -> Term:
    return Term(term_id, form, tuple(Rendering(r, 0) for r in renderings), dict.fromkeys(pair, ""), dict.fromkeys(pair, 0))


TERM = _term("inner-need", "内在要求", "inherent requirement", "intrinsic requirement")


def test_occurrences_pair_in_order_within_each_bead_and_keep_unpaired_ones():
    en = "An Inherent requirement. An intrinsic requirement and an inherent requirement. Nothing."
    zh = "内在要求。内在要求。另有内在要求。"
    beads = [_bead("d/sp0000", (0, 24), (0, 5)), _bead("d/sp0001", (25, 79), (5, 10)), _bead("d/sp0002", (80, 88), (10, 17))]
    (record,) = annotate_terms("d", Glossary("d", EN_ZH, (TERM,)), {"en": en, "zh": zh}, beads)
    pairs = [(r["sentence_pair"], r["en_rendering"], r["zh_start"]) for r in record["realisations"]]
    assert pairs == [
        ("d/sp0000", "inherent requirement", 0),
        ("d/sp0001", "intrinsic requirement", 5),
        ("d/sp0001", "inherent requirement", None),
        ("d/sp0002", None, 12),
    ]
    assert record["count"] == {"en": 3, "zh": 3}
    assert en[record["realisations"][0]["en_start"] : record["realisations"][0]["en_end"]] == "Inherent requirement"


def test_renderings_match_whole_words_only():
    term = _term("hand", "看得见的手", "visible hand")
    texts = {"en": "the invisible hand", "zh": "看不见的手"}
    (record,) = annotate_terms("d", Glossary("d", EN_ZH, (term,)), texts, [_bead("d/sp0000", (0, 18), (0, 5))])
    assert record["realisations"] == []


def test_a_pair_without_english_or_chinese_names_its_own_fields():
    # A German form with French renderings: the record's keys are the pair's codes.
    pair = LanguagePair("fr", "de")
    term = _term("umbau", "Umbau", "transformation", "reconversion", pair=pair)
    texts = {"fr": "La transformation du port. Une reconversion.", "de": "Der Umbau des Hafens. Ein Umbau."}
    beads = [_bead("d/sp0000", (0, 26), (0, 21)), _bead("d/sp0001", (27, 44), (22, 32))]
    (record,) = annotate_terms("d", Glossary("d", pair, (term,)), texts, beads)
    assert record["de"] == "Umbau" and record["count"] == {"fr": 2, "de": 2}
    assert [(r["fr_rendering"], r["de_start"]) for r in record["realisations"]] == [
        ("transformation", 4), ("reconversion", 26)
    ]


def test_every_rendering_of_a_term_is_listed_in_one_query(tmp_path: Path):
    terms = datasets.load_dataset(str(REPOSITORY), "terms", split="train", cache_dir=str(tmp_path))
    (row,) = terms.filter(lambda t: t["zh"] == "内在要求")
    used = {r["en_rendering"] for r in row["realisations"]}
    assert used == {"inherent requirement", "intrinsic requirement"} == set(row["renderings"])

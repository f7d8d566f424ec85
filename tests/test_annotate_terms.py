from pathlib import Path

import datasets

from bicorpus.annotate_terms import annotate_terms
from bicorpus.glossary import Glossary, Rendering, Term
from bicorpus.records import SentencePair
from conftest import REPOSITORY


def _bead(bead_id: str, en: tuple[int, int] | None, zh: tuple[int, int] | None) -> SentencePair:
    return {"id": bead_id, "en_start": en[0] if en else None, "en_end": en[1] if en else None,
            "zh_start": zh[0] if zh else None, "zh_end": zh[1] if zh else None}  # type: ignore[typeddict-item]


TERM = Term("inner-need", "内在要求", (Rendering("inherent requirement", 0), Rendering("intrinsic requirement", 0)), "", "", 0, 0)


def test_occurrences_pair_in_order_within_each_bead_and_keep_unpaired_ones():
    en = "An Inherent requirement. An intrinsic requirement and an inherent requirement. Nothing."
    zh = "内在要求。内在要求。另有内在要求。"
    beads = [_bead("d/sp0000", (0, 24), (0, 5)), _bead("d/sp0001", (25, 79), (5, 10)), _bead("d/sp0002", (80, 88), (10, 17))]
    (record,) = annotate_terms("d", Glossary("d", (TERM,)), en, zh, beads)
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
    term = Term("hand", "看得见的手", (Rendering("visible hand", 0),), "", "", 0, 0)
    (record,) = annotate_terms(
        "d", Glossary("d", (term,)), "the invisible hand", "看不见的手", [_bead("d/sp0000", (0, 18), (0, 5))]
    )
    assert record["realisations"] == []


def test_every_rendering_of_a_term_is_listed_in_one_query(tmp_path: Path):
    terms = datasets.load_dataset(str(REPOSITORY), "terms", split="train", cache_dir=str(tmp_path))
    (row,) = terms.filter(lambda t: t["zh"] == "内在要求")
    used = {r["en_rendering"] for r in row["realisations"]}
    assert used == {"inherent requirement", "intrinsic requirement"} == set(row["renderings"])

"""Unit ids: one format, parsed back to the same parts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bicorpus.unit_ids import (
    UnitId,
    paragraph_bead_id,
    paragraph_id,
    parse_unit_id,
    sentence_bead_id,
    sentence_id,
)

documents = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
languages = st.from_regex(r"[a-z]{2,3}", fullmatch=True)
indices = st.integers(min_value=0, max_value=200_000)


def test_ids_have_the_documented_shape():
    assert paragraph_id("nqpf-2024-01-31", "zh", 7) == "nqpf-2024-01-31/zh/p007"
    assert sentence_id("nqpf-2024-01-31", "en", 42) == "nqpf-2024-01-31/en/s0042"
    assert paragraph_bead_id("doc", 7) == "doc/pp007"
    assert sentence_bead_id("doc", 12345) == "doc/sp12345"


@given(documents, languages, indices, st.sampled_from(["p", "s"]))
def test_a_unit_id_parses_back_to_its_parts(document: str, lang: str, index: int, kind: str):
    unit = UnitId(document, lang, kind, index)  # type: ignore[arg-type]
    assert parse_unit_id(str(unit)) == unit


@given(documents, indices, st.sampled_from(["pp", "sp"]))
def test_a_bead_id_parses_back_to_its_parts(document: str, index: int, kind: str):
    bead = UnitId(document, None, kind, index)  # type: ignore[arg-type]
    assert parse_unit_id(str(bead)) == bead


def test_ids_of_another_shape_are_not_parsed():
    for bad in ("doc/en/pp001", "doc/sp", "doc/s0001", "Doc/en/s0001", "doc/en/x0001", "doc/en/s-1"):
        assert parse_unit_id(bad) is None, bad

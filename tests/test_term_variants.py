"""bicorpus terms: each glossary term's renderings with counts, shares and a first example."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.cli import main
from bicorpus.errors import CorpusError
from bicorpus.language_pair import LanguagePair
from bicorpus.publish import iter_published, read_data
from bicorpus.records import Corpus, side
from bicorpus.term_variants import (
    TermVariants,
    find_terms,
    format_term_detail,
    format_variants_table,
    term_variants,
    variants_table_order,
)
from bicorpus.terminal_text import display_width, tsv_unescape
from conftest import REPOSITORY

CORPUS = REPOSITORY / "corpus"


@cache
def shipped() -> Corpus:
    return read_data(CORPUS / "data")


@cache
def shipped_variants() -> dict[str, TermVariants]:
    return {t.term: t for t in term_variants([shipped()])}


def test_each_terms_counts_equal_the_glossary_counts_of_both_languages() -> None:
    # The glossary's counts are measured over the whole texts; the realisations cover every
    # sentence, so counting them must give the same numbers.
    corpus = shipped()
    source, target = corpus.pair
    variants = shipped_variants()
    assert len(variants) == len(corpus.terms)
    for row in corpus.terms:
        counted = variants[row["term"]]
        assert counted.form == row[target]
        assert (counted.source_occurrences, counted.target_occurrences) == (row["count"][source], row["count"][target])
        assert [r.text for r in counted.renderings] == row["renderings"]


def test_the_intrinsic_requirement_term_has_two_renderings_of_one_occurrence_each() -> None:
    term = shipped_variants()["intrinsic-requirement"]
    assert [(r.text, r.count) for r in term.renderings] == [("inherent requirement", 1), ("intrinsic requirement", 1)]
    assert term.variants == 2 and [term.share(r) for r in term.renderings] == [0.5, 0.5]
    assert term.form_without_rendering == term.rendering_without_form == 0


def test_every_example_marks_the_rendering_in_the_source_and_the_form_in_the_target_sentence() -> None:
    corpus = shipped()
    source, target = corpus.pair
    beads = {s["id"]: s for s in corpus.sentences}
    examples = 0
    for term in shipped_variants().values():
        for rendering in term.renderings:
            e = rendering.example
            assert e is not None  # every listed rendering of the shipped glossary occurs
            assert e.source == beads[e.bead]["translation"][source] and e.target == beads[e.bead]["translation"][target]
            assert e.source[e.source_span[0] : e.source_span[1]].lower() == rendering.text.lower()
            if e.target_span is not None:
                assert e.target[e.target_span[0] : e.target_span[1]] == term.form
            # The first bead where the rendering realises the term (a paired one when there is one).
            firsts = [
                r for t in corpus.terms if t["term"] == term.term for r in t["realisations"]
                if r[side(source, "rendering")] == rendering.text
            ]
            paired = [r for r in firsts if r[side(target, "start")] is not None]
            assert e.bead == (paired or firsts)[0]["sentence_pair"]
            examples += 1
    assert examples == sum(len(t["renderings"]) for t in corpus.terms)


def test_one_sided_occurrences_are_counted_for_high_quality_development() -> None:
    corpus = shipped()
    source, target = corpus.pair
    row = next(t for t in corpus.terms if t["term"] == "high-quality-development")
    term = shipped_variants()["high-quality-development"]
    assert term.form_without_rendering == sum(r[side(source, "start")] is None for r in row["realisations"]) > 0
    assert term.rendering_without_form == sum(r[side(target, "start")] is None for r in row["realisations"]) > 0


realisation = st.tuples(st.sampled_from([None, 0, 1, 2]), st.booleans())


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(realisation, max_size=12), min_size=1, max_size=3))
def test_rendering_counts_add_up_to_the_terms_source_occurrences(documents: list[list[tuple[int | None, bool]]]) -> None:
    # Made-up records: one term glossed in several documents, each realisation a rendering (or
    # none) and a target side (or none); a realisation with neither side is not a realisation.
    pair = LanguagePair("xx", "yy")
    renderings = ["alpha", "beta", "gamma"]
    records = []
    expected_source = expected_target = 0
    for d, realisations in enumerate(documents):
        doc = f"doc-{d}"
        corpus = Corpus(pair)
        corpus.sentences.append({
            "id": f"{doc}/sp0000", "translation": {"xx": "alpha beta gamma", "yy": "form"},
            side("xx", "start"): 0, side("yy", "start"): 0,
        })
        rows = []
        for which, has_target in realisations:
            if which is None and not has_target:
                continue
            expected_source += which is not None
            expected_target += has_target
            start = None if which is None else [0, 6, 11][which]
            rows.append({
                "sentence_pair": f"{doc}/sp0000",
                side("xx", "rendering"): None if which is None else renderings[which],
                side("xx", "start"): start, side("xx", "end"): None if start is None else start + len(renderings[which or 0]),
                side("yy", "start"): 0 if has_target else None, side("yy", "end"): 4 if has_target else None,
            })
        corpus.terms.append({"id": f"{doc}/term/t", "document": doc, "term": "t", "yy": "form", "renderings": renderings,
                             "realisations": rows})
        records.append(corpus)
    [term] = term_variants(records)
    assert sum(r.count for r in term.renderings) == term.source_occurrences == expected_source
    assert term.target_occurrences == expected_target
    assert term.documents == [f"doc-{d}" for d in range(len(documents))]
    if expected_source:
        assert abs(sum(term.share(r) for r in term.renderings) - 1) < 1e-9
        assert term.dominant is not None and term.dominant.count == max(r.count for r in term.renderings)
    for r in term.renderings:
        if r.count:
            assert r.example is not None and r.example.source[slice(*r.example.source_span)] == r.text


def test_the_variants_table_lists_terms_with_most_renderings_then_most_occurrences_first() -> None:
    ordered = variants_table_order(shipped_variants().values())
    keys = [(-t.variants, -t.source_occurrences) for t in ordered]
    assert keys == sorted(keys) and ordered[0].variants > 1
    table = format_variants_table(list(shipped_variants().values()), "tsv").split("\n")
    assert [tsv_unescape(line.split("\t")[0]) for line in table[1:]] == [t.term for t in ordered]
    for line, term in zip(table[1:], ordered):
        _, form, variants, occurrences, dominant, renderings = line.split("\t")
        assert (form, int(variants), int(occurrences)) == (term.form, term.variants, term.source_occurrences)
        assert dominant == f"{100 * max(r.count for r in term.renderings) / term.source_occurrences:.1f}%"
        assert renderings == "; ".join(f"{r.text} ({r.count})" for r in term.renderings)


def test_the_markdown_table_has_one_row_per_term_and_the_same_columns_in_every_row() -> None:
    terms = list(shipped_variants().values())
    lines = format_variants_table(terms, "markdown").split("\n")
    rows = [line for line in lines if line.startswith("|")]
    assert len(rows) == len(terms) + 2
    assert {line.replace("\\|", "").count("|") for line in rows} == {7}
    assert lines[-1] == f"{len(terms)} terms, {sum(t.variants > 1 for t in terms)} with more than one rendering"


def test_text_table_aligns_columns_by_terminal_cells() -> None:
    terms = variants_table_order(shipped_variants().values())
    lines = format_variants_table(terms, "text").split("\n")
    header = lines[0]
    # The renderings column (the last) starts at the same terminal column in every row, Chinese forms or not.
    start = display_width(header[: header.index("English renderings (count)")])
    for row, term in zip(lines[1:], terms):
        cell = "; ".join(f"{r.text} ({r.count})" for r in term.renderings)
        assert row.endswith(cell) and display_width(row[: len(row) - len(cell)]) == start


def test_a_term_is_found_by_id_form_or_rendering_in_any_case() -> None:
    terms = list(shipped_variants().values())
    by_id = find_terms(terms, "intrinsic-requirement")
    assert find_terms(terms, "内在要求") == by_id == find_terms(terms, "Inherent Requirement")
    with pytest.raises(CorpusError) as error:
        find_terms(terms, "no such term")
    assert error.value.code == "E745"


def test_detail_text_shows_counts_shares_marked_examples_and_one_sided_counts() -> None:
    term = shipped_variants()["high-quality-development"]
    text = format_term_detail(term, "text")
    assert "[high-quality economic and social development]" in text and "[高质量发展]" in text
    assert text.split("\n")[-2:] == [
        f"Chinese form without a listed English rendering: {term.form_without_rendering}",
        f"English rendering without the Chinese form: {term.rendering_without_form}",
    ]
    markdown = format_term_detail(term, "markdown")
    assert "**high-quality development**" in markdown and "| high-quality development | 24 | 96.0% |" in markdown


def test_cli_table_and_detail(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["terms", str(CORPUS), "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("| term | Chinese form | variants |")
    assert main(["terms", str(CORPUS), "green low-carbon"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("绿色低碳 (green-and-low-carbon)") and "green and low-carbon" in out


def test_cli_one_argument_inside_a_corpus_folder_is_the_term(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(CORPUS)
    assert main(["terms", "新质生产力"]) == 0
    assert capsys.readouterr().out.startswith("新质生产力 (new-quality-productive-forces)")


def test_cli_unknown_term_is_e745_and_a_corpus_without_glossary_is_e746(
    built_three: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["terms", str(CORPUS), "no such term"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("bicorpus: E745 TERM 'no such term': is no glossary term") and err.count("\n") == 1
    assert main(["terms", str(built_three)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"bicorpus: E746 {built_three / 'data'}: holds no glossary terms")


def test_streaming_gives_the_same_variants_as_reading_whole() -> None:
    assert term_variants(iter_published(CORPUS / "data")) == list(shipped_variants().values())

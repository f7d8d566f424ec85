"""bicorpus concord: keyword in context over the sentence beads, hits labelled by the glossary term they realise."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.cli import main
from bicorpus.concordance import NO_TERM, TSV_HEADER, Summary, compile_pattern, concordance, text_row
from bicorpus.errors import CorpusError
from bicorpus.publish import iter_published, read_data
from bicorpus.records import Corpus, side
from bicorpus.terminal_text import display_width, fit, pad, tsv_field, tsv_unescape
from conftest import REPOSITORY

CORPUS = REPOSITORY / "corpus"


@cache
def shipped() -> Corpus:
    return read_data(CORPUS / "data")


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_requirement_in_the_source_side_counts_each_rendering_of_the_intrinsic_requirement_term() -> None:
    corpus = shipped()
    source = corpus.pair.source
    hits = list(concordance([corpus], compile_pattern("requirement"), source, 40))
    expected = sum(len(re.findall("requirement", s["translation"][source], re.IGNORECASE)) for s in corpus.sentences)
    assert len(hits) == expected > 2
    summary = Summary()
    for hit in hits:
        summary.add(hit)
    counts = summary.by_term[source]
    assert counts["inherent requirement"] == 1 and counts["intrinsic requirement"] == 1
    assert counts[NO_TERM] == expected - 2
    assert "inherent requirement: 1" in summary.lines()[1] and summary.lines()[1].endswith(f"{NO_TERM}: {expected - 2}")


def test_target_side_hits_are_labelled_with_the_form_and_point_at_the_partner_rendering() -> None:
    corpus = shipped()
    target = corpus.pair.target
    hits = [h for h in concordance([corpus], compile_pattern("内在要求"), target, 10)]
    assert len(hits) == 2 and {h.term for h in hits} == {"内在要求"}
    partners = {h.other[h.partner[0] : h.partner[1]] for h in hits if h.partner is not None}
    assert partners == {"inherent requirement", "intrinsic requirement"}


def test_both_languages_are_searched_by_default_and_each_hit_is_labelled_by_its_language() -> None:
    corpus = shipped()
    # Digits occur on both sides of the shipped speech (its date, the congresses' numbers).
    hits = list(concordance([corpus], compile_pattern(r"\d+"), None, 10))
    languages = {h.lang for h in hits}
    assert languages == set(corpus.pair.codes)
    for hit in hits:
        assert hit.other_lang != hit.lang and hit.other_lang in corpus.pair.codes


def test_matching_ignores_case_unless_case_sensitive() -> None:
    corpus = shipped()
    source = corpus.pair.source
    texts = [s["translation"][source] for s in corpus.sentences]
    insensitive = list(concordance([corpus], compile_pattern("XI JINPING"), source, 0))
    sensitive = list(concordance([corpus], compile_pattern("XI JINPING", case_sensitive=True), source, 0))
    assert len(insensitive) == sum(len(re.findall("xi jinping", t, re.IGNORECASE)) for t in texts) > 0
    assert len(sensitive) == sum(t.count("XI JINPING") for t in texts) == 0


def test_streaming_the_published_files_gives_the_same_hits_as_reading_them_whole() -> None:
    pattern = compile_pattern("develop")
    streamed = list(concordance(iter_published(CORPUS / "data"), pattern))
    whole = list(concordance([shipped()], pattern))
    assert streamed == whole and streamed


def test_zero_width_matches_are_not_hits() -> None:
    assert list(concordance([shipped()], compile_pattern(r"\b"))) == []


@settings(max_examples=60, deadline=None)
@given(data=st.data(), context=st.integers(min_value=0, max_value=60))
def test_every_hit_slices_left_match_and_right_out_of_its_side(data: st.DataObject, context: int) -> None:
    corpus = shipped()
    bead = data.draw(st.sampled_from([s for s in corpus.sentences if s["translation"][corpus.pair.target]]))
    lang = data.draw(st.sampled_from(corpus.pair.codes))
    text = bead["translation"][lang]
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=min(len(text), start + 12)))
    needle = text[start:end]
    hits = list(concordance([corpus], compile_pattern(re.escape(needle), case_sensitive=True), lang, context))
    # The drawn place is among the hits (unless an earlier, overlapping occurrence took it).
    assert any(h.bead == bead["id"] and h.start <= start < h.end + len(needle) for h in hits)
    summary = Summary()
    for hit in hits:
        summary.add(hit)
        assert hit.lang == lang and hit.match == needle
        assert hit.left + hit.match + hit.right == hit.text[hit.start - len(hit.left) : hit.end + len(hit.right)]
        assert len(hit.left) == min(context, hit.start) and len(hit.right) == min(context, len(hit.text) - hit.end)
    # The summary is a partition of the hits: each counted once, under one label.
    assert sum(sum(c.values()) for c in summary.by_term.values()) == summary.hits == len(hits)


def test_a_hit_is_labelled_exactly_when_it_overlaps_a_term_realisation_of_its_bead() -> None:
    corpus = shipped()
    source, target = corpus.pair
    labelled = 0
    for lang in corpus.pair:
        for hit in concordance([corpus], compile_pattern(r"\w+"), lang, 0):
            bead = next(s for s in corpus.sentences if s["id"] == hit.bead)
            begin = bead[side(lang, "start")] + hit.start
            finish = bead[side(lang, "start")] + hit.end
            overlapping = {
                r[side(source, "rendering")] if lang == source else t[target]
                for t in corpus.terms for r in t["realisations"]
                if r["sentence_pair"] == hit.bead and r[side(lang, "start")] is not None
                and r[side(lang, "start")] < finish and begin < r[side(lang, "end")]
            }
            assert (hit.term in overlapping) if overlapping else hit.term is None
            labelled += hit.term is not None
    assert labelled > 0


def test_text_rows_start_every_match_in_the_same_terminal_column_for_wide_and_narrow_text() -> None:
    corpus = shipped()
    hits = list(concordance([corpus], compile_pattern(r"发展|development"), None, 30))
    assert {h.lang for h in hits} == set(corpus.pair.codes)
    bead_cells = max(display_width(h.bead) for h in hits)
    columns = set()
    for hit in hits:
        row = text_row(hit, 30, bead_cells)
        # The match's bracket follows the fixed-width bead, language and left-context columns.
        prefix = f"{pad(hit.bead, bead_cells)}  {hit.lang}  "
        left = row[len(prefix) : row.index("[" + hit.match + "]", len(prefix))]
        assert display_width(left) == 30
        columns.add(display_width(prefix + left))
    assert len(columns) == 1


@given(st.text(), st.integers(min_value=0, max_value=30))
def test_fit_never_exceeds_its_cells_and_keeps_the_text_it_can(text: str, cells: int) -> None:
    for keep in ("start", "end"):
        cut = fit(text, cells, keep=keep)
        assert display_width(cut) <= cells
        if display_width(text) <= cells:
            assert cut == text
        elif cut:
            kept = cut[:-1] if keep == "start" else cut[1:]
            assert (text.startswith(kept) if keep == "start" else text.endswith(kept))


@given(st.text())
def test_tsv_fields_hold_no_tab_or_line_break_and_read_back_to_the_text(text: str) -> None:
    field = tsv_field(text)
    assert not set("\t\n\r") & set(field)
    assert tsv_unescape(field) == text


def test_wide_characters_take_two_cells_and_combining_marks_none() -> None:
    assert display_width("生产力") == 6 and display_width("abc") == 3 and display_width("e\u0301") == 1
    assert pad("生产", 6) == "生产  " and pad("ab", 4, align="right") == "  ab"


def test_cli_text_output_ends_with_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    source = shipped().pair.source
    assert main(["concord", str(CORPUS), "requirement", "--lang", source]) == 0
    out = capsys.readouterr().out.rstrip("\n").split("\n")
    hits = [line for line in out if "[requirement]" in line.lower()]
    assert len(hits) == 4 and out[len(hits)] == ""
    assert out[len(hits) + 1] == f"4 hits ({source} 4)"
    assert out[-1].startswith(f"{source}: ") and "intrinsic requirement: 1" in out[-1]


def test_cli_tsv_is_one_table_with_the_other_side_whole_and_the_summary_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    corpus = shipped()
    assert main(["concord", str(CORPUS), "新质生产力", "--format", "tsv", "--context", "5"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.rstrip("\n").split("\n")
    assert lines[0].split("\t") == list(TSV_HEADER)
    texts = {s["id"]: s["translation"] for s in corpus.sentences}
    occurrences = sum(s["translation"][corpus.pair.target].count("新质生产力") for s in corpus.sentences)
    assert len(lines) - 1 == occurrences
    for line in lines[1:]:
        fields = [tsv_unescape(f) for f in line.split("\t")]
        assert len(fields) == len(TSV_HEADER)
        bead, lang, left, match, right, term, other_lang, other = fields
        assert match == "新质生产力" and term == "新质生产力" and len(left) <= 5
        assert other == texts[bead][other_lang] and left + match + right in texts[bead][lang]
    assert captured.err.startswith(f"{occurrences} hits")


def test_a_bad_regular_expression_is_one_coded_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["concord", str(CORPUS), "develop(ment"]) == 1
    err = _one_line_error(capsys)
    assert err.startswith("bicorpus: E741 PATTERN 'develop(ment': is not a valid regular expression") and "position" in err


def test_a_language_outside_the_pair_is_e742(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["concord", str(CORPUS), "x", "--lang", "de"]) == 1
    assert _one_line_error(capsys).startswith("bicorpus: E742 --lang de: is not a language of this en-zh corpus")


def test_negative_context_is_e743(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["concord", str(CORPUS), "x", "--context", "-1"]) == 1
    assert _one_line_error(capsys).startswith("bicorpus: E743 --context -1: is negative")


def test_concordance_raises_the_coded_error_for_a_foreign_language() -> None:
    with pytest.raises(CorpusError) as error:
        list(concordance([shipped()], compile_pattern("x"), "fr"))
    assert error.value.code == "E742"


def test_pattern_defaults_to_the_current_folder(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(CORPUS)
    assert main(["concord", "intrinsic"]) == 0
    assert "[intrinsic]" in capsys.readouterr().out


def test_the_small_corpus_without_a_glossary_counts_every_hit_as_no_term(built_three: Path) -> None:
    hits = list(concordance(iter_published(built_three / "data"), compile_pattern("harbour")))
    assert hits and {h.term for h in hits} == {None}
    assert {h.bead.split("/")[0] for h in hits} == {"harbour-a", "harbour-b", "harbour-c"}

"""Sentence aligner parts that need no embedding model: metrics, files, the dynamic program.

The property tests run the whole aligner with a stand-in encoder (hash-seeded vectors), so
they check the search, not the model; tests with the real model are in
test_sentence_aligner_model.py.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.beads import Bead, check_complete
from bicorpus.sentence_aligner.aligner import AlignerSettings, SentenceAligner
from bicorpus.sentence_aligner.dynamic_program import align_in_band, band_around, full_band, path_nodes
from bicorpus.sentence_aligner.errors import AlignerInputError
from bicorpus.sentence_aligner.evaluation import read_alignment_file, read_gold_set, score
from bicorpus.sentence_aligner.input_files import read_sentences, split_lines
from bicorpus.sentence_aligner.languages import check_script, normalise


def beads(*lines: str) -> list[Bead]:
    return [Bead.from_interchange(line) for line in lines]


# ----- metrics -----

def test_exact_scores_count_nulls_and_sum_over_documents():
    gold = [beads("[0]:[0]", "[1]:[1,2]", "[2]:[]"), beads("[0,1]:[0]")]
    test = [beads("[0]:[0]", "[1]:[1]", "[]:[2]", "[2]:[]"), beads("[0,1]:[0]")]
    s = score(test, gold)
    assert (s.matches, s.test_beads, s.gold_beads) == (3, 5, 4)  # [0]:[0], [2]:[], [0,1]:[0]
    assert s.precision == pytest.approx(3 / 5)
    assert s.recall == pytest.approx(3 / 4)
    assert s.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_strict_and_lax_follow_vecalign():
    gold = [beads("[0]:[0]", "[1]:[1,2]", "[2]:[]")]
    test = [beads("[0]:[0]", "[1]:[1]", "[]:[2]", "[2]:[]")]
    s = score(test, gold)
    # precision over all 4 test beads: strict hits [0]:[0] and [2]:[]; lax adds [1]:[1]
    assert (s.p_strict, s.p_lax, s.p_total) == (2, 3, 4)
    # recall over gold beads without nulls ([0]:[0], [1]:[1,2]) against test beads without nulls
    assert (s.r_strict, s.r_lax, s.r_total) == (1, 2, 2)
    assert s.f1_strict == pytest.approx(2 * 0.5 * 0.5 / 1.0)
    assert s.f1_lax == pytest.approx(2 * 0.75 * 1.0 / 1.75)


def test_perfect_and_disjoint_alignments():
    gold = [beads("[0]:[0]", "[1,2]:[1]")]
    assert score(gold, gold).f1 == 1.0
    wrong = [beads("[0,1]:[0,1]", "[2]:[]")]
    s = score(wrong, gold)
    assert s.f1 == 0.0 and s.f1_strict == 0.0 and s.f1_lax > 0.0


def test_per_type_figures():
    gold = [beads("[0]:[0]", "[1]:[1,2]")]
    test = [beads("[0]:[0]", "[1]:[1]", "[]:[2]")]
    rows = {row[0]: row[1:] for row in score(test, gold).type_figures()}
    assert rows["1-1"] == (1, 2, 0.5, 1.0, pytest.approx(2 / 3))
    assert rows["1-2"][:2] == (1, 0) and rows["1-2"][4] == 0.0
    assert rows["0-1"][:2] == (0, 1)


def test_gold_set_reading(tmp_path):
    for sub in ("src", "tgt", "gold"):
        (tmp_path / sub).mkdir()
    (tmp_path / "src" / "001").write_text("a\nb\n", encoding="utf-8")
    (tmp_path / "tgt" / "001").write_text("x\n", encoding="utf-8")
    (tmp_path / "gold" / "001.align").write_text("[0,1]:[0]\n", encoding="utf-8")
    (doc,) = read_gold_set(tmp_path)
    assert doc.src == ["a", "b"] and doc.gold == beads("[0,1]:[0]")
    (tmp_path / "gold" / "001.align").write_text("[0,1]:[0]\n[x]:[1]\n", encoding="utf-8")
    with pytest.raises(AlignerInputError, match=r"001.align:2"):
        read_gold_set(tmp_path)
    with pytest.raises(AlignerInputError, match="no gold/ folder"):
        read_gold_set(tmp_path / "src")


def test_alignment_file_skips_blank_lines(tmp_path):
    path = tmp_path / "a.align"
    path.write_text("[0]:[0]\n\n[1]:[]\n", encoding="utf-8")
    assert read_alignment_file(path) == beads("[0]:[0]", "[1]:[]")


# ----- input files -----

def test_bom_crlf_and_final_newline():
    assert split_lines(b"\xef\xbb\xbfone\r\ntwo\r\n", "f") == ["one", "two"]
    assert split_lines(b"one\rtwo", "f") == ["one", "two"]
    assert split_lines(b"", "f") == []
    assert split_lines(b"\n", "f") == [""]


def test_invalid_utf8_names_file_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"fine\nalso fine\n\xff broken\n")
    with pytest.raises(AlignerInputError, match=r"bad.txt:3: invalid UTF-8"):
        read_sentences(path)
    with pytest.raises(AlignerInputError, match="no such file"):
        read_sentences(tmp_path / "missing.txt")


# ----- languages -----

def test_language_codes():
    assert normalise("ZH_cn", "src_lang") == "zh"
    assert normalise("en", "tgt_lang") == "en"
    with pytest.raises(AlignerInputError, match="not covered"):
        normalise("xx", "src_lang")


def test_script_check_catches_swapped_sides():
    english = ["This is plainly an English sentence with many letters."] * 3
    chinese = ["这是一个很长的中文句子，里面有很多汉字。"] * 3
    check_script(english, "en", "src_lang")
    check_script(chinese, "zh", "src_lang")
    with pytest.raises(AlignerInputError, match="does not look like 'zh'"):
        check_script(english, "zh", "src_lang")
    with pytest.raises(AlignerInputError, match="does not look like 'en'"):
        check_script(chinese, "en", "src_lang")
    check_script(["OK"], "zh", "src_lang")  # too short to judge


# ----- the dynamic program -----

def _steps_to_beads(steps):
    out, i, j = [], 0, 0
    for a, b, _ in steps:
        out.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return out


def test_dynamic_program_finds_the_planted_path():
    planted = [(1, 1), (1, 2), (2, 1), (1, 1), (1, 0), (1, 1), (0, 1), (1, 3)]
    n = sum(a for a, _ in planted)
    m = sum(b for _, b in planted)
    good = set()
    i = j = 0
    for a, b in planted:
        i, j = i + a, j + b
        good.add((i, j, a, b))

    def row_scores(i, a, b, js):
        return np.array([2.0 if (i, int(j), a, b) in good else -1.0 for j in js])

    def skip_scores(side, idx):
        return np.full(idx.size, -0.1)

    types = [(1, 1), (1, 2), (2, 1), (1, 3)]
    steps = align_in_band(n, m, full_band(n, m), types, row_scores, skip_scores)
    assert [(a, b) for a, b, _ in steps] == planted
    narrow = band_around(path_nodes(steps), n, m, 1)
    again = align_in_band(n, m, narrow, types, row_scores, skip_scores)
    assert [(a, b) for a, b, _ in again] == planted


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 25), m=st.integers(0, 25), seed=st.integers(0, 2**32 - 1), margin=st.integers(0, 4))
def test_dynamic_program_path_is_complete(n, m, seed, margin):
    rng = np.random.default_rng(seed)
    table = rng.normal(size=(n + 1, m + 1, 6, 6))

    def row_scores(i, a, b, js):
        return table[i, js, a, b]

    def skip_scores(side, idx):
        return rng.normal(size=idx.size) if idx.size else np.zeros(0)

    types = [(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)]
    first = align_in_band(n, m, full_band(n, m), types[:3], row_scores, skip_scores)
    assert check_complete(_steps_to_beads(first), n, m) == []
    steps = align_in_band(n, m, band_around(path_nodes(first), n, m, margin), types, row_scores, skip_scores)
    assert check_complete(_steps_to_beads(steps), n, m) == []


# ----- the whole aligner with a stand-in encoder -----

class HashEncoder:
    """Stand-in for UseEncoder: a pseudo-random pooled state per distinct string."""

    def pooled(self, texts):
        states = np.zeros((len(texts), 512), dtype=np.float32)
        for row, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")
            states[row] = np.random.default_rng(seed).normal(size=512)
        return states, np.full(len(texts), 5.0, dtype=np.float32)

    def head(self, sums, counts):
        return (sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)).astype(np.float32)


sentences = st.lists(st.text(alphabet="abc 中文。", max_size=12), max_size=30)


@settings(max_examples=50, deadline=None)
@given(src=sentences, tgt=sentences, coarse=st.booleans(), two_pass=st.booleans())
def test_beads_cover_every_sentence_once_in_order(src, tgt, coarse, two_pass):
    aligner = SentenceAligner(AlignerSettings(coarse_limit=20 if coarse else 1_500_000, two_pass=two_pass,
                                              check_languages=False), encoder=HashEncoder())
    result = aligner.align(src, tgt, "zh", "en", src_breaks=[k for k in range(0, len(src), 4)])
    assert check_complete(result, len(src), len(tgt)) == []
    assert all(-1.0 <= b.score <= 1.0 for b in result)


def test_identical_texts_align_one_to_one_with_stand_in_encoder():
    text = [f"sentence number {k}" for k in range(40)]
    aligner = SentenceAligner(AlignerSettings(check_languages=False), encoder=HashEncoder())
    result = aligner.align(text, text, "en", "en")
    assert [b.type for b in result] == ["1-1"] * 40


def test_non_string_sentence_is_refused():
    aligner = SentenceAligner(AlignerSettings(check_languages=False), encoder=HashEncoder())
    with pytest.raises(AlignerInputError, match=r"src\[1\]"):
        aligner.align(["a", None], ["b"], "en", "en")


@pytest.mark.parametrize("margin_k", [4, 10_000])
def test_per_window_calibration_keeps_identical_texts_one_to_one(margin_k):
    from dataclasses import replace

    from bicorpus.sentence_aligner.bead_scores import ScoreParameters

    text = [f"sentence number {k}" for k in range(300)]  # more windows than the 256 sampled
    settings_ = AlignerSettings(check_languages=False, params=replace(ScoreParameters(), margin_k=margin_k))
    result = SentenceAligner(settings_, encoder=HashEncoder()).align(text, text, "en", "en")
    assert [b.type for b in result] == ["1-1"] * 300


def test_per_window_calibration_is_the_mean_over_the_sample():
    from dataclasses import replace

    from bicorpus.sentence_aligner.bead_scores import BeadScorer, ScoreParameters
    from bicorpus.sentence_aligner.embeddings import WindowEmbeddings

    encoder = HashEncoder()
    src = WindowEmbeddings.of_sentences(encoder, [f"s{k}" for k in range(10)])
    tgt = WindowEmbeddings.of_sentences(encoder, [f"t{k}" for k in range(7)])
    lengths = lambda n: np.ones(n)  # noqa: E731
    for k, reduce in ((10_000, np.mean), (2, lambda x, axis: np.sort(x, axis=axis)[:, -2:].mean(axis=1))):
        scorer = BeadScorer(src, tgt, lengths(10), lengths(7), replace(ScoreParameters(), margin_k=k))
        src_margin, tgt_margin = scorer.margins(1, 2)
        sims = src.of(1) @ tgt.of(2).T
        assert np.allclose(src_margin, reduce(sims, axis=1), atol=1e-5)
        assert np.allclose(tgt_margin, reduce(sims.T, axis=1), atol=1e-5)


def _group_sizes(draw_sizes, n: int, m: int) -> list[tuple[int, int]]:
    """Cut ``n`` and ``m`` into the same number of consecutive blocks at drawn points."""
    src_cuts, tgt_cuts = draw_sizes
    cuts_src = sorted(c % (n + 1) for c in src_cuts)
    cuts_tgt = sorted(c % (m + 1) for c in tgt_cuts)
    src_edges = [0, *cuts_src, n]
    tgt_edges = [0, *cuts_tgt, m]
    return [(src_edges[k + 1] - src_edges[k], tgt_edges[k + 1] - tgt_edges[k]) for k in range(len(src_edges) - 1)]


cut_points = st.integers(0, 5).flatmap(lambda k: st.tuples(st.lists(st.integers(0, 100), min_size=k, max_size=k),
                                                           st.lists(st.integers(0, 100), min_size=k, max_size=k)))


@settings(max_examples=60, deadline=None)
@given(src=sentences, tgt=sentences, cuts=cut_points, coarse=st.booleans())
def test_beads_stay_inside_their_groups_and_cover_everything_once(src, tgt, cuts, coarse):
    groups = _group_sizes(cuts, len(src), len(tgt))
    aligner = SentenceAligner(AlignerSettings(coarse_limit=20 if coarse else 1_500_000, check_languages=False),
                              encoder=HashEncoder())
    result = aligner.align(src, tgt, "zh", "en", groups=groups)
    assert check_complete(result, len(src), len(tgt)) == []
    src_group = [g for g, (a, _) in enumerate(groups) for _ in range(a)]
    tgt_group = [g for g, (_, b) in enumerate(groups) for _ in range(b)]
    for bead in result:
        assert len({src_group[i] for i in bead.src} | {tgt_group[j] for j in bead.tgt}) == 1, (bead, groups)


def test_groups_that_do_not_add_up_are_refused():
    aligner = SentenceAligner(AlignerSettings(check_languages=False), encoder=HashEncoder())
    with pytest.raises(AlignerInputError, match="groups"):
        aligner.align(["a", "b"], ["c"], "en", "en", groups=[(1, 1)])


def test_group_beads_are_numbered_within_their_group(monkeypatch):
    from bicorpus import align
    from bicorpus.sentence_aligner import aligner as aligner_module

    stand_in = SentenceAligner(AlignerSettings(check_languages=False), encoder=HashEncoder())
    monkeypatch.setattr(aligner_module, "_DEFAULT", stand_in)
    src = [["one", "two"], ["dup"], ["three"]]
    tgt = [["one", "two"], [], ["three"]]
    per_group = align.align_sentence_groups(src, tgt, "en", "en")
    assert [[b.to_interchange() for b in g] for g in per_group] == [["[0]:[0]", "[1]:[1]"], ["[0]:[]"], ["[0]:[0]"]]


def test_a_band_with_a_gap_between_rows_holds_no_path():
    from bicorpus.sentence_aligner.dynamic_program import Band, holds_a_path

    assert holds_a_path(Band(np.array([0, 0, 1]), np.array([1, 2, 3])))
    assert not holds_a_path(Band(np.array([0, 2, 2]), np.array([1, 3, 3])))  # row 1 starts after row 0 ends
    assert not holds_a_path(Band(np.array([1, 1, 1]), np.array([3, 3, 3])))  # (0, 0) is outside


def test_dictionary_lexicon_maps_chinese_words_to_english_gloss_words_and_names_to_pinyin():
    from collections import Counter

    from bicorpus.sentence_aligner.lexicon import ChineseEnglishLexicon, LexicalVectors, english_tokens

    # Three entries written for this test in the CC-CEDICT line format.
    lexicon = ChineseEnglishLexicon.from_lines([
        "# a comment line",
        "火車 火车 [huo3 che1] /train/CL:列[lie4],節|节[jie2]/",
        "晚點 晚点 [wan3 dian3] /(of trains etc) late/delayed/",
        "小時 小时 [xiao3 shi2] /hour/",
    ])
    bag = lexicon.tokens("火车晚点两小时")
    assert {"train", "late", "delay", "hour"} <= set(bag)
    assert "cl" not in bag and "lie" not in bag  # classifier notes are not translations
    assert "py:huoche" in bag
    assert english_tokens("Xiangzi walked home.") == ["py:xiangzi", "xiangzi", "walk", "home"]
    zh = LexicalVectors([lexicon.tokens(s) for s in ["火车晚点", "一小时"]])
    en = LexicalVectors([Counter(english_tokens(s)) for s in ["The train was late.", "One hour."]])
    cos = zh.cosines(0, 1, en, np.array([0, 1]), 1)
    assert cos[0] > 0.3 and cos[1] < 0.1


@pytest.mark.parametrize("run, value", [("二十", 20), ("十一", 11), ("一百零五", 105), ("三千五百万", 35_000_000),
                                        ("二〇二四", 2024), ("两万", 20_000), ("三四", None), ("万一", None)])
def test_chinese_numerals_are_read_as_their_value(run, value):
    from bicorpus.lang import language

    numerals = language("zh").numerals
    assert numerals is not None and numerals.value(run) == value


def test_numbers_match_across_scripts_and_unmatched_chinese_numerals_cost_nothing():
    from bicorpus.sentence_aligner.signals import AnchorTokens, number_tokens

    assert number_tokens("二十届中央政治局第十一次会议", "zh") == (frozenset(), frozenset({"20", "11"}))
    assert number_tokens("十分高兴，30,000人", "zh") == (frozenset({"30000"}), frozenset())  # a lone 十 is a word here
    assert number_tokens("二十届", "en") == (frozenset(), frozenset())  # no numeral reader for the language
    zh = AnchorTokens(["二十届中央政治局第十一次会议", "他二十多岁", "价格是3.5元"], "zh")
    en = AnchorTokens(["the 11th session of the 20th Politburo", "in his twenties", "it cost 4 yuan"], "en")
    starts, stops = np.arange(3), np.arange(1, 4)
    assert zh.agreement(0, 1, en, starts, stops).tolist()[0] == 1.0
    assert zh.agreement(1, 2, en, starts, stops).tolist()[1] == 0.0  # numeral unmatched: neutral
    assert zh.agreement(2, 3, en, starts, stops).tolist()[2] == -1.0  # digits unmatched: penalised


@pytest.mark.parametrize("sentence, closes", [
    ("韦小宝道：“好，好。”", True), ("他问道：“你去哪里？", False), ("“走！”他说。", False),
    ("'But I—'", True), ("That must be it!'", True), ("'Yes,' he said.", False), ("He said \"go.\"", True),
    ("the boys' toys", False), ("the boys'", False), ("Done. . .'", True),
])
def test_closing_a_quotation_is_recognised_in_both_scripts(sentence, closes):
    from bicorpus.sentence_aligner.signals import closes_quote

    assert closes_quote(sentence) is closes


@pytest.mark.parametrize("a, b", [(1, 1), (1, 3), (2, 1), (3, 2)])
def test_member_term_is_the_same_from_matrices_and_row_by_row(a, b):
    from bicorpus.sentence_aligner.bead_scores import BeadScorer, ScoreParameters
    from bicorpus.sentence_aligner.embeddings import WindowEmbeddings

    encoder = HashEncoder()
    src = WindowEmbeddings.of_sentences(encoder, [f"s{k}" for k in range(9)])
    tgt = WindowEmbeddings.of_sentences(encoder, [f"t{k}" for k in range(8)])
    scorer = BeadScorer(src, tgt, np.ones(9), np.ones(8), ScoreParameters())
    dense = scorer._member_matrix(a, b)
    rows, cols = np.meshgrid(np.arange(9 - a + 1), np.arange(8 - b + 1), indexing="ij")
    assert np.allclose(dense, scorer.members(rows.ravel(), cols.ravel(), a, b).reshape(dense.shape), atol=1e-5)
    # By definition: each source sentence against the target window, each target sentence
    # against the source window, the two means averaged.
    i, j = 1, 2
    by_hand = 0.5 * (np.mean([src.of(1)[i + k] @ tgt.of(b)[j] for k in range(a)])
                     + np.mean([src.of(a)[i] @ tgt.of(1)[j + k] for k in range(b)]))
    assert abs(dense[i, j] - by_hand) < 1e-5


@pytest.mark.parametrize("sentence, lang, attribution", [
    ("他说。", "zh", True), ("迈瑞克说。", "zh", True), ("芝加哥居民保拉·泰勒问。", "zh", True),
    ("我说的不对，你走吧。", "zh", False), ("海老公道：“不过怎么？", "zh", False),
    ("he said.", "en", True), ("Myrick says.", "en", True), ("He said he would go.", "en", False),
    ("他说。", "fr", False),  # no pattern for the language: never an attribution
])
def test_a_sentence_that_only_names_the_speaker_is_recognised(sentence, lang, attribution):
    from bicorpus.sentence_aligner.signals import is_attribution

    assert is_attribution(sentence, lang) is attribution

from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.align import align_paragraphs, align_sentences_by_length
from bicorpus.beads import check_complete

sentences = st.lists(st.text(min_size=1, max_size=80), max_size=12)


@settings(max_examples=200)
@given(sentences, sentences)
def test_beads_cover_every_sentence_once_in_order(src, tgt):
    beads = align_sentences_by_length(src, tgt, "en", "zh")
    assert check_complete(beads, len(src), len(tgt)) == []
    assert all(0.0 <= bead.score <= 1.0 for bead in beads)


def test_proportional_sentences_align_one_to_one():
    en = ["a" * 40, "b" * 100, "c" * 60, "d" * 30]
    zh = ["甲" * 12, "乙" * 30, "丙" * 18, "丁" * 9]
    assert [b.type for b in align_sentences_by_length(en, zh, "en", "zh")] == ["1-1"] * 4


def test_two_short_sentences_joined_in_translation_align_two_to_one():
    en = ["a" * 100, "b" * 40, "c" * 45, "d" * 120]
    zh = ["甲" * 30, "乙" * 26, "丁" * 36]
    assert [b.type for b in align_sentences_by_length(en, zh, "en", "zh")] == ["1-1", "2-1", "1-1"]


def test_paragraphs_align_one_to_one_when_lengths_agree():
    en = ["x" * 30, "y" * 400, "z" * 900, "w" * 80]
    zh = ["甲" * 10, "乙" * 130, "丙" * 290, "丁" * 25]
    assert [b.type for b in align_paragraphs(en, zh)] == ["1-1"] * 4

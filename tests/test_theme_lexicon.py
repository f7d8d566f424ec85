"""The cue-word theme lexicon (the baseline eval-annotations can score) on small self-made paragraphs."""

from __future__ import annotations

from bicorpus.annotation_files import ThemeLabels, load_theme_taxonomy
from bicorpus.theme_lexicon import annotate_themes_by_lexicon as annotate_themes
from bicorpus.theme_lexicon import lexicon, lexicon_language, score_sentence


def units(text: str):
    """One paragraph per blank-line block, sentences split at '. ' (enough for these tests)."""
    paragraphs, sentences = [], []
    position = 0
    for block in text.split("\n\n"):
        start = text.index(block, position)
        paragraphs.append((start, start + len(block)))
        s = start
        for piece in block.split(". "):
            piece_start = text.index(piece, s)
            end = piece_start + len(piece) + (1 if text[piece_start + len(piece):piece_start + len(piece) + 1] == "." else 0)
            sentences.append((piece_start, end))
            s = end
        position = start + len(block)
    return paragraphs, sentences


def test_specific_theme_beats_the_home_theme():
    scores = score_sentence("We must develop green finance and low-carbon industries for high-quality development.", "en")
    assert scores["green_development"][0] >= 2
    text = "We must develop green finance and low-carbon industries for high-quality development."
    gold = annotate_themes(text, "en", [(0, len(text))], [(0, len(text))])
    assert gold.sentences[0].primary == "green_development"


def test_longest_cue_counts_once():
    # "green finance" covers "green": one cue, not two.
    assert score_sentence("green finance", "en")["green_development"][0] == 1.0


def test_heading_takes_the_primary_of_its_point_and_paragraph_majority():
    text = (
        "Third, focus on this point. Green development is the base of our growth. "
        "We must accelerate the green transformation to reach carbon peak and carbon neutrality."
    )
    paragraphs, sentences = units(text)
    gold = annotate_themes(text, "en", paragraphs, sentences)
    assert [gold.sentences[s].primary for s, _ in sentences] == ["green_development"] * 3
    assert gold.paragraphs[0] == ThemeLabels(("green_development",), "green_development")


def test_sentence_without_cues_takes_its_neighbour():
    text = "We will train more engineers and scientists. This must be done well."
    paragraphs, sentences = units(text)
    gold = annotate_themes(text, "en", paragraphs, sentences)
    assert gold.sentences[sentences[1][0]].primary == "talent_education"


def test_letterless_paragraph_gets_no_themes():
    text = "2024-10-12 17:53\n\nWe will train more engineers."
    paragraphs, sentences = units(text)
    gold = annotate_themes(text, "en", paragraphs, sentences)
    assert gold.paragraphs[0] == ThemeLabels((), None) and gold.sentences[0] == ThemeLabels((), None)
    assert gold.paragraphs[paragraphs[1][0]].primary == "talent_education"


def test_every_unit_is_labelled_with_known_themes_primary_first_and_deterministic():
    text = (
        "The Party Central Committee decided. Reform of the market system and opening-up go on."
        "\n\nFarmers and food security matter."
    )
    paragraphs, sentences = units(text)
    first = annotate_themes(text, "en", paragraphs, sentences)
    assert first == annotate_themes(text, "en", paragraphs, sentences)
    known = set(load_theme_taxonomy().ids)
    assert set(first.paragraphs) == {p for p, _ in paragraphs} and set(first.sentences) == {s for s, _ in sentences}
    for labels in [*first.paragraphs.values(), *first.sentences.values()]:
        assert labels.primary == labels.themes[0] and set(labels.themes) <= known
    # A Party body as the agent alone is not enough to make the Party's own work primary.
    assert first.sentences[sentences[1][0]].primary == "reform_markets"


def test_english_is_the_lexicon_language_of_an_english_chinese_pair_in_either_order():
    assert lexicon_language(("en", "zh")) == "en"
    assert lexicon_language(("zh", "en")) == "en"  # the taxonomy's Chinese keywords are not a lexicon
    assert lexicon_language(("en-GB", "zh-Hant")) == "en-GB"  # the code as given


def test_a_pair_without_a_theme_lexicon_has_no_lexicon_language():
    assert lexicon_language(("de", "fr")) is None
    assert lexicon_language(()) is None
    assert lexicon("de") == () and lexicon("zh") == ()


def test_a_language_without_a_lexicon_labels_every_unit_with_no_themes():
    text = "Wir bauen neue Windparks an der Küste. Die Ausbildung junger Fachkräfte beginnt im Herbst.\n\nDer Rat stimmt zu."
    paragraphs, sentences = units(text)
    gold = annotate_themes(text, "de", paragraphs, sentences)
    assert set(gold.paragraphs) == {p for p, _ in paragraphs} and set(gold.sentences) == {s for s, _ in sentences}
    assert all(labels == ThemeLabels((), None) for labels in [*gold.paragraphs.values(), *gold.sentences.values()])


def test_chinese_text_gets_no_themes_even_though_the_taxonomy_lists_chinese_keywords():
    text = "我们要推动绿色发展。"
    gold = annotate_themes(text, "zh", [(0, len(text))], [(0, len(text))])
    assert gold.paragraphs[0] == gold.sentences[0] == ThemeLabels((), None)


def test_english_cues_match_their_plural_and_any_case_but_not_inside_a_word():
    assert score_sentence("Talents and DISCIPLINE", "en")["talent_education"][0] == 2.0
    assert "digital_economy" not in score_sentence("Predigital archives", "en")

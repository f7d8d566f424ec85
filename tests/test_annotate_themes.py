from bicorpus.annotate_themes import NO_THEMES, combine, paragraph_themes, sentence_themes
from bicorpus.annotation_files import ThemeGold, ThemeLabels

GOLD = ThemeGold(
    paragraphs={0: ThemeLabels(("green_development", "reform_markets"), "green_development")},
    sentences={
        0: ThemeLabels(("green_development",), "green_development"),
        40: ThemeLabels(("reform_markets", "green_development"), "reform_markets"),
    },
)


def test_a_two_sentence_bead_takes_all_themes_in_order_and_the_first_primary():
    labels = sentence_themes(GOLD, [0, 40], NO_THEMES)
    assert labels == ThemeLabels(("green_development", "reform_markets"), "green_development")


def test_a_chinese_only_bead_takes_its_paragraph_themes():
    paragraph = paragraph_themes(GOLD, [0])
    assert sentence_themes(GOLD, [], paragraph) == paragraph


def test_a_paragraph_bead_without_english_has_no_themes():
    assert paragraph_themes(GOLD, []) == NO_THEMES


def test_combining_no_units_gives_no_themes():
    assert combine([]) == NO_THEMES

"""The automatic theme annotator (the embedding classifier plus the guideline rules) on fresh
paragraphs written for these tests, not taken from the training data."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.annotation_files import ThemeLabels, load_theme_taxonomy
from bicorpus.auto_themes import ATTRIBUTION_THEME, annotate_themes, theme_language
from bicorpus.segment import split_paragraphs, split_sentences

# One paragraph squarely about each theme, in English, and some in Chinese or German.
SQUARELY_ABOUT = [
    ("high_quality_development", "en", "The province will no longer chase a high growth rate. Its economy must grow "
     "through better efficiency and higher quality, with productivity as the measure of success."),
    ("science_technology_innovation", "en", "The laboratory has built a new superconducting magnet after eight years "
     "of research. Its scientists say the design opens the way to original advances in particle physics."),
    ("industrial_upgrading", "en", "The old cement works has been turned into a plant for advanced composite "
     "materials. Automated lines now supply parts to wind turbine and aircraft manufacturers."),
    ("digital_economy", "en", "Shops in the county now take almost all payments by phone, and the market sells "
     "its produce through online platforms. A new data centre serves local firms."),
    ("agriculture_food_security", "en", "This year's rice harvest set a record in the province. Farmers used new "
     "seed varieties and machines, and the grain stored in state reserves is ample."),
    ("green_development", "en", "The city has closed its last coal-fired power plant. Solar panels and wind "
     "turbines now supply most of its electricity, and the air is cleaner than in decades."),
    ("reform_markets", "en", "The new rules abolish dozens of licences and let private firms compete for public "
     "contracts on equal terms with state enterprises. Prices of land and energy will be set by the market."),
    ("opening_up", "en", "Exports to Europe and Africa rose sharply, and foreign companies opened forty new "
     "factories in the free trade zone. Tariffs on imported machinery were cut."),
    ("talent_education", "en", "The university will train more engineers and nurses, and vocational schools will "
     "teach the skills that factories need. Teachers in rural schools get higher pay."),
    ("income_regional_balance", "en", "Wages in the western provinces are catching up with the coast, and the gap "
     "between urban and rural incomes keeps narrowing. Pensions for villagers were raised."),
    ("security_supply_chains", "en", "After a foreign supplier stopped deliveries, the carmaker found domestic "
     "sources for every critical chip. It now keeps six months of stock to withstand disruptions."),
    ("party_leadership_conduct", "en", "The county Party committee held a study session on the decisions of the "
     "Central Committee. Officials were told to cut meetings and to visit villages in person."),
    ("green_development", "zh", "这座城市关闭了最后一座燃煤电厂。如今太阳能和风电供应了大部分电力，空气比几十年来都干净。"),
    ("agriculture_food_security", "zh", "今年全省水稻喜获丰收。农民使用了新品种和新农机，国家粮食储备充足。"),
    ("opening_up", "zh", "对欧洲和非洲的出口大幅增长，外国企业在自由贸易区新开了四十家工厂。进口机械的关税下调。"),
    ("talent_education", "zh", "这所大学将培养更多工程师和护士，职业学校将教授工厂需要的技能。乡村教师的工资提高了。"),
    ("green_development", "de", "Die Stadt hat ihr letztes Kohlekraftwerk geschlossen. Solaranlagen und Windräder "
     "liefern nun den größten Teil des Stroms, und die Luft ist sauberer als seit Jahrzehnten."),
]


def units(text: str, lang: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Paragraphs and sentences as the build's segmenter makes them."""
    paragraphs = split_paragraphs(text)
    sentences = [(s.start, s.end) for p in paragraphs for s in split_sentences(p.text, lang, offset=p.start)]
    return [(p.start, p.end) for p in paragraphs], sentences


@pytest.mark.parametrize(("theme", "lang", "text"), SQUARELY_ABOUT, ids=[f"{t}-{lang}" for t, lang, _ in SQUARELY_ABOUT])
def test_a_paragraph_squarely_about_one_theme_gets_it_as_primary(theme: str, lang: str, text: str):
    paragraphs, sentences = units(text, lang)
    labels = annotate_themes(text, lang, paragraphs, sentences)
    assert labels.paragraphs[0].primary == theme


def test_labels_are_multi_label_with_the_primary_first_among_known_themes():
    text = "\n\n".join(t for _, lang, t in SQUARELY_ABOUT if lang == "en")
    paragraphs, sentences = units(text, "en")
    labels = annotate_themes(text, "en", paragraphs, sentences)
    assert set(labels.paragraphs) == {p for p, _ in paragraphs} and set(labels.sentences) == {s for s, _ in sentences}
    known = set(load_theme_taxonomy().ids)
    for label in [*labels.paragraphs.values(), *labels.sentences.values()]:
        assert label.primary == label.themes[0] and set(label.themes) <= known
        assert len(set(label.themes)) == len(label.themes)
    # A paragraph carries the primary of each of its sentences.
    for p_start, p_end in paragraphs:
        own = [labels.sentences[s].primary for s, e in sentences if p_start <= s and e <= p_end]
        assert set(own) <= set(labels.paragraphs[p_start].themes)
    assert any(len(label.themes) > 1 for label in labels.sentences.values())


def test_the_dateline_gets_no_themes_and_the_attribution_line_the_party_theme():
    text = ("2025-03-02 09:15\n\nThe city has closed its last coal-fired power plant. The air is cleaner.\n\n"
            "Remarks by the mayor at the spring meeting of the city council.")
    paragraphs, sentences = units(text, "en")
    labels = annotate_themes(text, "en", paragraphs, sentences, roles=["dateline", "body", "attribution"])
    assert labels.paragraphs[0] == labels.sentences[0] == ThemeLabels((), None)
    assert labels.paragraphs[paragraphs[1][0]].primary == "green_development"
    assert labels.paragraphs[paragraphs[2][0]] == ThemeLabels((ATTRIBUTION_THEME,), ATTRIBUTION_THEME)


def test_a_heading_takes_the_primary_of_the_point_it_opens():
    text = ("Third, we will do more.\n\nThis year's rice harvest set a record. Farmers used new seed varieties, "
            "and the grain reserves are ample.")
    paragraphs, sentences = units(text, "en")
    labels = annotate_themes(text, "en", paragraphs, sentences, roles=["heading", "body"])
    assert labels.paragraphs[0].primary == labels.sentences[0].primary == "agriculture_food_security"
    sentence = "Third, focus on this. This year's rice harvest set a record. Farmers used new seed and grain reserves are ample."
    paragraphs, sentences = units(sentence, "en")
    labels = annotate_themes(sentence, "en", paragraphs, sentences)
    assert labels.sentences[0].primary == "agriculture_food_security"


def test_the_theme_language_is_the_first_the_model_covers():
    assert theme_language(("en", "zh")) == "en"
    assert theme_language(("zh", "en")) == "zh"
    assert theme_language(("de", "fr")) == "de"
    assert theme_language(("sw", "zh-Hant")) == "zh-Hant"  # the code as given
    assert theme_language(("sw", "yo")) is None and theme_language(()) is None


def test_a_language_the_model_does_not_cover_gets_no_themes():
    text = "Serikali imefunga kiwanda cha makaa ya mawe. Hewa ni safi zaidi.\n\nWakulima wamevuna mpunga mwingi."
    paragraphs, sentences = units(text, "sw")
    labels = annotate_themes(text, "sw", paragraphs, sentences)
    assert all(label == ThemeLabels((), None) for label in [*labels.paragraphs.values(), *labels.sentences.values()])


WORDS = ["grain", "harvest", "export", "tariff", "engineers", "school", "solar", "coal", "reform", "market",
         "Party", "officials", "data", "chips", "wages", "growth", "the", "and", "we", "will", "2024", "—"]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9), min_size=1, max_size=3),
                min_size=1, max_size=3))
def test_every_unit_of_a_paragraph_with_letters_has_one_primary_among_its_themes(document: list[list[list[str]]]):
    text = "\n\n".join(" ".join(" ".join(words) + "." for words in paragraph) for paragraph in document)
    paragraphs, sentences = units(text, "en")
    labels = annotate_themes(text, "en", paragraphs, sentences)
    assert set(labels.paragraphs) == {p for p, _ in paragraphs} and set(labels.sentences) == {s for s, _ in sentences}
    for p_start, p_end in paragraphs:
        inside = [labels.paragraphs[p_start], *[labels.sentences[s] for s, e in sentences if p_start <= s and e <= p_end]]
        if any(ch.isalpha() for ch in text[p_start:p_end]):
            # A sentence without letters in such a paragraph ("2024.") is read in its paragraph's context.
            assert all(label.primary is not None and label.themes[0] == label.primary for label in inside)
        else:
            assert all(label == ThemeLabels((), None) for label in inside)


def test_the_build_labels_a_document_without_gold_automatically_from_its_source_language(tmp_path):
    from bicorpus.pipeline import build_document
    from bicorpus.sources import read_document
    from conftest import write_document

    folder = write_document(tmp_path) / "harbour-report"
    corpus = build_document(read_document(folder))
    for row in [*corpus.paragraphs, *corpus.sentences]:
        assert row["theme_source"] == "auto"
        assert row["themes"] and row["primary_theme"] == row["themes"][0]
    attribution = [row for row in corpus.paragraphs if row["role"] == "attribution"]
    assert attribution and all(row["primary_theme"] == ATTRIBUTION_THEME for row in attribution)


CLOSING = "That concludes today's press conference. Thank you all for coming."
HARVEST = ("This year's rice harvest set a record in the province. Farmers used new seed varieties and machines, "
           "and the grain stored in state reserves is ample.")


def test_a_closing_formality_takes_the_field_of_its_document():
    text = f"{HARVEST}\n\nPork and vegetable supplies are stable, and farmers earned more from their crops.\n\n{CLOSING}"
    paragraphs, sentences = units(text, "en")
    labels = annotate_themes(text, "en", paragraphs, sentences)
    closing = labels.paragraphs[paragraphs[-1][0]]
    assert closing.primary == "agriculture_food_security"
    assert labels.sentences[sentences[-1][0]].primary == "agriculture_food_security"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.floats(0, 1), min_size=3, max_size=3), min_size=1, max_size=6), st.floats(0, 1))
def test_document_context_keeps_probabilities_between_a_paragraphs_own_and_the_documents_mean(rows, weight):
    import numpy as np

    from bicorpus.auto_themes import _in_document_context

    probabilities = np.array(rows)
    mixed = _in_document_context(probabilities, [True] * len(rows), weight)
    mean = probabilities.mean(axis=0)
    low, high = np.minimum(probabilities, mean), np.maximum(probabilities, mean)
    assert np.all(mixed >= low - 1e-12) and np.all(mixed <= high + 1e-12)
    if weight == 0:
        assert np.array_equal(mixed, probabilities)

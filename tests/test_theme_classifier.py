"""The theme classifier: its shipped training data, its training, and its shipped weights."""

from __future__ import annotations

import copy
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.annotation_files import load_theme_taxonomy
from bicorpus.errors import CorpusError
from bicorpus.package_data import read_json_resource
from bicorpus.segment import split_sentences
from bicorpus.sentence_aligner.aligner import default_aligner
from bicorpus.sentence_aligner.embeddings import WindowEmbeddings
from bicorpus.theme_classifier import (
    MIN_PARAGRAPHS,
    THRESHOLD_GRID,
    TRAINING_SENTENCES,
    TrainingParagraph,
    calibrate_thresholds,
    check_training_paragraphs,
    classifier_from_json,
    fit_logistic,
    labelled_examples,
    load_classifier,
    load_training_paragraphs,
    train_classifier,
    unit_embeddings,
)


def test_the_shipped_classifier_is_what_training_on_the_shipped_data_gives():
    shipped, retrained = load_classifier(), train_classifier()
    assert shipped.themes == retrained.themes == tuple(load_theme_taxonomy().ids)
    assert shipped.training_sha256 == retrained.training_sha256
    # Weights are shipped rounded to 7 decimals; a retraining on another BLAS differs in the last bits.
    np.testing.assert_allclose(shipped.weights, retrained.weights, atol=1e-5)
    np.testing.assert_allclose(shipped.bias, retrained.bias, atol=1e-5)
    assert list(shipped.thresholds) == list(retrained.thresholds)


def test_every_theme_has_training_and_calibration_paragraphs_in_every_language():
    paragraphs = load_training_paragraphs()
    languages = {lang for p in paragraphs for lang in p.texts}
    assert len(languages) >= 2
    for split, needed in MIN_PARAGRAPHS.items():
        for lang in sorted(languages):
            primaries = Counter(p.primary for p in paragraphs if p.split == split and p.texts.get(lang, "").strip())
            assert {theme: primaries[theme] for theme in load_theme_taxonomy().ids if primaries[theme] < needed} == {}


def test_the_training_data_is_multi_label_in_several_genres_and_paragraph_sized():
    paragraphs = load_training_paragraphs()
    assert sum(len(p.themes) > 1 for p in paragraphs if p.split == "training") >= 12
    for theme in load_theme_taxonomy().ids:
        assert len({p.genre for p in paragraphs if p.primary == theme}) >= 4, theme
    low, high = TRAINING_SENTENCES
    for p in paragraphs:
        if p.split == "training":
            assert all(low <= len(split_sentences(text, lang)) <= high for lang, text in p.texts.items()), p.id


def _paragraph(**changes: object) -> TrainingParagraph:
    fields: dict[str, object] = {
        "id": "x-1", "split": "training", "genre": "news", "themes": ("green_development",),
        "primary": "green_development",
        "texts": {"en": "Wind farms grew. Coal use fell.", "zh": "风电场增加了。煤炭消费下降了。"},
    }
    return TrainingParagraph(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("paragraph", "code"),
    [
        (_paragraph(themes=("weather",), primary="weather"), "E360"),
        (_paragraph(themes=("green_development", "opening_up"), primary="opening_up"), "E361"),
        (_paragraph(texts={"en": "Wind farms grew. Coal use fell."}), "E363"),
        (_paragraph(texts={"en": "Wind farms grew.", "zh": "风电场增加了。"}), "E363"),
    ],
)
def test_unusable_training_paragraphs_are_refused_with_their_code(paragraph: TrainingParagraph, code: str):
    shipped = list(load_training_paragraphs())
    with pytest.raises(CorpusError) as caught:
        check_training_paragraphs([*shipped, paragraph], "theme_training.json")
    assert caught.value.code == code


def test_a_repeated_id_and_a_theme_short_of_paragraphs_are_refused():
    shipped = list(load_training_paragraphs())
    with pytest.raises(CorpusError, match="share the id") as caught:
        check_training_paragraphs([*shipped, shipped[0]], "theme_training.json")
    assert caught.value.code == "E362"
    fewer = [p for p in shipped if not (p.primary == "opening_up" and p.split == "calibration")]
    with pytest.raises(CorpusError, match="opening_up") as caught:
        check_training_paragraphs(fewer, "theme_training.json")
    assert caught.value.code == "E363"


def test_a_classifier_trained_on_other_data_or_for_other_themes_is_refused():
    data = read_json_resource("theme_classifier.json")
    stale = {**data, "training_sha256": "0" * 64}
    with pytest.raises(CorpusError) as caught:
        classifier_from_json(stale, "theme_classifier.json")
    assert caught.value.code == "E364"
    reordered = {**data, "themes": list(reversed(data["themes"]))}
    with pytest.raises(CorpusError) as caught:
        classifier_from_json(reordered, "theme_classifier.json")
    assert caught.value.code == "E365"
    short = copy.deepcopy(data)
    short["themes"][3]["weights"].pop()
    with pytest.raises(CorpusError) as caught:
        classifier_from_json(short, "theme_classifier.json")
    assert caught.value.code == "E365"


def test_newton_logistic_regression_agrees_with_scikit_learn():
    linear_model = pytest.importorskip("sklearn.linear_model")
    rng = np.random.default_rng(7)
    features = rng.normal(size=(120, 6))
    labels = (features @ np.array([1.5, -2.0, 0.5, 0.0, 1.0, -0.5]) + rng.normal(size=120) > 0.3).astype(float)
    weights, bias = fit_logistic(features, labels, l2=0.3)
    reference = linear_model.LogisticRegression(C=1 / 0.3, tol=1e-12, max_iter=10_000).fit(features, labels)
    np.testing.assert_allclose(weights, reference.coef_[0], atol=1e-5)
    assert bias == pytest.approx(reference.intercept_[0], abs=1e-5)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=40))
def test_calibrated_thresholds_are_grid_values_with_the_best_f1(rows: list[tuple[float, bool]]):
    probabilities = np.array([[p] for p, _ in rows])
    labels = np.array([[float(y)] for _, y in rows])
    (chosen,) = calibrate_thresholds(probabilities, labels)

    def f1(threshold: float) -> float:
        guess, truth = probabilities[:, 0] >= threshold, labels[:, 0] == 1
        return 2 * float((guess & truth).sum()) / max(float(guess.sum() + truth.sum()), 1.0)

    assert chosen in THRESHOLD_GRID
    assert all(f1(chosen) >= f1(t) - 1e-12 for t in THRESHOLD_GRID)


def test_a_paragraph_embedding_is_the_run_of_its_sentences_the_aligner_would_embed():
    encoder = default_aligner().encoder
    paragraphs = [
        ["Grain output rose.", "Farmers earned more."], ["Wind power grew."], ["港口很忙。", "贸易增长了。", "关税下降。"],
    ]
    sentences, whole = unit_embeddings(encoder, paragraphs)
    assert sentences.shape == (6, 512) and whole.shape == (3, 512)
    np.testing.assert_allclose(whole[1], sentences[2], atol=1e-6)  # one sentence: the sentence itself
    for row, paragraph in enumerate(paragraphs):
        expected = WindowEmbeddings.of_sentences(encoder, paragraph).span(0, len(paragraph))
        np.testing.assert_allclose(whole[row], expected, atol=1e-5)


def test_training_examples_add_the_sentences_of_single_theme_paragraphs_and_no_others():
    encoder = default_aligner().encoder
    themes = load_theme_taxonomy().ids
    single = _paragraph()  # green_development alone, two sentences in each language
    mixed = _paragraph(id="x-2", themes=("opening_up", "green_development"), primary="opening_up",
                       texts={"en": "Exports rose. Ports were busy.", "zh": "出口增长了。港口很忙。"})
    features, labels, owner = labelled_examples(encoder, [single, mixed], themes, sentences=True)
    paragraphs_only, paragraph_labels, paragraph_owner = labelled_examples(encoder, [single, mixed], themes, sentences=False)
    # Paragraph rows first (one per paragraph and language), then the single-theme paragraph's sentences.
    assert list(paragraph_owner) == [0, 0, 1, 1] and list(owner) == [0, 0, 1, 1, 0, 0, 0, 0]
    np.testing.assert_allclose(features[:4], paragraphs_only, atol=1e-6)
    np.testing.assert_array_equal(labels[:4], paragraph_labels)
    sentence_texts = ["Wind farms grew.", "Coal use fell.", "风电场增加了。", "煤炭消费下降了。"]
    np.testing.assert_allclose(features[4:], encoder.encode(sentence_texts), atol=1e-5)
    green = np.array([theme == "green_development" for theme in themes], dtype=np.float64)
    np.testing.assert_array_equal(labels[4:], np.tile(green, (4, 1)))

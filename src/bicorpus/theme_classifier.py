"""The theme classifier: one logistic model per theme over USE v3 embeddings, trained on
theme-labelled paragraphs the project wrote itself, in every language of that data.

Why embeddings and not cue words: a lexicon finds only the words its author thought of, in the
one language it was written for (the English lexicon of :mod:`bicorpus.theme_lexicon` scored
0.24 sentence F1 on a text written after it). Multilingual USE v3 puts a paragraph and its
translation close together, so a model fitted on English and Chinese paragraphs reads any
language the encoder covers.

Data (package data, validated when read):

* ``theme_training.json`` (:data:`TRAINING_DATA`, schema ``theme_training.schema.json``):
  paragraphs in several genres, each with its themes (primary first) and the same text in each
  language. Split ``training`` fits the models; split ``calibration`` only sets the thresholds.
* ``theme_classifier.json`` (:data:`CLASSIFIER`, schema ``theme_classifier.schema.json``):
  the fitted weights, biases and thresholds, written by ``bicorpus train-themes``
  (:func:`train_classifier`, :func:`classifier_json`) and recording the SHA-256 of the
  training data it came from; a classifier that does not match the shipped training data is
  refused (E364), so that editing the data without retraining cannot go unnoticed.

Features: a sentence's embedding is the encoder's; a paragraph's is the encoder's head
applied to the sum of its sentences' pooled states (:func:`unit_embeddings`; the same sum the
aligner uses for a run of sentences), so in the build it costs one small matrix product: the
aligner has already encoded, and cached, every sentence. Training uses the paragraph embedding of each text in each language
(both languages of a paragraph are two examples with the same labels), and the sentence
embeddings of the single-theme paragraphs (:func:`labelled_examples`), since the build labels
sentences too.

Fitting: per theme, L2-regularised logistic regression (:data:`L2`; the bias is not
penalised) solved by Newton's method in numpy, which converges to the one optimum of a
strictly convex problem, so a retraining gives the shipped weights again (up to the last bits
of the BLAS). Runtime needs numpy only. Thresholds: per theme, the value of
:data:`THRESHOLD_GRID` that maximises F1 on the calibration paragraphs (the lowest on a tie).

Settings (:data:`L2`, :data:`CONTEXT_WEIGHT`) were chosen on three development texts, with
5-fold cross-validation on the training paragraphs (grouped by paragraph, so a text's
translation never sits in the other fold) as a check, and :data:`DOCUMENT_WEIGHT` on fifteen
development texts; see docs/pre_annotation.md. All three are written into the trained file.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from bicorpus.annotation_files import load_theme_taxonomy
from bicorpus.errors import CorpusError
from bicorpus.package_data import read_json_resource, resource_location, schema
from bicorpus.validated_files import check_against_schema

if TYPE_CHECKING:
    from bicorpus.sentence_aligner.embeddings import UseEncoder

__all__ = [
    "CLASSIFIER",
    "CONTEXT_WEIGHT",
    "DOCUMENT_WEIGHT",
    "L2",
    "TRAINING_DATA",
    "ThemeClassifier",
    "TrainingParagraph",
    "calibrate_thresholds",
    "classifier_from_json",
    "classifier_json",
    "fit_classifier",
    "fit_logistic",
    "labelled_examples",
    "load_classifier",
    "load_training_paragraphs",
    "train_classifier",
    "training_data_sha256",
    "unit_embeddings",
]

TRAINING_DATA = "theme_training.json"
TRAINING_SCHEMA = "theme_training.schema.json"
CLASSIFIER = "theme_classifier.json"
CLASSIFIER_SCHEMA = "theme_classifier.schema.json"

#: L2 penalty of the logistic models (on the weights, not the bias). Chosen on the development
#: texts (news, speeches, reports; docs/pre_annotation.md): the project's own training
#: paragraphs are cleaner than real texts, and a weak penalty (0.3) fits their wording, which
#: cross-validation on them rewards and real texts do not (paragraph primary 15/27 at 0.3,
#: 19/27 at 2.0-10.0 on the three development texts).
L2 = 3.0
#: Share of a sentence's theme probabilities taken from its paragraph's: a sentence is read
#: in its context, so that one without content of its own ("Good morning.") leans on what its
#: paragraph is about (the guidelines' rule for such sentences). 0.5 rather than 0.3 since
#: the models also learn from sentences (sentence primary 43/75 at 0.3, 51/75 at 0.5).
CONTEXT_WEIGHT = 0.5
#: Share of a paragraph's theme probabilities taken from its document's (the mean over its
#: paragraphs): a paragraph is read in its document, so that a title, a greeting or a press
#: conference's close, which say little of their own, lean on what the occasion is about (the
#: guidelines' rule for formalities), and a paragraph between two fields leans to the
#: document's. Paragraph primary 93/147 at 0.0, 99 at 0.2, 101 at 0.3, 98 at 0.4 on the fifteen
#: development texts (docs/pre_annotation.md); a paragraph without a document (the
#: cross-validation) is unaffected.
DOCUMENT_WEIGHT = 0.3
#: Candidate thresholds; each theme gets the one with the best F1 on the calibration set.
THRESHOLD_GRID = tuple(round(0.05 * k, 2) for k in range(1, 20))
#: Paragraphs each theme needs as primary, per split, in every language of the data.
MIN_PARAGRAPHS = {"training": 16, "calibration": 5}
#: Sentences of a training paragraph (by the project's segmenter): short texts teach nothing
#: of context, long ones blur their theme.
TRAINING_SENTENCES = (2, 5)
#: Newton's method stops when no coefficient moves by more than this.
_TOLERANCE = 1e-9
_MAX_ITERATIONS = 100


@dataclass(frozen=True)
class TrainingParagraph:
    """One paragraph of the training data: its themes (primary first) and its text per language."""

    id: str
    split: str
    genre: str
    themes: tuple[str, ...]
    primary: str
    texts: Mapping[str, str]


def training_data_sha256(data: Any | None = None) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spacing) of the training data (default: the shipped file)."""
    value = read_json_resource(TRAINING_DATA) if data is None else data
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def load_training_paragraphs() -> tuple[TrainingParagraph, ...]:
    """The shipped training and calibration paragraphs, validated (schema, then the rules the
    schema cannot state; see :func:`check_training_paragraphs`)."""
    where = resource_location(TRAINING_DATA)
    data = read_json_resource(TRAINING_DATA)
    check_against_schema(data, schema(TRAINING_SCHEMA), where)
    paragraphs = tuple(
        TrainingParagraph(p["id"], p["split"], p["genre"], tuple(p["themes"]), p["primary"], dict(p["text"]))
        for p in data["paragraphs"]
    )
    check_training_paragraphs(paragraphs, where)
    return paragraphs


def check_training_paragraphs(paragraphs: Sequence[TrainingParagraph], where: str) -> None:
    """Raise :class:`CorpusError` (E360-E363) for training data the classifier cannot use:
    a theme outside the taxonomy, a primary that is not the first theme, a repeated id,
    paragraphs without the same languages, a theme with too few paragraphs in a split, or a
    training paragraph of too few or too many sentences."""
    from bicorpus.segment import split_sentences

    known = set(load_theme_taxonomy().ids)
    seen: set[str] = set()
    languages = set(paragraphs[0].texts) if paragraphs else set()
    low, high = TRAINING_SENTENCES
    for p in paragraphs:
        unknown = [t for t in p.themes if t not in known]
        if unknown:
            raise CorpusError(where, f"paragraph {p.id} names theme {unknown[0]!r}, not in the taxonomy", code="E360",
                              hint="use the ids of theme_taxonomy.json")
        if p.primary != p.themes[0]:
            raise CorpusError(where, f"paragraph {p.id}: primary {p.primary!r} is not its first theme", code="E361",
                              hint="list the primary theme first")
        if p.id in seen:
            raise CorpusError(where, f"two paragraphs share the id {p.id}", code="E362", hint="give each its own id")
        seen.add(p.id)
        if set(p.texts) != languages:
            raise CorpusError(where, f"paragraph {p.id} has the languages {sorted(p.texts)}, not {sorted(languages)}",
                              code="E363", hint="give every paragraph the same languages")
        if p.split == "training":
            for lang, text in p.texts.items():
                count = len(split_sentences(text, lang))
                if not low <= count <= high:
                    raise CorpusError(where, f"training paragraph {p.id} has {count} sentences in {lang}, not {low}-{high}",
                                      code="E363", hint="write training paragraphs of two to five sentences")
    counts = Counter((p.split, p.primary) for p in paragraphs)
    for split, needed in MIN_PARAGRAPHS.items():
        for theme in load_theme_taxonomy().ids:
            if counts[split, theme] < needed:
                raise CorpusError(where, f"theme {theme} is the primary of {counts[split, theme]} {split} paragraphs, "
                                  f"fewer than {needed}", code="E363", hint=f"write more {split} paragraphs about it")


def unit_embeddings(encoder: UseEncoder, paragraphs: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(embeddings of every sentence in order, embeddings of every paragraph), each paragraph
    given as its sentences; one :meth:`~UseEncoder.pooled` call (cached sentences cost nothing).

    A paragraph's embedding is the head of its sentences' summed pooled states, less the start
    and end tokens that each sentence beyond the first adds (as
    :class:`~bicorpus.sentence_aligner.embeddings.WindowEmbeddings` computes a run of sentences).
    A paragraph without sentences gets the embedding of the empty string.
    """
    from bicorpus.sentence_aligner.embeddings import DIM

    sentences = [s for paragraph in paragraphs for s in paragraph]
    states, counts = encoder.pooled([*sentences, ""])
    empty_state, empty_count = states[-1].astype(np.float64), float(counts[-1])
    states, counts = states[:-1], counts[:-1]
    sizes = np.array([len(p) for p in paragraphs], dtype=np.int64)
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    prefix = np.zeros((len(sentences) + 1, DIM), dtype=np.float64)
    np.cumsum(states, axis=0, out=prefix[1:])
    count_prefix = np.concatenate([[0.0], np.cumsum(counts, dtype=np.float64)])
    extra = np.maximum(sizes - 1, 0).astype(np.float64)
    paragraph_states = prefix[bounds[1:]] - prefix[bounds[:-1]] - extra[:, None] * empty_state
    paragraph_counts = count_prefix[bounds[1:]] - count_prefix[bounds[:-1]] - extra * empty_count
    blank = sizes == 0
    paragraph_states[blank] = empty_state
    paragraph_counts[blank] = empty_count
    sentence_embeddings = encoder.head(states, counts) if sentences else np.zeros((0, DIM), dtype=np.float32)
    paragraph_embeddings = (
        encoder.head(paragraph_states.astype(np.float32), paragraph_counts.astype(np.float32))
        if len(paragraphs) else np.zeros((0, DIM), dtype=np.float32)
    )
    return sentence_embeddings, paragraph_embeddings


def fit_logistic(features: np.ndarray, labels: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """(weights, bias) of L2-regularised logistic regression of ``labels`` (0/1) on ``features``,
    by Newton's method; the bias is not penalised."""
    x = np.hstack([features.astype(np.float64), np.ones((len(features), 1))])
    y = labels.astype(np.float64)
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    beta = np.zeros(x.shape[1])
    for _ in range(_MAX_ITERATIONS):
        p = _sigmoid(x @ beta)
        gradient = x.T @ (p - y) + penalty * beta
        hessian = (x * (p * (1.0 - p))[:, None]).T @ x
        hessian[np.diag_indices_from(hessian)] += penalty + 1e-9  # the bias row alone could be singular
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < _TOLERANCE:
            break
    return beta[:-1], float(beta[-1])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # no overflow warnings for large |z|


def calibrate_thresholds(probabilities: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per column: the value of :data:`THRESHOLD_GRID` whose ``probability >= threshold`` has
    the best F1 against ``labels`` (the lowest such value on a tie)."""
    thresholds = np.empty(labels.shape[1])
    for k in range(labels.shape[1]):
        truth = labels[:, k] == 1
        best, best_f1 = THRESHOLD_GRID[0], -1.0
        for threshold in THRESHOLD_GRID:
            guess = probabilities[:, k] >= threshold
            tp = int((guess & truth).sum())
            f1 = 2 * tp / max(int(guess.sum()) + int(truth.sum()), 1)
            if f1 > best_f1 + 1e-12:
                best, best_f1 = threshold, f1
        thresholds[k] = best
    return thresholds


@dataclass(frozen=True, eq=False)  # holds arrays: compared by identity
class ThemeClassifier:
    """Per theme (``themes``, the taxonomy's order): weights (``weights[:, k]``), bias and threshold."""

    themes: tuple[str, ...]
    weights: np.ndarray  # (dimension, themes)
    bias: np.ndarray  # (themes,)
    thresholds: np.ndarray  # (themes,)
    training_sha256: str
    l2: float = L2
    context_weight: float = CONTEXT_WEIGHT
    document_weight: float = DOCUMENT_WEIGHT

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """Probability of every theme (columns) for every embedding (rows)."""
        return _sigmoid(embeddings.astype(np.float64) @ self.weights + self.bias)

    def as_json(self) -> dict[str, Any]:
        """The JSON form of ``theme_classifier.json`` (weights rounded to 7 decimals)."""
        return {
            "description": (
                "Theme classifier of bicorpus.theme_classifier, written by `bicorpus train-themes` from "
                "theme_training.json; do not edit by hand."
            ),
            "training_sha256": self.training_sha256,
            "settings": {"l2": self.l2, "context_weight": self.context_weight, "document_weight": self.document_weight},
            "dimension": int(self.weights.shape[0]),
            "themes": [
                {
                    "id": theme,
                    "threshold": float(self.thresholds[k]),
                    "bias": round(float(self.bias[k]), 7),
                    "weights": [round(float(w), 7) for w in self.weights[:, k]],
                }
                for k, theme in enumerate(self.themes)
            ],
        }


def classifier_json(classifier: ThemeClassifier) -> str:
    """The text of ``theme_classifier.json`` for ``classifier``: one line per theme, LF endings."""
    data = classifier.as_json()
    head = {key: value for key, value in data.items() if key != "themes"}
    lines = [json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "themes": [']
    lines += [" " + json.dumps(theme, ensure_ascii=False) + "," for theme in data["themes"]]
    lines[-1] = lines[-1][:-1]
    return "\n".join([*lines, " ]", "}"]) + "\n"


def labelled_examples(
    encoder: UseEncoder, paragraphs: Sequence[TrainingParagraph], themes: Sequence[str], *, sentences: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(embeddings, 0/1 theme labels, index into ``paragraphs``) of every paragraph in every language,
    then, when ``sentences``, of every sentence of the paragraphs that have a single theme.

    Why those sentences: the build labels sentences by their own embeddings, so the models
    should see sentence-sized texts too; and by the guidelines a paragraph's themes include the
    primary of each of its sentences, so every sentence of a single-theme paragraph has that
    theme as its primary. A multi-theme paragraph does not say which sentence carries which theme.
    """
    from bicorpus.segment import split_sentences

    chosen = [(n, p, lang, text) for n, p in enumerate(paragraphs) for lang, text in sorted(p.texts.items())]
    units = [[s.text for s in split_sentences(text, lang)] for _, _, lang, text in chosen]
    sentence_vectors, paragraph_vectors = unit_embeddings(encoder, units)
    labels = np.array([[theme in p.themes for theme in themes] for _, p, _, _ in chosen], dtype=np.float64)
    owner = np.array([n for n, _, _, _ in chosen], dtype=np.int64)
    if not sentences:
        return paragraph_vectors, labels, owner
    sizes = [len(u) for u in units]
    single = np.repeat([len(p.themes) == 1 for _, p, _, _ in chosen], sizes)
    return (
        np.vstack([paragraph_vectors, sentence_vectors[single]]),
        np.vstack([labels, np.repeat(labels, sizes, axis=0)[single]]),
        np.concatenate([owner, np.repeat(owner, sizes)[single]]),
    )


def fit_classifier(
    features: np.ndarray, labels: np.ndarray, themes: Sequence[str], training_sha256: str, l2: float = L2
) -> ThemeClassifier:
    """One logistic model per theme (column of ``labels``), thresholds at 0.5 until calibrated."""
    fitted = [fit_logistic(features, labels[:, k], l2) for k in range(len(themes))]
    weights = np.stack([w for w, _ in fitted], axis=1)
    bias = np.array([b for _, b in fitted])
    return ThemeClassifier(tuple(themes), weights, bias, np.full(len(themes), 0.5), training_sha256, l2=l2)


def train_classifier(encoder: UseEncoder | None = None) -> ThemeClassifier:
    """Fit the classifier on the shipped training split (its paragraphs and the sentences of
    its single-theme paragraphs, see :func:`labelled_examples`) and calibrate its thresholds
    on the calibration paragraphs (every language of the data). Deterministic."""
    if encoder is None:
        from bicorpus.sentence_aligner.aligner import default_aligner

        encoder = default_aligner().encoder
    themes = load_theme_taxonomy().ids
    paragraphs = load_training_paragraphs()
    training = [p for p in paragraphs if p.split == "training"]
    features, labels, _ = labelled_examples(encoder, training, themes, sentences=True)
    untuned = fit_classifier(features, labels, themes, training_data_sha256())
    calibration = [p for p in paragraphs if p.split == "calibration"]
    calibration_features, calibration_labels, _ = labelled_examples(encoder, calibration, themes, sentences=False)
    thresholds = calibrate_thresholds(untuned.probabilities(calibration_features), calibration_labels)
    return ThemeClassifier(tuple(themes), untuned.weights, untuned.bias, thresholds, untuned.training_sha256)


@cache
def load_classifier() -> ThemeClassifier:
    """The shipped classifier, validated (see :func:`classifier_from_json`)."""
    return classifier_from_json(read_json_resource(CLASSIFIER), resource_location(CLASSIFIER))


def classifier_from_json(data: Any, where: str) -> ThemeClassifier:
    """The classifier of the parsed ``theme_classifier.json`` ``data`` (named ``where`` in
    errors), validated: its schema, the taxonomy's themes in order, one dimension throughout
    (E365), and trained on the shipped training data (E364)."""
    check_against_schema(data, schema(CLASSIFIER_SCHEMA), where)
    ids = tuple(theme["id"] for theme in data["themes"])
    if ids != tuple(load_theme_taxonomy().ids):
        raise CorpusError(where, "its themes are not those of the theme taxonomy, in its order", code="E365",
                          hint="retrain it: bicorpus train-themes --out " + where)
    dimension = data["dimension"]
    if any(len(theme["weights"]) != dimension for theme in data["themes"]):
        raise CorpusError(where, f"a theme's weights are not {dimension} numbers", code="E365",
                          hint="retrain it: bicorpus train-themes --out " + where)
    if data["training_sha256"] != training_data_sha256():
        raise CorpusError(where, "it was trained on other data than the shipped theme_training.json", code="E364",
                          hint="retrain it: bicorpus train-themes --out " + where)
    return ThemeClassifier(
        themes=ids,
        weights=np.array([theme["weights"] for theme in data["themes"]], dtype=np.float64).T.copy(),
        bias=np.array([theme["bias"] for theme in data["themes"]], dtype=np.float64),
        thresholds=np.array([theme["threshold"] for theme in data["themes"]], dtype=np.float64),
        training_sha256=data["training_sha256"],
        l2=data["settings"]["l2"],
        context_weight=data["settings"]["context_weight"],
        document_weight=data["settings"]["document_weight"],
    )

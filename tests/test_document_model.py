"""The document tree: segmented and identified once, aligned once, and the records made from it."""

from __future__ import annotations

from bicorpus.pipeline import align_document, build_document
from bicorpus.sources import read_document
from conftest import SHIPPED_DOCUMENT


def test_every_sentence_of_both_languages_is_in_exactly_one_bead_in_order():
    aligned = align_document(read_document(SHIPPED_DOCUMENT))
    for side, lang in enumerate(aligned.languages):
        in_beads = [s.id for g in aligned.groups for b in g.sentence_beads for s in g.sides(b)[side]]
        assert in_beads == [s.id for s in aligned.sentences(lang)]


def test_the_published_beads_are_the_beads_of_the_tree():
    document = read_document(SHIPPED_DOCUMENT)
    aligned, records = align_document(document), build_document(document)
    source, target = aligned.languages
    tree = [
        ([s.id for s in g.sides(b)[0]], [s.id for s in g.sides(b)[1]]) for g in aligned.groups for b in g.sentence_beads
    ]
    published = [(row[f"{source}_ids"], row[f"{target}_ids"]) for row in records.sentences]
    assert published == tree
    spans = aligned.sentence_bead_spans()
    assert len(spans) == len(tree) and spans[0][0][0][0] == aligned.sentences(source)[0].span.start

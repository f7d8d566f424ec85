"""Review round trip: automatic annotation out to an annotation tool, corrected gold back in.

``bicorpus review export`` (:mod:`bicorpus.review.export_tasks`) writes a published corpus's
automatic entities, cross-lingual links and themes as Label Studio tasks with predictions,
and the labeling config that shows them (:mod:`bicorpus.review.label_studio`).
``bicorpus review import`` (:mod:`bicorpus.review.import_annotations`) reads Label Studio's
JSON export of the reviewed project and writes each document's gold ``entities.yaml`` and
``themes.yaml`` (:mod:`bicorpus.review.gold_writer`), checked by the same compile functions
that read hand-written ones before any file is replaced. The workflow is docs/review.md.
"""

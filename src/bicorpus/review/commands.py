"""``bicorpus review export`` and ``bicorpus review import``: the command line of the review round trip."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bicorpus.command_arguments import add_corpus_dir
from bicorpus.review.export_tasks import write_review_export
from bicorpus.review.import_annotations import import_review
from bicorpus.review.label_studio import EXPORT_FORMAT


def _export(args: argparse.Namespace) -> int:
    done = write_review_export(args.dir, args.out, args.config, args.document)
    print(f"{done.tasks} tasks of {len(done.documents)} document(s) (one per paragraph bead): {done.tasks_file}")
    print(f"labeling config: {done.config_file}")
    if done.gold_documents:
        print(f"left out, entities and themes gold already: {', '.join(done.gold_documents)}")
    return 0


def _import(args: argparse.Namespace) -> int:
    done = import_review(args.file, args.sources, replace=args.replace, dry_run=args.dry_run)
    verb = "would write" if done.dry_run else "wrote"
    for document in done.documents:
        parts = []
        if document.entities or any(path.name.startswith("entities") for path in document.files):
            parts.append(f"{document.entities} entities, {document.mentions} mentions, {document.links} cross-lingual links")
        if document.paragraphs:
            parts.append(f"themes of {document.paragraphs} paragraphs and {document.sentences} sentences")
        files = ", ".join(str(path) for path in document.files) or "nothing"
        print(f"{document.document}: {verb} {files} ({'; '.join(parts) or 'no layer under review'})")
        reviewed = document.tasks - len(document.from_predictions)
        line = f"{document.document}: {reviewed} of {document.tasks} tasks annotated"
        if document.from_predictions:
            shown = "; ".join(document.from_predictions[:5]) + ("; ..." if len(document.from_predictions) > 5 else "")
            line += f"; {len(document.from_predictions)} without an annotation took the prediction ({shown})"
        print(line)
    if not done.dry_run:
        print(f"rebuild to publish the gold: bicorpus build --sources {args.sources} --out DIR")
    return 0


def register(commands: Any) -> None:
    """Add ``review`` with its ``export`` and ``import`` subcommands to the ``bicorpus`` subcommands
    (``commands`` from ``add_subparsers``)."""
    review = commands.add_parser(
        "review",
        help="correct the automatic entities and themes in Label Studio and bring them back as gold",
        description=(
            "The review round trip (docs/review.md): 'review export' writes the automatic annotation of a built "
            "corpus as Label Studio tasks with predictions, and the labeling config to create the project with; "
            "after the review, 'review import' turns Label Studio's JSON export into each document's gold "
            "entities.yaml and themes.yaml, and the next build publishes them as gold."
        ),
        epilog="Run 'bicorpus review export --help' and 'bicorpus review import --help' for their options.",
    )
    steps = review.add_subparsers(dest="review_command", required=True, metavar="STEP")

    export = steps.add_parser(
        "export",
        help="write a corpus's automatic annotation as Label Studio tasks, and the labeling config",
        description=(
            "Read the corpus in DIR (built by 'bicorpus build --out DIR') and write one Label Studio task per "
            "paragraph bead, both languages side by side: the automatic entity mentions (label, entity id, "
            "confidence as the region's score when the corpus records one), relations linking the mentions of one "
            "entity across the languages, and a region per paragraph and sentence of the source language with its "
            "themes and primary theme, all as a prediction whose model_version is the corpus's build signature. "
            "Layers that are gold already are left out (a document with both gold files gives no task). Also "
            "writes the labeling config (XML) the tasks need: create the Label Studio project with it, then "
            "import the tasks file."
        ),
        epilog=(
            "Examples: bicorpus review export my_dataset --format label-studio --out review.json "
            "(also writes review.config.xml); bicorpus review export my_dataset --format label-studio "
            "--out review.json --config ls-config.xml --document harbour-2025. Step by step: docs/review.md."
        ),
    )
    add_corpus_dir(export)
    export.add_argument("--format", required=True, choices=(EXPORT_FORMAT,), help="the annotation tool's task format")
    export.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="the tasks file to write (JSON, the list of tasks Label Studio imports)")
    export.add_argument("--config", type=Path, metavar="FILE",
                        help="where the labeling config goes (default: beside FILE, review.json -> review.config.xml)")
    export.add_argument("--document", action="append", default=[], metavar="ID",
                        help="export only this document (repeat for several; default: every document)")
    export.set_defaults(handler=_export)

    imported = steps.add_parser(
        "import",
        help="turn Label Studio's JSON export of a reviewed project into gold entities.yaml and themes.yaml",
        description=(
            "Read FILE, Label Studio's JSON export (Export -> JSON) of a project made from 'review export' tasks, take "
            "each task's latest annotation that was not skipped (or its prediction when nobody annotated it; the "
            "summary names those tasks), and write SRC/<document>/entities.yaml and themes.yaml for the layers "
            "that were exported. Mentions joined by a relation or by the same entity id are one entity. Refuses "
            "with one line, writing nothing, when the export does not match the sources (a changed text, an "
            "unknown document, a missing task, a region whose offsets miss the text) or when a written file "
            "would not pass the checks 'bicorpus build' makes on hand-written gold; files are written to "
            "temporary files first and renamed only when every document passed. A hand-written gold file is "
            "replaced only with --replace."
        ),
        epilog=(
            "Example: bicorpus review import project-7-at-2025-05-04.json --sources my_pairs, then "
            "bicorpus build --sources my_pairs --out my_dataset to publish the corrections as gold. "
            "Step by step: docs/review.md."
        ),
    )
    imported.add_argument("file", type=Path, metavar="FILE", help="Label Studio's JSON export of the reviewed project")
    imported.add_argument("--sources", type=Path, required=True, metavar="SRC",
                          help="the sources folder the corpus was built from (holds one folder per document)")
    imported.add_argument("--replace", action="store_true",
                          help="replace gold files written by hand too (by default only ones an earlier import wrote)")
    imported.add_argument("--dry-run", action="store_true", help="check everything and print the summary, write nothing")
    imported.set_defaults(handler=_import)

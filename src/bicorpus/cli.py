"""The ``bicorpus`` command line: build, validate and describe a corpus.

Every failure prints one line (``bicorpus: <where>: <what is wrong>``) on stderr and exits
with status 1; usage errors exit with 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bicorpus import __version__
from bicorpus.dataset_card import CorpusFacts, render_card
from bicorpus.errors import CorpusError
from bicorpus.pipeline import iter_documents
from bicorpus.publish import DATA_FOLDER, publish, read_data
from bicorpus.records import Corpus
from bicorpus.sentence_aligner import commands as aligner_commands
from bicorpus.sources import read_sources
from bicorpus.stats import corpus_stats, format_stats
from bicorpus.validate import validate_corpus

#: The repository this package was installed from (editable installs), which ships a corpus.
REPOSITORY = Path(__file__).resolve().parents[2]
SHIPPED_CORPUS = REPOSITORY / "corpus"


class _Progress:
    """Progress on stderr: a rewritten line on a terminal, a line per 10% otherwise."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label = total, label
        self.interactive = sys.stderr.isatty()

    def __call__(self, done: int, item: str) -> None:
        if self.interactive:
            end = "\n" if done == self.total else ""
            print(f"\r{self.label} {done}/{self.total} {item}\033[K", end=end, file=sys.stderr, flush=True)
        elif done == self.total or done % max(1, self.total // 10) == 0:
            print(f"{self.label} {done}/{self.total} {item}", file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    if args.sources is None:
        sources = SHIPPED_CORPUS / "sources"
        out = args.out or SHIPPED_CORPUS
    elif args.out is None:
        raise CorpusError("--out", "required with --sources, so that the shipped corpus is not overwritten")
    else:
        sources, out = args.sources, args.out
    shipped = out.resolve() == SHIPPED_CORPUS.resolve()
    # The shipped corpus's card is the repository README; any other build carries its own.
    card_path = REPOSITORY / "README.md" if shipped else out / "README.md"
    data_prefix = f"{out.resolve().relative_to(REPOSITORY)}/{DATA_FOLDER}" if shipped else DATA_FOLDER

    documents = read_sources(sources)
    # A new card's licence and annotation creators come from the documents as they stream past.
    facts = CorpusFacts()
    records = facts.observe(iter_documents(documents, progress=_Progress(len(documents), "built"), jobs=args.jobs))
    existing = card_path.read_text(encoding="utf-8") if card_path.is_file() else None
    sizes = publish(records, out, card_path, lambda sizes: render_card(existing, sizes, data_prefix, facts))
    print(f"built {sizes['documents'].rows} documents, {sizes['sentences'].rows} sentence pairs into {out / DATA_FOLDER}")
    print(f"dataset card: {card_path}")
    return 0


def _load(directory: Path | None) -> tuple[Path, Corpus]:
    folder = directory or SHIPPED_CORPUS
    return folder, read_data(folder / DATA_FOLDER)


def _validate(args: argparse.Namespace) -> int:
    folder, corpus = _load(args.dir)
    problems = validate_corpus(corpus)
    for problem in problems:
        print(f"bicorpus: {folder / DATA_FOLDER}: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{folder / DATA_FOLDER}: valid")
    return 0


def _stats(args: argparse.Namespace) -> int:
    _, corpus = _load(args.dir)
    stats = corpus_stats(corpus)
    print(json.dumps(stats, indent=2, ensure_ascii=False) if args.json else format_stats(stats))
    return 0


def _eval_annotations(args: argparse.Namespace) -> int:
    from bicorpus.annotation_eval import evaluate_document, format_report

    entity_scores, theme_scores = evaluate_document(args.folder)
    print(format_report(entity_scores, theme_scores, args.folder.name))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``bicorpus`` command."""
    parser = argparse.ArgumentParser(
        prog="bicorpus",
        description=(
            "Turn documents and their translations into a validated, sentence-aligned bilingual "
            "corpus published as a Hugging Face dataset (Parquet + dataset card)."
        ),
        epilog="Run 'bicorpus COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"bicorpus {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="build a corpus from a sources folder and publish it",
        description=(
            "Read every document folder under SOURCES (meta.yaml plus one text per language, "
            "optionally glossary.yaml and gold entities.yaml/themes.yaml), normalize, segment, "
            "check, align, annotate (gold where given, automatic otherwise) and validate, then "
            "write OUT/data/*.parquet and the dataset card OUT/README.md. Files are built in a "
            "temporary folder and swapped in only after validation passes: a failing build "
            "leaves the previous corpus untouched. The same sources give byte-identical files."
        ),
        epilog="Example: bicorpus build --sources my_pairs/ --out my_dataset/",
    )
    build.add_argument("--sources", type=Path, help="folder of document folders (default: this repository's corpus/sources)")
    build.add_argument(
        "--out",
        type=Path,
        help="dataset folder to publish into (default: this repository's corpus/, whose card is the repository README; "
        "required with --sources)",
    )
    build.add_argument(
        "--jobs", type=int, default=1, metavar="N",
        help="build documents in N processes (default 1); the output is identical for any N",
    )
    build.set_defaults(handler=_build)

    validate = commands.add_parser(
        "validate",
        help="check a built corpus against the schemas and integrity rules",
        description=(
            "Check DIR/data/*.parquet against the record JSON Schemas and the cross-record rules "
            "(unique ids, resolving references, exact offsets, complete and ordered beads). "
            "Prints one line per problem and exits 1 if there is any."
        ),
    )
    validate.add_argument("dir", nargs="?", type=Path, help="built dataset folder (default: this repository's corpus/)")
    validate.set_defaults(handler=_validate)

    stats = commands.add_parser(
        "stats",
        help="print counts of a built corpus",
        description="Documents, paragraphs and sentences per language, beads per alignment type, language-ID flags, duplicates.",
    )
    stats.add_argument("dir", nargs="?", type=Path, help="built dataset folder (default: this repository's corpus/)")
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats.set_defaults(handler=_stats)

    evaluate = commands.add_parser(
        "eval-annotations",
        help="score the automatic entity and theme annotators against a document's gold files",
        description=(
            "Run the automatic pre-annotation on FOLDER (a document folder with entities.yaml and "
            "themes.yaml), without reading the gold, then print precision, recall and F1 per label "
            "and language, cross-lingual link accuracy, and theme scores against the gold."
        ),
    )
    evaluate.add_argument(
        "folder", nargs="?", type=Path, default=SHIPPED_CORPUS / "sources" / "nqpf-2024-01-31",
        help="document folder (default: the shipped speech)",
    )
    evaluate.set_defaults(handler=_eval_annotations)

    aligner_commands.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except CorpusError as error:
        print(f"bicorpus: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

"""The ``bicorpus`` command line: build, validate and describe a corpus.

Every failure prints one line on stderr and exits non-zero, never with a traceback: bad input
is a :class:`~bicorpus.errors.BicorpusError` (``bicorpus: E203 <file> at <pointer>: <what is
wrong>; <what to do>``, status 1; codes in docs/errors.md); a file that cannot be read or
written, a full disk, a closed output pipe, running out of memory or Ctrl-C print
``bicorpus: <what happened>`` (status 1, or 130 for Ctrl-C; the file is named, ``standard
output`` included). ``--debug`` shows the traceback instead. Usage errors exit with 2. Any other exception is a bug
of bicorpus: one line ``bicorpus: internal error (<type>: <message>); …`` and status 70
(``EX_SOFTWARE``), so that a script can tell it from bad input.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO, cast

from bicorpus import __version__, analysis_commands, theme_commands
from bicorpus.add_document import add_document
from bicorpus.annotation_eval import THEME_ANNOTATORS
from bicorpus.build_signature import installed_differences, installed_signature, recorded_signature
from bicorpus.command_arguments import add_corpus_dir
from bicorpus.corpus_build import ON_ERROR, REPORT_NAME, build_corpus, worker_start
from bicorpus.engine import ENGINES, make_engine
from bicorpus.entity_tagger import DEFAULT_ENTITY_TAGGER, ENTITY_TAGGERS, check_entity_tagger
from bicorpus.errors import BicorpusError, CorpusError
from bicorpus.export import commands as export_commands
from bicorpus.publish import CARD_NAME, DATA_FOLDER, Snapshot, iter_published, published_snapshot, read_data
from bicorpus.published_validation import validate_published
from bicorpus.records import Corpus
from bicorpus.review import commands as review_commands
from bicorpus.sentence_aligner import commands as aligner_commands
from bicorpus.sharding import DOCUMENTS_PER_SHARD
from bicorpus.stats import corpus_stats, format_stats
from bicorpus.validate import published_problems


class _Progress:
    """Progress on stderr: a rewritten line on a terminal, a line per 10% otherwise."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.interactive = sys.stderr.isatty()

    def __call__(self, done: int, total: int, item: str) -> None:
        if self.interactive:
            end = "\n" if done == total else ""
            print(f"\r{self.label} {done}/{total} {item}\033[K", end=end, file=sys.stderr, flush=True)
        elif done == total or done % max(1, total // 10) == 0:
            print(f"{self.label} {done}/{total} {item}", file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    if args.address is not None and args.engine != "ray":
        raise BicorpusError(
            code="E441", file=f"--address {args.address}", message="is an address of a Ray cluster, but the engine is local",
            hint="add --engine ray, or leave out --address",
        )
    engine = make_engine(args.engine, args.jobs, args.address, initializer=worker_start)
    report = build_corpus(
        args.sources, args.out, args.card, engine=engine, on_error=args.on_error, resume=args.resume,
        documents_per_shard=args.documents_per_shard, report_path=args.report,
        progress=_Progress("built"), entity_tagger=args.entity_tagger,
    )
    published, pair = report.published, report.pair
    assert published is not None and pair is not None
    for warning in [*report.warnings, *published.warnings]:
        print(f"bicorpus: warning: {warning}", file=sys.stderr)
    for skipped in report.skipped:
        print(f"bicorpus: skipped {skipped.document}: {skipped.error}", file=sys.stderr)
    sizes = published.sizes
    print(
        f"built {sizes['documents'].rows} documents, {sizes['sentences'].rows} {pair} sentence pairs "
        f"into {args.out / DATA_FOLDER / published.version} ({report.shards} shard{'s' if report.shards > 1 else ''})"
    )
    if report.reused:
        print(f"reused {report.reused} unchanged documents from the previous build, built {report.built}")
    if args.on_error == "skip":
        print(f"skipped {len(report.skipped)} documents; report: {args.report or args.out / REPORT_NAME}")
    print(f"dataset card: {args.card or args.out / CARD_NAME}")
    print(f"build signature: {installed_signature(args.entity_tagger)}")
    return 0


def _load(folder: Path) -> tuple[Snapshot, Corpus]:
    return published_snapshot(folder), read_data(folder)


def _language_value(option: str, value: str) -> tuple[str, str]:
    lang, sep, rest = value.partition("=")
    if not sep or not lang or not rest:
        raise CorpusError(
            f"{option} {value}", "is not LANG=VALUE", code="E216", hint=f"write {option} LANG=VALUE, e.g. {option} en=..."
        )
    return lang, rest


def _add_document(args: argparse.Namespace) -> int:
    texts = [(lang, Path(file)) for lang, file in (_language_value("--text", value) for value in args.text)]
    titles = dict(_language_value("--title", value) for value in args.title)
    folder = add_document(args.sources_dir, args.id, texts, titles)
    print(f"added {folder} ({', '.join(lang for lang, _ in texts)}); complete its meta.yaml where it says null or NOASSERTION")
    return 0


def _validate(args: argparse.Namespace) -> int:
    # What users load first: the card, its snapshot and the manifest (each problem one coded
    # line); the records are read only from files that checked out.
    snapshot, problems = published_problems(args.dir)
    where = _shown(snapshot, args.dir)
    for problem in problems:
        print(str(problem), file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    # The records are streamed shard by shard, document by document (memory does not grow
    # with the corpus); each problem is printed as soon as its shard is done.
    record_problems = 0
    for record_problem in validate_published(snapshot, args.jobs):
        print(f"bicorpus: {where}: {record_problem}", file=sys.stderr)
        record_problems += 1
    if record_problems:
        print(f"{record_problems} problem(s)", file=sys.stderr)
        return 1
    # The signature only warns: a corpus built with other versions is still a valid corpus,
    # but rebuilding it here may not give the same bytes.
    recorded, notes = recorded_signature(snapshot.parquet_files())
    if recorded is not None:
        differences = installed_differences(recorded)
        if differences:
            notes.append("built with other versions than the installed ones (built != installed): " + "; ".join(differences))
    for note in notes:
        print(f"bicorpus: warning: {where}: {note}", file=sys.stderr)
    print(f"{where}: valid")
    return 0


def _shown(snapshot: Snapshot, folder: Path) -> Path:
    """The snapshot folder as the user named the corpus (``corpus/data/v-…``), else absolute."""
    start = Path(os.path.abspath(folder))
    version_dir = Path(os.path.abspath(snapshot.version_dir))
    return folder / version_dir.relative_to(start) if version_dir.is_relative_to(start) else version_dir


def _stats(args: argparse.Namespace) -> int:
    snapshot, corpus = _load(args.dir)
    stats = corpus_stats(corpus)
    if args.plot is not None:
        from bicorpus.stats_plots import chart_data, write_charts

        charts = write_charts(chart_data(iter_published(args.dir)), args.plot, args.dir.resolve().name)
        print(f"charts: {', '.join(str(path) for path in charts)}", file=sys.stderr)
    recorded, _ = recorded_signature(snapshot.parquet_files())
    stats["build_signature"] = None if recorded is None else {"line": str(recorded), **recorded.as_dict()}
    print(json.dumps(stats, indent=2, ensure_ascii=False) if args.json else format_stats(stats))
    return 0


def _eval_annotations(args: argparse.Namespace) -> int:
    from bicorpus.annotation_eval import evaluate_document, evaluation_signature, format_report, format_summary, pooled
    from bicorpus.build_signature import installed_signature

    check_entity_tagger(args.entity_tagger)
    rows = []
    for number, folder in enumerate(args.folder, 1):
        if len(args.folder) > 1:
            print(f"scoring {number}/{len(args.folder)}: {folder.name}", file=sys.stderr, flush=True)
        rows.append((folder.name, *evaluate_document(folder, args.entity_tagger, args.theme_annotator)))
    with_entities = sum(entities is not None for _, entities, _ in rows)
    with_themes = sum(themes is not None for _, _, themes in rows)
    if len(rows) == 1:
        print(format_report(rows[0][1], rows[0][2], rows[0][0]))
    else:
        print(f"# Per document\n\n{format_summary(rows)}\n")
        entity_scores, theme_scores = pooled([(entities, themes) for _, entities, themes in rows])
        counted = f"{len(rows)} documents pooled (micro)"
        if (with_entities, with_themes) != (len(rows), len(rows)):
            counted += f"; {with_entities} with gold entities, {with_themes} with gold themes"
        print(format_report(entity_scores, theme_scores, counted))
    print(evaluation_signature(args.entity_tagger, args.theme_annotator, len(rows), with_entities, with_themes))
    print(f"build signature of the annotators: {installed_signature(args.entity_tagger)}")
    return 0


def _add_entity_tagger(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--entity-tagger", choices=ENTITY_TAGGERS, default=DEFAULT_ENTITY_TAGGER,
        help="what finds entities where a document has no gold entities.yaml: the language rules alone (rules, the "
        "default) or the rules joined by a statistical tagger where the language has one (statistical: spaCy for "
        "English; needs pip install 'bicorpus[ner]'); recorded in the build signature",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``bicorpus`` command."""
    parser = argparse.ArgumentParser(
        prog="bicorpus",
        description=(
            "Turn documents and their translations into a validated, sentence-aligned bilingual "
            "corpus published as a Hugging Face dataset (Parquet + dataset card)."
        ),
        epilog=(
            "Run 'bicorpus COMMAND --help' for a command's options and an example. 'python -m bicorpus' is the "
            "same command. An error is one line 'bicorpus: CODE FILE: what is wrong; what to do' and exit status 1; "
            "the codes are listed in docs/errors.md of the bicorpus repository."
        ),
    )
    parser.add_argument("--version", action="version", version=f"bicorpus {__version__}")
    parser.add_argument("--debug", action="store_true", help="on an error, show the Python traceback instead of one line")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="build a corpus from a sources folder and publish it",
        description=(
            "Read every document folder under SOURCES (meta.yaml plus one text per language, "
            "optionally glossary.yaml and gold entities.yaml/themes.yaml), normalize, segment, "
            "check, align, annotate (gold where given, automatic otherwise) and validate each one where it is "
            "built, then write a new snapshot OUT/data/v-<hash>/ (each config in shards <config>/part-NNNNN.parquet, "
            "and manifest.json) and publish it by replacing the dataset card (OUT/README.md, or --card) in one "
            "atomic step; the previous snapshot is deleted after that. A failing or killed build leaves the "
            "published corpus untouched; one build at a time per OUT. Documents are built one by one in "
            "bounded memory, on this machine (--engine local) or a Ray cluster (--engine ray); the same sources "
            "give byte-identical files whatever the engine and the number of workers. Each finished document "
            "is kept in OUT/.bicorpus-cache/, which --resume reuses."
        ),
        epilog=(
            "Examples: bicorpus build --sources my_pairs/ --out my_dataset/ --jobs 2; "
            "bicorpus build --sources /shared/pairs --out /shared/dataset --engine ray --address auto "
            "--on-error skip --resume. "
            "The corpus shipped in the bicorpus repository is built from its root with "
            "'bicorpus build --sources corpus/sources --out corpus --card README.md' (make corpus)."
        ),
    )
    build.add_argument("--sources", type=Path, required=True, help="folder of document folders")
    build.add_argument("--out", type=Path, required=True, help="dataset folder to publish into (created if missing)")
    build.add_argument(
        "--card",
        type=Path,
        metavar="FILE",
        help="where the dataset card goes (default OUT/README.md); it may sit in a folder above OUT, "
        "and its data paths are written relative to its own folder",
    )
    build.add_argument(
        "--jobs", type=int, default=1, metavar="N",
        help="worker processes on this machine, 1 to the number of CPUs (default 1); with --engine ray and no "
        "--address, the CPUs of the local Ray cluster; the output is identical for any N",
    )
    build.add_argument(
        "--engine", choices=ENGINES, default="local",
        help="where documents are built: local (this machine, --jobs processes; the default) or ray "
        "(a Ray cluster; needs pip install 'bicorpus[ray]')",
    )
    build.add_argument(
        "--address", metavar="ADDR",
        help="with --engine ray: the cluster to use (auto, or HOST:PORT of its head; default: start a local one). "
        "Every node must see SOURCES at the same path",
    )
    build.add_argument(
        "--on-error", choices=ON_ERROR, default="fail",
        help="a bad document stops the build, nothing published (fail, the default), or is left out (skip): "
        f"the others are published and OUT/{REPORT_NAME} names each one left out with its error",
    )
    build.add_argument(
        "--report", type=Path, metavar="FILE", help=f"where --on-error skip writes its report (default OUT/{REPORT_NAME})"
    )
    build.add_argument(
        "--resume", action="store_true",
        help="reuse the records of documents whose folder, language pair and build signature are unchanged since "
        "an earlier build into OUT (a killed one too) instead of building them again; the output is the same",
    )
    build.add_argument(
        "--documents-per-shard", type=int, default=DOCUMENTS_PER_SHARD, metavar="N",
        help=f"documents per Parquet shard aimed at (default {DOCUMENTS_PER_SHARD}); the number of shards is "
        "the number of documents over N, rounded up",
    )
    _add_entity_tagger(build)
    build.set_defaults(handler=_build)

    validate = commands.add_parser(
        "validate",
        help="check a built corpus against the schemas and integrity rules",
        description=(
            "Check what load_dataset reads: DIR's card (DIR/README.md, or the nearest README.md above whose data "
            "files point into DIR), the snapshot it names (manifest, SHA-256 of every file, features, row counts "
            "and sizes as the card states them), then the records against the JSON Schemas and the cross-record "
            "rules (unique ids, resolving references, exact offsets, complete and ordered beads), read shard by "
            "shard and one document at a time, so memory does not grow with the corpus. "
            "Prints one line per problem and exits 1 if there is any. Warns (exit 0) when the "
            "installed versions or label files differ from the build signature the files record."
        ),
        epilog="Example: bicorpus validate my_dataset/ (in the bicorpus repository: bicorpus validate corpus).",
    )
    add_corpus_dir(validate)
    validate.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
        help="validate up to N shards at once in worker processes, 1 to the number of CPUs (default: the number "
        "of CPUs; never more processes than shards); the problems printed are the same for any N",
    )
    validate.set_defaults(handler=_validate)

    stats = commands.add_parser(
        "stats",
        help="print counts of a built corpus",
        description=(
            "Print the figures of a built corpus (the snapshot DIR's card names): documents, paragraphs and sentences per "
            "language, beads per alignment type, language-ID flags, near-duplicate paragraphs, and the build "
            "signature the files record (what produced them)."
        ),
        epilog="Example: bicorpus stats corpus --json > stats.json (from the bicorpus repository's root).",
    )
    add_corpus_dir(stats)
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats.add_argument("--plot", type=Path, metavar="OUT_DIR", help="also draw charts (alignment types, length ratio, "
                       "scores, themes) into OUT_DIR as PNG and SVG; needs matplotlib: pip install 'bicorpus[plot]'")
    stats.set_defaults(handler=_stats)

    evaluate = commands.add_parser(
        "eval-annotations",
        help="score the automatic entity and theme annotators against documents' gold files",
        description=(
            "Run the automatic pre-annotation on each FOLDER (a document folder with entities.yaml, "
            "themes.yaml or both), without reading the gold, then print precision, recall and F1 per label "
            "and language, cross-lingual link accuracy, and theme scores against the gold, as Markdown tables. "
            "With several folders: one summary line per document, then the tables pooled over all of them "
            "(counts summed: micro-averages). The last lines are the evaluation's signature and the build "
            "signature of the annotators that were scored."
        ),
        epilog="Example: bicorpus eval-annotations tests/annotation_heldout/*/ (from the bicorpus repository's root).",
    )
    evaluate.add_argument(
        "folder",
        type=Path,
        nargs="+",
        help="document folder(s) with gold files, e.g. corpus/sources/nqpf-2024-01-31 in the bicorpus repository",
    )
    _add_entity_tagger(evaluate)
    evaluate.add_argument(
        "--theme-annotator",
        choices=THEME_ANNOTATORS,
        default=THEME_ANNOTATORS[0],
        help="the automatic themes to score: the embedding classifier the build runs (default), or the "
        "cue-word lexicon it replaced (English only), as a baseline",
    )
    evaluate.set_defaults(handler=_eval_annotations)

    add = commands.add_parser(
        "add-document",
        help="create a document folder from two text files",
        description=(
            "Create SOURCES_DIR/ID/ holding the two texts, copied byte for byte as <lang>.txt, and a "
            "meta.yaml that validates: the two languages (the first --text is taken as the original, the "
            "second as its translation), the titles given, and null or NOASSERTION for what the command "
            "cannot know (speaker, event, date, licences), to be completed by hand. Refuses an existing ID, "
            "a language code the aligner's encoder does not cover, and a file that is not UTF-8 text, "
            "with one line, writing nothing."
        ),
        epilog="Example: bicorpus add-document my_pairs harbour-2025 --text en=harbour.en.txt --text zh=harbour.zh.txt "
        "--title en='Harbour report' --title zh=港口报告",
    )
    add.add_argument("sources_dir", type=Path, metavar="SOURCES_DIR", help="folder of document folders (created if missing)")
    add.add_argument("id", metavar="ID", help="the document id: lower-case letters and digits in hyphen-separated groups")
    add.add_argument("--text", action="append", default=[], metavar="LANG=FILE", required=True,
                     help="a text and its ISO 639-1 language code; give it twice, the original first")
    add.add_argument("--title", action="append", default=[], metavar="LANG=TEXT", help="the title in one language (optional)")
    add.set_defaults(handler=_add_document)

    export_commands.register(commands)
    analysis_commands.register(commands)
    aligner_commands.register(commands)
    review_commands.register(commands)
    theme_commands.register(commands)
    return parser


INTERNAL_ERROR_STATUS = 70
"""Exit status of a bug of bicorpus itself (sysexits' EX_SOFTWARE), not of bad input."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (see the module docstring)."""
    args = build_parser().parse_args(argv)
    if args.debug:
        return _run(args)
    try:
        with _named_stdout():
            status = _run(args)
            _flush_stdout()  # a closed pipe or a full disk shows here, inside the try, not at interpreter exit
        return status
    except BicorpusError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return _fail("bicorpus: interrupted", 130)
    except BrokenPipeError:
        # The reader went away (`bicorpus stats | head`): nothing more can be written there, and
        # Python's own flush at exit would fail again, so point stdout at nothing.
        _silence_stdout()
        return _fail("bicorpus: output closed before everything was written (broken pipe)")
    except OSError as error:
        _settle_stdout()
        out = getattr(args, "out", None)
        if error.filename is None and out is not None:
            # Writers such as pyarrow's name no file; the folder or file being written is --out.
            error = OSError(error.errno, error.strerror or str(error), f"writing {out}")
        return _fail(f"bicorpus: {_describe(error)}")
    except MemoryError:
        return _fail("bicorpus: out of memory; free memory, or build with fewer --jobs")
    except Exception as error:  # a bug of ours: still one line, but its own status
        _settle_stdout()
        # An error raised in a Ray worker carries the remote traceback in its text; its last
        # line is the original exception.
        said = [line for line in str(error).splitlines() if line.strip()]
        return _fail(
            f"bicorpus: internal error ({type(error).__name__}: {said[-1] if said else ''}); this is a bug in bicorpus, "
            "not in your input: run the command again with --debug and report the traceback",
            INTERNAL_ERROR_STATUS,
        )


def _run(args: argparse.Namespace) -> int:
    _check_arguments(args)
    status: int = args.handler(args)
    return status


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuse option values argparse's types cannot judge, before any work is done."""
    per_shard: int | None = getattr(args, "documents_per_shard", None)
    if per_shard is not None and per_shard < 1:
        raise BicorpusError(
            code="E441", file=f"--documents-per-shard {per_shard}", message="is not a number of documents",
            hint="give a whole number from 1 up",
        )
    jobs: int | None = getattr(args, "jobs", None)
    if jobs is not None:
        most = os.cpu_count() or 1
        if not 1 <= jobs <= most:
            raise BicorpusError(
                code="E440", file=f"--jobs {jobs}",
                message=f"is not a number of processes from 1 to {most} (the CPUs of this machine)",
                hint=f"give --jobs 1 to {most}",
            )


class _NamedOutput:
    """``sys.stdout`` whose write errors name it: a print to a full disk otherwise names no file."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        with self._named():
            return self._stream.write(text)

    def flush(self) -> None:
        with self._named():
            self._stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    @staticmethod
    @contextlib.contextmanager
    def _named() -> Iterator[None]:
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OSError(error.errno, error.strerror or str(error), error.filename or "standard output") from None


@contextlib.contextmanager
def _named_stdout() -> Iterator[None]:
    stream = sys.stdout
    if stream is None:
        yield
        return
    sys.stdout = cast(TextIO, _NamedOutput(stream))
    try:
        yield
    finally:
        sys.stdout = stream


def _flush_stdout() -> None:
    if sys.stdout is None:  # started with stdout closed (`bicorpus stats >&-`): what it printed is lost
        raise OSError(errno.EBADF, "closed, so the output was lost", "standard output")
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError:
        _silence_stdout()
        raise


def _settle_stdout() -> None:
    """Write what stdout still holds or, if that fails too, silence it: whatever stays in its
    buffer would fail again in Python's own flush at exit, with a traceback."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        _silence_stdout()


def _silence_stdout() -> None:
    """Point file descriptor 1 at the null device, so that nothing left to write can fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # no real stdout (captured in tests)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _describe(error: OSError) -> str:
    """``<file>: <reason>`` of an OS error, as far as it names them."""
    reason = error.strerror or str(error)
    if error.filename is None:
        return reason
    return f"{error.filename}: {reason}" if error.filename2 is None else f"{error.filename} -> {error.filename2}: {reason}"


def _fail(line: str, status: int = 1) -> int:
    with contextlib.suppress(OSError):  # stderr itself may be gone; the status still tells
        print(line, file=sys.stderr, flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""``bicorpus export``: the command line of the export stage."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bicorpus.command_arguments import add_corpus_dir
from bicorpus.errors import CorpusError
from bicorpus.export import ExportOptions, export_format, format_names, format_summary
from bicorpus.publish import iter_published, published_pair


def _export(args: argparse.Namespace) -> int:
    fmt = export_format(args.format)
    data_dir = args.dir
    pair = published_pair(data_dir)
    if fmt.per_language and args.lang is None:
        raise CorpusError(
            f"--format {fmt.name}", "holds one language", code="E702", hint=f"add --lang {pair.source} or --lang {pair.target}"
        )
    if args.lang is not None and args.lang not in pair:
        raise CorpusError(
            f"--lang {args.lang}", f"is not a language of this {pair} corpus", code="E703",
            hint=f"use --lang {pair.source} or --lang {pair.target}",
        )
    options = ExportOptions(lang=args.lang, keep_null=args.keep_null, data_dir=data_dir)
    written = fmt.write(iter_published(data_dir), args.out, options)
    for path in written:
        print(path)
    return 0


def register(commands: Any) -> None:
    """Add ``export`` to the ``bicorpus`` subcommands (``commands`` from ``add_subparsers``)."""
    export = commands.add_parser(
        "export",
        help="write a built corpus in another tool's format (TMX, Moses, CoNLL-U, vertical, HTML reader, ...)",
        description=(
            "Read the corpus DIR's card names (DIR/data/<version>/<config>/*.parquet) document by document "
            "(memory stays flat in corpus size) and write "
            "it in one format: "
            + "; ".join(f"{name}: {format_summary(name)}" for name in format_names())
            + ". Prints the files written."
        ),
        epilog=(
            "Examples (from the bicorpus repository's root): bicorpus export corpus --format tmx --out nqpf.tmx; "
            "bicorpus export corpus --format conllu --lang zh --out nqpf.zh.conllu; "
            "bicorpus export corpus --format html --out reader.html"
        ),
    )
    add_corpus_dir(export)
    export.add_argument("--format", required=True, choices=format_names(), help="the export format")
    export.add_argument(
        "--out", type=Path, required=True,
        help="the file to write (moses and vert: a path prefix, PATH.<lang>...; align-set: a new folder)",
    )
    export.add_argument("--lang", help="the language of a one-language format (conllu, conll2003)")
    export.add_argument(
        "--keep-null", action="store_true", help="keep beads with an empty side (tmx and moses leave them out by default)"
    )
    export.set_defaults(handler=_export)

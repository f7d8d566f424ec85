"""``bicorpus concord`` and ``bicorpus terms``: reading a published corpus as a translation scholar would."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bicorpus.command_arguments import add_corpus_dir
from bicorpus.concordance import check_context, compile_pattern, concordance, search_languages, write_concordance
from bicorpus.publish import DATA_FOLDER, iter_published, published_pair
from bicorpus.term_variants import (
    FORMATS,
    find_terms,
    format_term_detail,
    format_variants_table,
    no_terms_error,
    term_variants,
)


def _concord(args: argparse.Namespace) -> int:
    data_dir = args.dir
    # Every argument is checked before the corpus is read, so a typo fails at once.
    pattern = compile_pattern(args.pattern, args.case_sensitive)
    search_languages(published_pair(data_dir), args.lang)
    context = check_context(args.context)
    hits = concordance(iter_published(data_dir), pattern, args.lang, context)
    # tsv keeps stdout one table: its summary goes to stderr.
    write_concordance(hits, sys.stdout, sys.stderr if args.format == "tsv" else sys.stdout, args.format, context)
    return 0


def _terms(args: argparse.Namespace) -> int:
    if args.term is None and not (args.dir / DATA_FOLDER).is_dir() and Path(DATA_FOLDER).is_dir():
        # `bicorpus terms 新质生产力` inside a corpus folder: the one argument is the term, not a folder.
        args.term, args.dir = str(args.dir), Path(".")
    terms = term_variants(iter_published(args.dir))
    if not terms:
        raise no_terms_error(str(args.dir / DATA_FOLDER))
    if args.term is None:
        print(format_variants_table(terms, args.format))
    else:
        separator = "\n" if args.format == "tsv" else "\n\n"
        details = [format_term_detail(term, args.format) for term in find_terms(terms, args.term)]
        if args.format == "tsv":  # one table: the header once
            details = details[:1] + [detail.split("\n", 1)[1] for detail in details[1:]]
        print(separator.join(details))
    return 0


def register(commands: Any) -> None:
    """Add ``concord`` and ``terms`` to the ``bicorpus`` subcommands (``commands`` from ``add_subparsers``)."""
    concord = commands.add_parser(
        "concord",
        help="keyword in context over the sentence beads, with each hit's aligned counterpart",
        description=(
            "Search PATTERN (a Python regular expression, 'regex' module syntax; case-insensitive unless "
            "--case-sensitive) in the sentence beads of the corpus in DIR, in one language's side or both, and print "
            "each hit with N characters of context on each side and the bead's other side. A hit that overlaps "
            "a glossary term's realisation is labelled with the rendering (source side) or form (target side) "
            "there; the summary at the end counts the hits by those labels. The corpus is read one document "
            "at a time."
        ),
        epilog=(
            "Examples (from the bicorpus repository's root): bicorpus concord corpus requirement --lang en; "
            "bicorpus concord corpus '生产力' --format tsv > hits.tsv"
        ),
    )
    add_corpus_dir(concord)
    concord.add_argument("pattern", metavar="PATTERN", help="regular expression to search for")
    concord.add_argument("--lang", metavar="L", help="search only this language's side (default: both, each hit labelled)")
    concord.add_argument("--context", type=int, default=40, metavar="N",
                         help="characters of context on each side (default 40; the text layout gives each side N terminal "
                              "cells, so a wide character such as Chinese takes two)")
    concord.add_argument("--format", choices=("text", "tsv"), default="text",
                         help="text: aligned columns for a terminal (default); tsv: one hit a line with a header, "
                              "tabs and line breaks escaped, the other side whole, the summary on stderr")
    concord.add_argument("--case-sensitive", action="store_true", help="match case exactly (default: ignore case)")
    concord.set_defaults(handler=_concord)

    terms = commands.add_parser(
        "terms",
        help="glossary terms and their translation variants, with counts, shares and examples",
        description=(
            "Without TERM: the variants table, one row per glossary term (id, target form, number of "
            "renderings, source-side occurrences, share of the dominant rendering, the renderings with "
            "counts), terms with the most renderings first. With TERM (an id, a form or a rendering): that "
            "term in full, each rendering's count, share and first example (both sentences, the term marked), "
            "and the occurrences with one side only. Read from the terms and sentences configs of the corpus in DIR."
        ),
        epilog=(
            "Examples (from the bicorpus repository's root): bicorpus terms corpus --format markdown; "
            "bicorpus terms corpus intrinsic-requirement"
        ),
    )
    add_corpus_dir(terms)
    terms.add_argument("term", nargs="?", metavar="TERM", help="a term's id, form or one of its renderings")
    terms.add_argument("--format", choices=FORMATS, default="text", help="text (default), tsv or markdown")
    terms.set_defaults(handler=_terms)

"""The ``align`` and ``eval-align`` subcommands (registered into the main ``bicorpus`` CLI).

Bad input raises :class:`AlignerInputError`, which the ``bicorpus`` command prints as one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bicorpus.sentence_aligner.errors import AlignerInputError

ALIGN_HELP = """\
Align two pre-split documents (one sentence per line, UTF-8; a BOM and CRLF line ends are
accepted) and write one bead per line in the interchange format, 0-based, source first:
  [0,1]:[2]     source sentences 0 and 1 are translated by target sentence 2
  [3]:[]        source sentence 3 has no translation (a null bead)
Beads cover every line of both files exactly once, in order. With --scores a tab and the
bead's score follow (cosine similarity of the two sides' embeddings, 0.0 for null beads).
Languages: any two of ar de en es fr it ja ko nl pl pt ru th tr zh (the embedding model's).

Example:
  bicorpus align --src zh.txt --tgt en.txt --src-lang zh --tgt-lang en --out zh-en.align
"""

EVAL_HELP = """\
Align every document of a gold set and score the result. SET_DIR is laid out like
shared/align-gold/<set>/: src/NNN and tgt/NNN (one sentence per line) and gold/NNN.align.
Prints exact-match P, R, F1 (null beads counted, counts summed over documents), vecalign's
strict and lax F1, figures per bead type, sentences per second (alignment calls, model
loading excluded) and peak memory (max RSS of the process). Languages come from the set's
meta_data.tsv (src_lang, tgt_lang columns) unless given; mac-dev style sets are zh -> en.
--baseline also runs sentalign over multilingual USE (the combination a user could assemble
from PyPI) on the same input and prints the ratio of the two times. When the set has
blocks/NNN.align (hard blocks no bead may cross, as `bicorpus export --format align-set`
writes the paragraph beads a build aligned within), the aligner is given them; --no-blocks
aligns the sentences alone.

--test DIR_OR_FILE scores another aligner's output instead of running ours: a folder holding
NNN.align for each document of the set, or one .align file for a one-document set, in the
interchange format (each alignment must cover its document's sentences once, in order).
The scores are computed as for our aligner. Every score is followed by a signature line
naming how it was computed; compare figures only under the same signature.

Examples (a gold set laid out as above):
  bicorpus eval-align ../shared/align-gold/mac-dev --no-types
  bicorpus eval-align nqpf-set --test my-aligner-output/
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``align`` and ``eval-align`` to a parser's subcommands."""
    align = subparsers.add_parser("align", help="align two pre-split documents sentence by sentence",
                                  description=ALIGN_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    align.add_argument("--src", required=True, type=Path, metavar="FILE", help="source sentences, one per line")
    align.add_argument("--tgt", required=True, type=Path, metavar="FILE", help="target sentences, one per line")
    align.add_argument("--src-lang", required=True, metavar="LANG", help="language of --src, e.g. zh")
    align.add_argument("--tgt-lang", required=True, metavar="LANG", help="language of --tgt, e.g. en")
    align.add_argument("--out", type=Path, metavar="FILE", help="write the beads here (default: standard output)")
    align.add_argument("--scores", action="store_true", help="append a tab and each bead's score")
    align.add_argument("--blank-line-paragraphs", action="store_true",
                       help="treat empty lines as paragraph breaks (hints for the aligner); they are "
                            "still sentences, aligned as null beads where they have no counterpart")
    align.set_defaults(handler=_align)

    evaluate = subparsers.add_parser("eval-align", help="score the aligner on a gold set (and time it against a baseline)",
                                     description=EVAL_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    evaluate.add_argument("set_dir", type=Path, metavar="SET_DIR", help="folder with src/, tgt/ and gold/")
    source = evaluate.add_mutually_exclusive_group()
    source.add_argument("--baseline", action="store_true", help="also run sentalign + USE and compare times")
    source.add_argument("--test", type=Path, metavar="DIR_OR_FILE",
                        help="score this aligner output (NNN.align per document, or one .align file) instead of running ours")
    evaluate.add_argument("--no-blocks", action="store_true", help="ignore the set's blocks/ (align the sentences alone)")
    evaluate.add_argument("--src-lang", metavar="LANG", help="override the source language")
    evaluate.add_argument("--tgt-lang", metavar="LANG", help="override the target language")
    evaluate.add_argument("--no-types", action="store_true", help="leave out the per-type table")
    evaluate.set_defaults(handler=_eval_align)


def _align(args: argparse.Namespace) -> int:
    from bicorpus.sentence_aligner.aligner import align_sentences
    from bicorpus.sentence_aligner.input_files import read_sentences

    src = read_sentences(args.src)
    tgt = read_sentences(args.tgt)
    src_breaks: list[int] = []
    tgt_breaks: list[int] = []
    if args.blank_line_paragraphs:
        src_breaks = [k + 1 for k, s in enumerate(src) if not s.strip()]
        tgt_breaks = [k + 1 for k, s in enumerate(tgt) if not s.strip()]
    try:
        beads = align_sentences(src, tgt, args.src_lang, args.tgt_lang, src_breaks=src_breaks, tgt_breaks=tgt_breaks)
    except AlignerInputError as error:
        where = {"src_lang": f"--src-lang ({args.src})", "tgt_lang": f"--tgt-lang ({args.tgt})"}.get(error.where, error.where)
        raise AlignerInputError(where, error.message, code=error.code, hint=error.hint) from None
    lines = [b.to_interchange() + (f"\t{b.score:.4f}" if args.scores else "") for b in beads]
    text = "".join(line + "\n" for line in lines)
    if args.out is None:
        sys.stdout.write(text)
    else:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise AlignerInputError(
                str(args.out), f"cannot be written ({error.strerror})", code="E513", hint="choose a writable --out path"
            ) from None
    return 0


def _eval_align(args: argparse.Namespace) -> int:
    from bicorpus.sentence_aligner.aligner import SentenceAligner
    from bicorpus.sentence_aligner.benchmark import (
        format_run,
        format_scores,
        run_set,
        run_set_in_blocks,
        set_languages,
    )
    from bicorpus.sentence_aligner.evaluation import read_gold_set, read_test_alignments, score

    documents = read_gold_set(args.set_dir)
    name = args.set_dir.name or str(args.set_dir)
    if args.test is not None:
        # Another aligner's output: the same scoring, no aligner run (so no languages needed).
        tests = read_test_alignments(args.test, documents)
        scores = score(tests, [doc.gold for doc in documents])
        print(format_scores(f"{name} [{args.test}]", scores, per_type=not args.no_types))
        return 0
    langs = set_languages(args.set_dir) or ("zh", "en")
    src_lang, tgt_lang = args.src_lang or langs[0], args.tgt_lang or langs[1]
    aligner = SentenceAligner()
    _ = aligner.encoder  # load the model outside the timed part
    in_blocks = not args.no_blocks and any(doc.blocks is not None for doc in documents)
    blocks_note = ", within the set's blocks" if in_blocks else ""
    ours = run_set_in_blocks(
        f"{name} [bicorpus, {src_lang}->{tgt_lang}{blocks_note}]", documents,
        lambda s, t, groups: aligner.align(s, t, src_lang, tgt_lang, groups=None if args.no_blocks else groups),
    )
    print(format_run(ours, per_type=not args.no_types), flush=True)
    if args.baseline:
        from bicorpus.sentence_aligner.baseline import BaselineAligner

        baseline = BaselineAligner()
        theirs = run_set(f"{name} [baseline sentalign + USE]", documents, baseline.align)
        print(format_run(theirs, per_type=not args.no_types))
        print(f"speed: bicorpus {ours.seconds:.1f} s, baseline {theirs.seconds:.1f} s: "
              f"{theirs.seconds / ours.seconds:.1f}x faster; F1 {ours.scores.f1:.3f} vs {theirs.scores.f1:.3f}")
    return 0

"""Gold alignments and the scores published aligners are compared with.

A *set* is a folder laid out like ``shared/align-gold/<set>/``: ``src/NNN`` and ``tgt/NNN``
(one sentence per line) and ``gold/NNN.align`` (one bead per line, ``[i,j]:[k]``).

Two families of scores, both with counts summed over all documents of a set (micro-average):

* **exact** (the aligner-eval tables): a test bead counts when it equals a gold bead
  exactly; null beads count on both sides. P = matches / test beads, R = matches / gold
  beads.
* **strict / lax** (vecalign's definition): precision is taken over all test beads against
  all gold beads; recall swaps the roles and drops null beads from both sides first. A bead
  that is not an exact match still counts as a *lax* hit when one of its source sentences
  is aligned, in some gold (resp. test) bead, with one of its target sentences.

Per bead type (``1-1``, ``1-2``, ...) the exact P/R/F1 is also reported: P over test beads
of that type, R over gold beads of that type. :func:`signature` names these choices in one
line printed with every score, so figures are only compared when it is the same.

A set may also hold ``blocks/NNN.align``: hard blocks of sentences (in the bead notation) that
no bead crosses, such as the paragraph beads the build aligned within
(``bicorpus export --format align-set`` writes them). They are part of the aligner's input,
not of the scoring.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bicorpus import __version__
from bicorpus.beads import Bead, check_complete
from bicorpus.precision_recall import PRF, f1_score, ratio
from bicorpus.sentence_aligner.errors import AlignerInputError
from bicorpus.sentence_aligner.input_files import read_sentences

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class GoldDocument:
    """One document of a gold set: its sentences and its gold beads."""

    name: str
    src: list[str]
    tgt: list[str]
    gold: list[Bead]
    #: Hard blocks the aligner may be given (``blocks/NNN.align``), or None when the set has none.
    blocks: list[Bead] | None = None

    @property
    def groups(self) -> list[tuple[int, int]] | None:
        """The blocks as the aligner's ``groups``: (source count, target count) each."""
        return None if self.blocks is None else [(len(b.src), len(b.tgt)) for b in self.blocks]


def signature() -> str:
    """The one line, printed with every eval-align score, that names how the scores were made
    (in the manner of sacrebleu's signatures): exact bead match with null beads counted,
    counts summed over documents (micro average), vecalign's strict and lax F1 beside it,
    and the bicorpus version."""
    return f"bicorpus-align-eval|metric:exact-bead-prf|nulls:counted|average:micro|strict-lax:vecalign|version:{__version__}"


def check_covers(path: str | Path, beads: list[Bead], document: GoldDocument) -> None:
    """Raise E715 unless ``beads`` cover ``document``'s sentences of both sides once, in order."""
    problems = check_complete(beads, len(document.src), len(document.tgt))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise AlignerInputError(
            str(path), f"{problems[0]}{more}", code="E715",
            hint=f"give one bead per line covering source lines 0-{len(document.src) - 1} and target lines "
                 f"0-{len(document.tgt) - 1} of document {document.name} once, in order",
        )


def read_test_alignments(path: str | Path, documents: Sequence[GoldDocument]) -> list[list[Bead]]:
    """An aligner's output for every document of a set: ``path`` is a folder holding
    ``NNN.align`` for each document ``NNN``, or one ``.align`` file for a one-document set.
    Each alignment must cover its document (E715); a missing file is E714, a file given for a
    set of several documents E716, a malformed line E512."""
    path = Path(path)
    if path.is_dir():
        files = [path / f"{document.name}.align" for document in documents]
        for file, document in zip(files, documents):
            if not file.is_file():
                raise AlignerInputError(
                    str(path), f"holds no {file.name} for document {document.name} of the set", code="E714",
                    hint="write one NNN.align per document of the set (the names of its gold/ files)",
                )
    elif path.exists() and len(documents) != 1:
        raise AlignerInputError(
            str(path), f"is one file, but the set has {len(documents)} documents", code="E716",
            hint="give a folder holding NNN.align for each document",
        )
    else:
        files = [path]  # a missing file is read_sentences' E501
    tests = []
    for file, document in zip(files, documents):
        beads = read_alignment_file(file)
        check_covers(file, beads, document)
        tests.append(beads)
    return tests


def read_alignment_file(path: str | Path) -> list[Bead]:
    """Beads of an interchange file (blank lines skipped); errors name the file and line."""
    path = Path(path)
    beads = []
    for number, line in enumerate(read_sentences(path), start=1):
        if not line.strip():
            continue
        try:
            beads.append(Bead.from_interchange(line))
        except ValueError as error:
            raise AlignerInputError(
                str(path), str(error), code="E512", hint="write beads as [0,1]:[2], one per line", line=number
            ) from None
    return beads


def read_gold_set(folder: str | Path) -> list[GoldDocument]:
    """All documents of a set folder, in name order."""
    folder = Path(folder)
    gold_dir = folder / "gold"
    if not gold_dir.is_dir():
        raise AlignerInputError(
            str(folder),
            "not a gold set: it has no gold/ folder",
            code="E510",
            hint="lay it out as src/NNN, tgt/NNN and gold/NNN.align",
        )
    documents = []
    for gold_path in sorted(gold_dir.glob("*.align")):
        name = gold_path.name[: -len(".align")]
        src = read_sentences(folder / "src" / name)
        tgt = read_sentences(folder / "tgt" / name)
        gold = read_alignment_file(gold_path)
        blocks_path = folder / "blocks" / gold_path.name
        document = GoldDocument(name, src, tgt, gold)
        if blocks_path.is_file():
            blocks = read_alignment_file(blocks_path)
            check_covers(blocks_path, blocks, document)
            document = GoldDocument(name, src, tgt, gold, blocks)
        documents.append(document)
    if not documents:
        raise AlignerInputError(
            str(gold_dir), "holds no *.align file", code="E511", hint="add gold/NNN.align files, one per document"
        )
    return documents


def _pairs(beads: Iterable[Bead]) -> list[Pair]:
    return [(tuple(b.src), tuple(b.tgt)) for b in beads if b.src or b.tgt]


def _hits(test: Sequence[Pair], gold: Sequence[Pair]) -> tuple[int, int]:
    """(strict hits, lax hits) of ``test`` beads against ``gold`` beads (vecalign's rule)."""
    gold_set = set(gold)
    linked: dict[int, set[int]] = defaultdict(set)
    for gold_src, gold_tgt in gold:
        for i in gold_src:
            linked[i].update(gold_tgt)
    strict = lax = 0
    for pair in set(test):
        if pair in gold_set:
            strict += 1
            lax += 1
            continue
        test_src, test_tgt = pair
        reachable: set[int] = set()
        for i in test_src:
            reachable |= linked.get(i, set())
        if reachable.intersection(test_tgt):
            lax += 1
    return strict, lax


@dataclass
class Scores:
    """Counts accumulated over documents; the figures are properties."""

    matches: int = 0
    test_beads: int = 0
    gold_beads: int = 0
    # vecalign strict/lax: precision counts over all test beads, recall over non-null beads.
    p_strict: int = 0
    p_lax: int = 0
    p_total: int = 0
    r_strict: int = 0
    r_lax: int = 0
    r_total: int = 0
    by_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, test: Sequence[Bead], gold: Sequence[Bead]) -> None:
        """Add one document's test beads scored against its gold beads."""
        test_pairs, gold_pairs = _pairs(test), _pairs(gold)
        gold_set = set(gold_pairs)
        hits = [pair for pair in test_pairs if pair in gold_set]
        self.matches += len(hits)
        self.test_beads += len(test_pairs)
        self.gold_beads += len(gold_pairs)
        for src, tgt in test_pairs:
            self.by_type[f"{len(src)}-{len(tgt)}"]["test"] += 1
        for src, tgt in gold_pairs:
            self.by_type[f"{len(src)}-{len(tgt)}"]["gold"] += 1
        for src, tgt in hits:
            self.by_type[f"{len(src)}-{len(tgt)}"]["match"] += 1

        strict, lax = _hits(test_pairs, gold_pairs)
        self.p_strict += strict
        self.p_lax += lax
        self.p_total += len(set(test_pairs))
        test_linked = [p for p in test_pairs if p[0] and p[1]]
        gold_linked = [p for p in gold_pairs if p[0] and p[1]]
        strict, lax = _hits(gold_linked, test_linked)
        self.r_strict += strict
        self.r_lax += lax
        self.r_total += len(set(gold_linked))

    @property
    def exact(self) -> PRF:
        """Exact-match counts: matched beads, test beads without a match, gold beads without one."""
        return PRF(self.matches, self.test_beads - self.matches, self.gold_beads - self.matches)

    @property
    def precision(self) -> float:
        """Exact-match precision."""
        return self.exact.precision

    @property
    def recall(self) -> float:
        """Exact-match recall."""
        return self.exact.recall

    @property
    def f1(self) -> float:
        """Exact-match F1."""
        return self.exact.f1

    @property
    def f1_strict(self) -> float:
        """vecalign's strict F1 (precision and recall over different bead sets, so from ratios)."""
        return f1_score(ratio(self.p_strict, self.p_total), ratio(self.r_strict, self.r_total))

    @property
    def f1_lax(self) -> float:
        """vecalign's lax F1."""
        return f1_score(ratio(self.p_lax, self.p_total), ratio(self.r_lax, self.r_total))

    def type_figures(self) -> list[tuple[str, int, int, float, float, float]]:
        """(type, gold count, test count, P, R, F1) per bead type, most frequent gold type first."""
        rows = []
        for kind, counts in self.by_type.items():
            cell = PRF(counts["match"], counts["test"] - counts["match"], counts["gold"] - counts["match"])
            rows.append((kind, counts["gold"], counts["test"], cell.precision, cell.recall, cell.f1))
        rows.sort(key=lambda row: (-row[1], -row[2], row[0]))
        return rows


def score(test_docs: Sequence[Sequence[Bead]], gold_docs: Sequence[Sequence[Bead]]) -> Scores:
    """Scores of test alignments against gold alignments, document by document."""
    if len(test_docs) != len(gold_docs):
        raise ValueError(f"{len(test_docs)} test documents but {len(gold_docs)} gold documents")
    scores = Scores()
    for test, gold in zip(test_docs, gold_docs):
        scores.add(test, gold)
    return scores

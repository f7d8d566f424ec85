"""Charts of a published corpus for ``bicorpus stats --plot OUT_DIR``, as PNG and SVG.

Four charts, each with the numbers behind it available on their own (:func:`chart_data`), so
what is drawn can be checked against the records:

* ``alignment_types``: sentence beads per alignment type;
* ``length_ratio``: the target side's length over the source side's, in characters, per
  sentence bead (null beads have no ratio and are left out, and the chart says how many);
* ``scores``: the distribution of the aligner's scores (null beads score 0 by definition and
  are left out, likewise);
* ``themes``: sentence beads per primary theme.

matplotlib is an optional dependency (``pip install 'bicorpus[plot]'``), imported only when
charts are drawn; without it the command fails with E747. Drawing uses the Agg canvas on
figures of its own (no pyplot state), and the same corpus gives byte-identical files: fixed
sizes and fonts, no dates in the metadata, a fixed SVG id salt. Labels are English and free of
CJK characters, so no CJK font is needed.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bicorpus.errors import CorpusError
from bicorpus.language_pair import LanguagePair, language_name
from bicorpus.records import Corpus, config_schema, label_set

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The charts, in the order they are written.
CHARTS = ("alignment_types", "length_ratio", "scores", "themes")
#: File formats each chart is written in.
FILE_FORMATS = ("png", "svg")
#: Figure size in inches and PNG resolution: every PNG is 960 x 540 pixels.
FIGSIZE = (9.6, 5.4)
DPI = 100
#: Label of beads without a primary theme (a dateline).
NO_THEME = "(none)"

#: Settings that make the output the same bytes for the same data, whatever the user's matplotlibrc.
_RC: dict[str, Any] = {
    "svg.hashsalt": "bicorpus",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "path.simplify": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
_COLOUR = "#3b6ea5"
_ACCENT = "#c0504d"


@dataclass
class ChartData:
    """The numbers behind the charts of one corpus."""

    pair: LanguagePair
    documents: int = 0
    #: Sentence beads per alignment type, in the schema's order of types (types with beads only).
    alignment_types: dict[str, int] = field(default_factory=dict)
    #: (bead position in the corpus from 0, target characters / source characters) of each bead with both sides.
    length_ratios: list[tuple[int, float]] = field(default_factory=list)
    #: Aligner scores of the beads with both sides, in corpus order.
    scores: list[float] = field(default_factory=list)
    #: Beads with an empty side: left out of the ratios and scores.
    null_beads: int = 0
    #: Sentence beads per primary theme, most first (``(none)`` for beads without a theme).
    themes: dict[str, int] = field(default_factory=dict)

    @property
    def beads(self) -> int:
        """Sentence beads in the corpus."""
        return sum(self.alignment_types.values())


def chart_data(documents: Iterable[Corpus]) -> ChartData:
    """The numbers behind every chart, from ``documents`` (a published corpus, one document at a
    time: memory holds the per-bead ratios and scores, not the texts)."""
    data: ChartData | None = None
    types: Counter[str] = Counter()
    themes: Counter[str] = Counter()
    position = 0
    for records in documents:
        if data is None:
            data = ChartData(records.pair)
        source, target = records.pair
        data.documents += 1
        for bead in records.sentences:
            types[bead["alignment_type"]] += 1
            themes[bead["primary_theme"] or NO_THEME] += 1
            source_text, target_text = bead["translation"][source], bead["translation"][target]
            if source_text and target_text:
                data.length_ratios.append((position, len(target_text) / len(source_text)))
                data.scores.append(bead["score"])
            else:
                data.null_beads += 1
            position += 1
    if data is None:
        raise CorpusError("documents", "the corpus holds no document", code="E748", hint="build a corpus with documents first")
    order = config_schema("sentences", data.pair)["properties"]["alignment_type"]["enum"]
    data.alignment_types = {kind: types[kind] for kind in order if types[kind]}
    # Most beads first; ties in the taxonomy's order, so the chart is the same for the same corpus.
    rank = {theme: i for i, theme in enumerate((*label_set("themes"), NO_THEME))}
    data.themes = dict(sorted(themes.items(), key=lambda item: (-item[1], rank.get(item[0], len(rank)), item[0])))
    return data


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise CorpusError(
            "--plot", "needs matplotlib, which is not installed", code="E747", hint="pip install 'bicorpus[plot]'"
        ) from None
    return matplotlib


def _subtitle(name: str, data: ChartData) -> str:
    languages = f"{language_name(data.pair.source)}–{language_name(data.pair.target)}"
    documents = f"{data.documents} document{'s' if data.documents != 1 else ''}"
    return f"{name} · {languages} ({data.pair}) · {documents}, {data.beads} sentence beads"


def _figure(title: str, subtitle: str) -> tuple[Figure, Any]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
    figure.suptitle(title, fontsize=13, fontweight="bold")
    # The corpus line is a caption under the plot, right-aligned: above it, centred on the axes,
    # it drifted away from the figure-centred title whenever long tick labels shifted the axes.
    figure.supxlabel(subtitle, fontsize=8.5, color="#555555", x=0.995, ha="right")
    axes = figure.add_subplot()
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    return figure, axes


def _integer_ticks(axis: Any) -> None:
    # Counts of beads are whole numbers: no 2.5 on the axis.
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _bar_labels(axes: Any, bars: Any, counts: list[int], horizontal: bool = False) -> None:
    total = sum(counts)
    axes.bar_label(bars, labels=[f"{n} ({100 * n / total:.1f}%)" for n in counts], padding=3, fontsize=9)
    # Room for the labels past the longest bar.
    if horizontal:
        axes.set_xlim(0, axes.get_xlim()[1] * 1.08)
    else:
        axes.set_ylim(0, axes.get_ylim()[1] * 1.08)


def _alignment_types(data: ChartData, subtitle: str) -> Figure:
    figure, axes = _figure("Sentence beads by alignment type", subtitle)
    kinds = list(data.alignment_types)
    counts = [data.alignment_types[k] for k in kinds]
    bars = axes.bar(kinds, counts, color=_COLOUR, width=0.6)
    _bar_labels(axes, bars, counts)
    # At least five slots wide, centred: two types alone would be two bars half the figure wide.
    spare = max(0, 5 - len(kinds)) / 2
    axes.set_xlim(-0.5 - spare, len(kinds) - 0.5 + spare)
    axes.set_xlabel(f"alignment type ({language_name(data.pair.source)} sentences – {language_name(data.pair.target)} sentences)")
    axes.set_ylabel("sentence beads")
    _integer_ticks(axes.yaxis)
    return figure


def _length_ratio(data: ChartData, subtitle: str) -> Figure:
    source, target = language_name(data.pair.source), language_name(data.pair.target)
    figure, axes = _figure(f"Sentence length ratio ({target} characters / {source} characters)", subtitle)
    positions = [p for p, _ in data.length_ratios]
    ratios = [r for _, r in data.length_ratios]
    axes.scatter(positions, ratios, s=18, color=_COLOUR, alpha=0.8, linewidths=0, label="sentence bead")
    if ratios:
        median = statistics.median(ratios)
        axes.axhline(median, color=_ACCENT, linewidth=1.2, linestyle="--", label=f"median {median:.2f}")
        axes.set_ylim(0, max(ratios) * 1.1)
    axes.set_xlabel(f"sentence bead (position in the corpus; {data.null_beads} null beads without a ratio left out)")
    axes.set_ylabel(f"{target} chars / {source} chars")
    axes.legend(loc="upper right", frameon=False)
    return figure


def _scores(data: ChartData, subtitle: str) -> Figure:
    figure, axes = _figure("Aligner score distribution", subtitle)
    if data.scores:
        # Bins of 0.025 from just below the lowest score: the whole [-1, 1] range would squeeze
        # the scores, which sit high for a real translation, into a few bars at the right.
        low = max(-1.0, math.floor(min(data.scores) * 10) / 10)
        axes.hist(data.scores, bins=max(1, round((1.0 - low) / 0.025)), range=(low, 1.0), color=_COLOUR, edgecolor="white")
        _integer_ticks(axes.yaxis)
        median = statistics.median(data.scores)
        axes.axvline(median, color=_ACCENT, linewidth=1.2, linestyle="--", label=f"median {median:.2f}")
        axes.legend(loc="upper left", frameon=False)
    axes.set_xlabel(f"score (cosine similarity of the two sides; {data.null_beads} null beads, scored 0, left out)")
    axes.set_ylabel("sentence beads")
    return figure


def _themes(data: ChartData, subtitle: str) -> Figure:
    figure, axes = _figure("Primary themes of sentence beads", subtitle)
    # Most frequent at the top: barh draws the first item at the bottom.
    names = list(reversed(data.themes))
    counts = [data.themes[n] for n in names]
    bars = axes.barh(names, counts, color=_COLOUR, height=0.6)
    _bar_labels(axes, bars, counts, horizontal=True)
    _integer_ticks(axes.xaxis)
    axes.grid(axis="y", visible=False)
    axes.grid(axis="x", color="#dddddd", linewidth=0.8)
    axes.set_xlabel("sentence beads")
    axes.set_ylabel("primary theme")
    return figure


_DRAW = {"alignment_types": _alignment_types, "length_ratio": _length_ratio, "scores": _scores, "themes": _themes}


def _output_folder(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise CorpusError(
            f"--plot {out_dir}", "is a file, not a folder", code="E749", hint="name a folder (it is created if missing)"
        )
    out_dir.mkdir(parents=True, exist_ok=True)


def write_charts(data: ChartData, out_dir: Path, name: str) -> list[Path]:
    """Draw every chart of ``data`` into ``out_dir`` as ``<chart>.png`` and ``<chart>.svg``
    (``name`` is the corpus's, shown on each); returns the files written."""
    matplotlib = _matplotlib()
    _output_folder(out_dir)
    subtitle = _subtitle(name, data)
    written: list[Path] = []
    with matplotlib.rc_context(_RC):
        for chart in CHARTS:
            figure = _DRAW[chart](data, subtitle)
            for suffix in FILE_FORMATS:
                path = out_dir / f"{chart}.{suffix}"
                figure.savefig(path, format=suffix, dpi=DPI, metadata=_METADATA[suffix])
                written.append(path)
    return written

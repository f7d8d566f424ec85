"""bicorpus stats --plot: charts as PNG and SVG, the same bytes for the same corpus, the numbers behind them checked."""

from __future__ import annotations

import statistics
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from bicorpus.build_signature import installed_signature
from bicorpus.cli import main
from bicorpus.dataset_card import render_card
from bicorpus.errors import CorpusError
from bicorpus.language_pair import LanguagePair
from bicorpus.publish import iter_published, publish, read_data
from bicorpus.records import Corpus
from bicorpus.stats_plots import CHARTS, DPI, FIGSIZE, NO_THEME, ChartData, chart_data, write_charts
from conftest import REPOSITORY

CORPUS = REPOSITORY / "corpus"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@cache
def shipped() -> Corpus:
    return read_data(CORPUS / "data")


@cache
def shipped_data() -> ChartData:
    return chart_data(iter_published(CORPUS / "data"))


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_alignment_type_counts_are_the_sentence_beads_per_type() -> None:
    expected = Counter(s["alignment_type"] for s in shipped().sentences)
    assert shipped_data().alignment_types == dict(expected)
    assert shipped_data().beads == len(shipped().sentences)


def test_length_ratios_are_target_over_source_characters_of_every_bead_with_two_sides() -> None:
    corpus = shipped()
    source, target = corpus.pair
    expected = [
        (i, len(s["translation"][target]) / len(s["translation"][source]))
        for i, s in enumerate(corpus.sentences)
        if s["translation"][source] and s["translation"][target]
    ]
    null = sum(not (s["translation"][source] and s["translation"][target]) for s in corpus.sentences)
    data = shipped_data()
    assert data.length_ratios == expected and data.null_beads == null > 0
    assert len(expected) + null == len(corpus.sentences)


def test_scores_are_those_of_the_beads_with_two_sides() -> None:
    corpus = shipped()
    source, target = corpus.pair
    expected = [s["score"] for s in corpus.sentences if s["translation"][source] and s["translation"][target]]
    assert shipped_data().scores == expected
    assert 0 < statistics.median(expected) <= 1


def test_themes_count_primary_themes_most_first_with_beads_without_one_as_none() -> None:
    expected = Counter(s["primary_theme"] or NO_THEME for s in shipped().sentences)
    themes = shipped_data().themes
    assert themes == dict(expected)
    assert list(themes.values()) == sorted(themes.values(), reverse=True)


def test_chart_data_of_several_documents_counts_beads_across_them(built_three: Path) -> None:
    corpus = read_data(built_three / "data")
    data = chart_data(iter_published(built_three / "data"))
    assert data.documents == 3 and data.beads == len(corpus.sentences)
    positions = [p for p, _ in data.length_ratios]
    assert positions == sorted(set(positions)) and max(positions) < len(corpus.sentences)


def test_every_chart_is_written_as_png_of_the_figure_size_and_as_svg(tmp_path: Path) -> None:
    written = write_charts(shipped_data(), tmp_path, "corpus")
    assert sorted(p.name for p in written) == sorted(f"{c}.{s}" for c in CHARTS for s in ("png", "svg"))
    for chart in CHARTS:
        assert _png_size(tmp_path / f"{chart}.png") == (round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI))
        root = ET.parse(tmp_path / f"{chart}.svg").getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        # No date in the metadata: a date would make every run's files differ.
        assert "<dc:date>" not in (tmp_path / f"{chart}.svg").read_text(encoding="utf-8")


def test_plotting_the_same_corpus_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write_charts(shipped_data(), first, "corpus")
    write_charts(chart_data(iter_published(CORPUS / "data")), second, "corpus")
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_a_different_corpus_gives_different_charts(tmp_path: Path, built_three: Path) -> None:
    # The determinism test could pass by writing constant files; these must differ.
    write_charts(shipped_data(), tmp_path / "shipped", "corpus")
    write_charts(chart_data(iter_published(built_three / "data")), tmp_path / "three", "corpus")
    for chart in CHARTS:
        assert (tmp_path / "shipped" / f"{chart}.png").read_bytes() != (tmp_path / "three" / f"{chart}.png").read_bytes()


def test_cli_stats_plot_writes_the_charts_and_still_prints_the_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "charts"
    assert main(["stats", str(CORPUS), "--plot", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("languages")
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{c}.{s}" for c in CHARTS for s in ("png", "svg"))
    assert str(out / "themes.png") in captured.err


def test_plot_into_a_file_is_e749(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a-file"
    target.write_text("", encoding="utf-8")
    assert main(["stats", str(CORPUS), "--plot", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"bicorpus: E749 --plot {target}: is a file, not a folder") and err.count("\n") == 1


def test_a_corpus_without_documents_has_no_charts_e748(tmp_path: Path) -> None:
    # A corpus whose config files hold no rows, published by the publish stage itself.
    pair = LanguagePair(*shipped().pair.codes)
    out, signature = tmp_path / "empty", installed_signature()
    publish([], pair, out, out / "README.md", lambda sizes, version: render_card(None, sizes, f"data/{version}", signature, pair),
            signature)
    with pytest.raises(CorpusError) as error:
        chart_data(iter_published(out))
    assert error.value.code == "E748"


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPOSITORY, timeout=300)


def test_without_matplotlib_plot_is_one_line_e747_telling_the_extra(tmp_path: Path) -> None:
    # matplotlib made unimportable the way Python marks a missing module; the real command line runs.
    result = _run(
        "import sys; sys.modules['matplotlib'] = None\n"
        "from bicorpus.cli import main\n"
        f"sys.exit(main(['stats', 'corpus', '--plot', {str(tmp_path / 'charts')!r}]))"
    )
    assert result.returncode == 1
    assert result.stderr == "bicorpus: E747 --plot: needs matplotlib, which is not installed; pip install 'bicorpus[plot]'\n"
    assert not (tmp_path / "charts").exists()


def test_the_command_line_does_not_import_matplotlib_until_it_plots() -> None:
    result = _run("import sys; import bicorpus.cli; print('matplotlib' in sys.modules)")
    assert result.stdout.strip() == "False", result.stderr

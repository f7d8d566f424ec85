"""The align-set export and ``eval-align --test``: the corpus's alignment as a benchmark any aligner can be scored on."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bicorpus import __version__
from bicorpus.cli import main
from bicorpus.errors import BicorpusError, CorpusError
from bicorpus.export import ExportOptions
from bicorpus.export.align_set import write_align_set
from bicorpus.publish import iter_published, read_data
from bicorpus.sentence_aligner.evaluation import read_gold_set, read_test_alignments, score, signature
from conftest import REPOSITORY, SHIPPED_DOCUMENT

SHIPPED = REPOSITORY / "corpus"
SIGNATURE = f"bicorpus-align-eval|metric:exact-bead-prf|nulls:counted|average:micro|strict-lax:vecalign|version:{__version__}"


@pytest.fixture(scope="module")
def shipped_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus exported as a gold set (do not modify)."""
    out = tmp_path_factory.mktemp("sets") / "nqpf"
    assert main(["export", str(SHIPPED), "--format", "align-set", "--out", str(out)]) == 0
    return out


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def _figures(output: str) -> dict[str, str]:
    """The figures of eval-align's first score line: P, R, F1, strict F1, lax F1."""
    first = output.splitlines()[0]
    return dict(re.findall(r"(P|R|F1|strict F1|lax F1) ([0-9.]+)", first))


def test_the_set_holds_each_language_s_sentences_and_the_hand_checked_alignment(shipped_set: Path):
    corpus = read_data(SHIPPED / "data")
    assert _lines(shipped_set / "src" / "001") == [row["text"] for row in corpus.ner["en"]]
    assert _lines(shipped_set / "tgt" / "001") == [row["text"] for row in corpus.ner["zh"]]
    hand_checked = [line for line in _lines(SHIPPED_DOCUMENT / "alignment.gold") if line.strip() and not line.startswith("#")]
    assert _lines(shipped_set / "gold" / "001.align") == hand_checked
    assert _lines(shipped_set / "meta_data.tsv")[0].split("\t")[:4] == ["text_id", "src_lang", "tgt_lang", "document"]
    assert _lines(shipped_set / "meta_data.tsv")[1].split("\t")[:4] == ["001", "en", "zh", "nqpf-2024-01-31"]
    # The near-duplicate English paragraph (sentences 4 and 5) is a block of its own, aligned with nothing.
    assert "[4,5]:[]" in _lines(shipped_set / "blocks" / "001.align")


def test_every_document_gets_a_number_in_order(built_three: Path, tmp_path: Path):
    paths = write_align_set(iter_published(built_three / "data"), tmp_path / "three", ExportOptions())
    assert sorted(p.name for p in (tmp_path / "three" / "gold").iterdir()) == ["001.align", "002.align", "003.align"]
    documents = read_gold_set(tmp_path / "three")
    corpus = read_data(built_three / "data")
    assert sum(len(doc.gold) for doc in documents) == len(corpus.sentences)
    rows = _lines(tmp_path / "three" / "meta_data.tsv")[1:]
    assert [row.split("\t")[3] for row in rows] == ["harbour-a", "harbour-b", "harbour-c"]
    assert paths[-1] == tmp_path / "three" / "meta_data.tsv"


def test_the_build_s_aligner_reproduces_the_shipped_alignment(shipped_set: Path, capsys):
    assert main(["eval-align", str(shipped_set)]) == 0
    output = capsys.readouterr().out
    assert _figures(output) == {"P": "1.000", "R": "1.000", "F1": "1.000", "strict F1": "1.000", "lax F1": "1.000"}
    assert "within the set's blocks" in output.splitlines()[0]
    assert f"signature: {SIGNATURE}" in output


def test_the_gold_scored_against_itself_is_perfect(shipped_set: Path, capsys):
    assert main(["eval-align", str(shipped_set), "--test", str(shipped_set / "gold")]) == 0
    output = capsys.readouterr().out
    assert _figures(output) == {"P": "1.000", "R": "1.000", "F1": "1.000", "strict F1": "1.000", "lax F1": "1.000"}
    assert output.splitlines()[-1] == f"  signature: {SIGNATURE}" and signature() == SIGNATURE
    assert main(["eval-align", str(shipped_set), "--test", str(shipped_set / "gold" / "001.align"), "--no-types"]) == 0
    assert _figures(capsys.readouterr().out)["F1"] == "1.000"


def test_one_changed_bead_gives_the_figures_counted_by_hand(shipped_set: Path, tmp_path: Path, capsys):
    lines = _lines(shipped_set / "gold" / "001.align")
    assert lines[3:5] == ["[3]:[3]", "[4]:[]"]
    test = tmp_path / "001.align"
    # Bead [3]:[3] widened to take the next (null) bead's sentence: 64 test beads, 63 exact of 65 gold.
    test.write_text("\n".join([*lines[:3], "[3,4]:[3]", *lines[5:]]) + "\n", encoding="utf-8")
    scores = score(read_test_alignments(test, read_gold_set(shipped_set)), [read_gold_set(shipped_set)[0].gold])
    assert (scores.precision, scores.recall, scores.f1) == (63 / 64, 63 / 65, 2 * 63 / (64 + 65))
    # vecalign: strict P 63/64 (all test beads), strict R 62/63 (linked gold beads, [3]:[3] missed);
    # lax credits [3,4]:[3] for linking sentence 3 with 3, so lax P and R are 1.
    assert scores.f1_strict == pytest.approx(2 * (63 / 64) * (62 / 63) / (63 / 64 + 62 / 63))
    assert scores.f1_lax == 1.0
    assert main(["eval-align", str(shipped_set), "--test", str(test)]) == 0
    assert _figures(capsys.readouterr().out) == {
        "P": f"{63 / 64:.3f}", "R": f"{63 / 65:.3f}", "F1": f"{126 / 129:.3f}",
        "strict F1": f"{scores.f1_strict:.3f}", "lax F1": "1.000",
    }


def _error(args: list[str], capsys) -> str:
    assert main(args) == 1
    return capsys.readouterr().err.strip()


def test_a_folder_without_a_document_s_file_is_e714(shipped_set: Path, tmp_path: Path, capsys):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "002.align").write_text("[0]:[0]\n", encoding="utf-8")
    line = _error(["eval-align", str(shipped_set), "--test", str(tmp_path / "other")], capsys)
    assert line.startswith("bicorpus: E714 ") and "001.align" in line and "\n" not in line


def test_a_malformed_bead_line_is_e512_with_its_line(shipped_set: Path, tmp_path: Path, capsys):
    lines = _lines(shipped_set / "gold" / "001.align")
    bad = tmp_path / "001.align"
    bad.write_text("\n".join([*lines[:2], "[2]-[2]", *lines[3:]]) + "\n", encoding="utf-8")
    assert _error(["eval-align", str(shipped_set), "--test", str(bad)], capsys).startswith(f"bicorpus: E512 {bad}:3:")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda lines: lines[:-1], "beads cover source sentences up to"),  # the last sentence left out
        (lambda lines: [lines[1], lines[0], *lines[2:]], "should start at 0"),  # two beads swapped
        (lambda lines: [lines[0], *lines], "should start at 1"),  # a bead given twice
    ],
)
def test_beads_that_do_not_cover_the_sentences_once_in_order_are_e715(shipped_set: Path, tmp_path: Path, capsys, change,
                                                                        problem):
    bad = tmp_path / "001.align"
    bad.write_text("\n".join(change(_lines(shipped_set / "gold" / "001.align"))) + "\n", encoding="utf-8")
    line = _error(["eval-align", str(shipped_set), "--test", str(bad)], capsys)
    assert line.startswith(f"bicorpus: E715 {bad}: ") and problem in line


def test_one_file_for_a_set_of_several_documents_is_e716(built_three: Path, tmp_path: Path, capsys):
    write_align_set(iter_published(built_three / "data"), tmp_path / "three", ExportOptions())
    line = _error(["eval-align", str(tmp_path / "three"), "--test", str(tmp_path / "three" / "gold" / "001.align")], capsys)
    assert line.startswith("bicorpus: E716 ") and "3 documents" in line


def test_a_missing_test_file_is_e501(shipped_set: Path, tmp_path: Path, capsys):
    assert _error(["eval-align", str(shipped_set), "--test", str(tmp_path / "none.align")], capsys).startswith("bicorpus: E501 ")


def test_a_set_whose_blocks_do_not_cover_the_sentences_is_e715(shipped_set: Path, tmp_path: Path):
    broken = tmp_path / "broken"
    shutil.copytree(shipped_set, broken)
    (broken / "blocks" / "001.align").write_text("[0]:[0]\n", encoding="utf-8")
    with pytest.raises(BicorpusError, match="E715"):
        read_gold_set(broken)


def test_an_existing_folder_with_files_is_refused_as_e712(shipped_set: Path, tmp_path: Path):
    with pytest.raises(CorpusError, match="E712"):
        write_align_set(iter_published(SHIPPED / "data"), shipped_set, ExportOptions())
    (tmp_path / "empty").mkdir()
    assert write_align_set(iter_published(SHIPPED / "data"), tmp_path / "empty", ExportOptions())


def test_ner_rows_that_are_not_every_sentence_in_order_are_e713(tmp_path: Path):
    (records,) = iter_published(SHIPPED / "data")
    del records.ner["zh"][5]
    with pytest.raises(CorpusError, match="E713"):
        write_align_set([records], tmp_path / "set", ExportOptions())

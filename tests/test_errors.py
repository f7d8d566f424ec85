"""Every input error ends the real command line in one coded line on stderr, status 1, no traceback."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bicorpus.cli import main
from bicorpus.errors import BicorpusError
from conftest import default_interrupts, write_document

ROOT = Path(__file__).resolve().parents[1]


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.rstrip("\n")


def test_every_raised_code_is_documented_and_every_documented_code_is_raised() -> None:
    raised = {
        m for path in (ROOT / "src").rglob("*.py") for m in re.findall(r'code="(E\d{3})"', path.read_text(encoding="utf-8"))
    }
    documented = re.findall(r"^\| (E\d{3}) \|", (ROOT / "docs/errors.md").read_text(encoding="utf-8"), flags=re.M)
    assert len(documented) == len(set(documented))
    assert raised == set(documented)


def test_error_line_names_code_file_pointer_message_and_hint() -> None:
    error = BicorpusError(
        "E203", "x/meta.yaml", "file 'zh.txt' not found", hint="add the file or fix the name", pointer="/languages/zh/file"
    )
    assert str(error) == "bicorpus: E203 x/meta.yaml at /languages/zh/file: file 'zh.txt' not found; add the file or fix the name"
    assert error.location == "/languages/zh/file"
    lined = BicorpusError("E103", "a.yaml", "not valid YAML", hint="fix it", line=12)
    assert str(lined).startswith("bicorpus: E103 a.yaml:12: ") and lined.location == "line 12"


def test_missing_text_file_is_e203_at_its_pointer(small_sources: Path, tmp_path: Path, capsys) -> None:
    meta = small_sources / "harbour-report" / "meta.yaml"
    (small_sources / "harbour-report" / "zh.txt").unlink()
    assert main(["build", "--sources", str(small_sources), "--out", str(tmp_path / "out")]) == 1
    assert _one_line(capsys) == (
        f"bicorpus: E203 {meta} at /languages/zh/file: file 'zh.txt' not found in {meta.parent}; add the file or fix the name"
    )


def test_broken_yaml_is_e103_with_its_line(small_sources: Path, tmp_path: Path, capsys) -> None:
    meta = small_sources / "harbour-report" / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "broken: [unclosed\n", encoding="utf-8")
    assert main(["build", "--sources", str(small_sources), "--out", str(tmp_path / "out")]) == 1
    line = _one_line(capsys)
    assert re.match(rf"bicorpus: E103 {re.escape(str(meta))}:\d+: not valid YAML: .+; fix the syntax", line), line


def test_card_without_closing_fence_is_e406_before_building(small_sources: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    card = out / "README.md"
    card.write_text("---\nlicense: cc-by-4.0\n# no closing fence\n", encoding="utf-8")
    assert main(["build", "--sources", str(small_sources), "--out", str(out)]) == 1
    assert (
        _one_line(capsys)
        == f"bicorpus: E406 {card}: the YAML front matter has no closing '---' line; end the front matter with a line '---'"
    )
    assert not (out / "data").exists()


def test_stats_of_a_folder_that_is_no_corpus_is_e420(tmp_path: Path, capsys) -> None:
    assert main(["stats", str(tmp_path)]) == 1
    assert _one_line(capsys).startswith(f"bicorpus: E420 {tmp_path}: no dataset card: neither {tmp_path / 'README.md'} nor ")


def test_eval_annotations_without_gold_is_e601(small_sources: Path, capsys) -> None:
    folder = small_sources / "harbour-report"
    assert main(["eval-annotations", str(folder)]) == 1
    assert _one_line(capsys).startswith(
        f"bicorpus: E601 {folder}: no gold to evaluate against; add entities.yaml or themes.yaml"
    )


def test_align_with_a_missing_file_is_e501(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nothing.txt"
    assert main(["align", "--src", str(missing), "--tgt", str(missing), "--src-lang", "zh", "--tgt-lang", "en"]) == 1
    assert _one_line(capsys) == f"bicorpus: E501 {missing}: no such file; check the path"


def test_debug_shows_the_error_itself(tmp_path: Path) -> None:
    with pytest.raises(BicorpusError) as caught:
        main(["--debug", "stats", str(tmp_path)])
    assert caught.value.code == "E420"


def test_a_bug_of_bicorpus_is_one_line_with_status_70_and_debug_shows_it(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bicorpus.cli

    def broken(args: object) -> int:
        raise ZeroDivisionError("division by zero")  # stands for any bug of ours, not of the input

    monkeypatch.setattr(bicorpus.cli, "_run", broken)
    assert main(["stats", str(tmp_path)]) == 70
    line = _one_line(capsys)
    assert line.startswith("bicorpus: internal error (ZeroDivisionError: division by zero); this is a bug"), line
    assert "--debug" in line
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "stats", str(tmp_path)])


def test_an_unwritable_out_is_one_line_naming_it(small_sources: Path, tmp_path: Path, capsys) -> None:
    # Root ignores permissions, so the environment error here is a file standing where a folder must be.
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["build", "--sources", str(small_sources), "--out", str(blocker / "out")]) == 1
    line = _one_line(capsys)
    assert line.startswith(f"bicorpus: E428 {blocker / 'out'}: {blocker} is not a folder"), line


def _bicorpus(*args: str, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "bicorpus", *args], text=True, stderr=subprocess.PIPE, **popen)  # type: ignore[call-overload]


def test_a_reader_that_goes_away_is_one_line_not_a_traceback() -> None:
    # `bicorpus stats corpus | head -0`: the pipe is closed before bicorpus writes to it.
    run = _bicorpus("stats", str(ROOT / "corpus"), stdout=subprocess.PIPE)
    assert run.stdout is not None
    run.stdout.close()
    _, err = run.communicate(timeout=120)
    assert run.returncode == 1
    assert err == "bicorpus: output closed before everything was written (broken pipe)\n"


def test_ctrl_c_is_one_line_and_status_130(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    for k in range(6):
        write_document(sources, f"report-{k}")
    run = _bicorpus(
        "build", "--sources", str(sources), "--out", str(tmp_path / "out"), stdout=subprocess.DEVNULL,
        preexec_fn=default_interrupts,
    )
    assert run.stderr is not None
    first = run.stderr.readline()  # the first progress line: the build is under way
    assert first.startswith("built 1/6"), first
    run.send_signal(signal.SIGINT)
    rest = run.stderr.read()
    assert run.wait(timeout=120) == 130
    assert rest.endswith("bicorpus: interrupted\n") and "Traceback" not in rest, rest

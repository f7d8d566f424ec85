"""Publishing under faults: every filesystem step failing in turn, real SIGKILLs at named steps,
two builds at once, and hostile folders. Each is one coded line (or a build that succeeds with
a warning), and the corpus published before stays byte-identical and loadable, or, once the new
card is in place, the new corpus is complete and loads. Files bicorpus did not write survive all.

Disk failures are simulated where the publish does its filesystem steps: every step runs
through ``bicorpus.publish._do``, and a test makes the k-th call's action raise the OSError a
failing disk would. Kills are real: ``bicorpus build`` runs in a subprocess that the
``BICORPUS_TEST_HOOK`` hook SIGKILLs at a named step.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import datasets
import pytest

from bicorpus import publish as publishing
from bicorpus.cli import main
from bicorpus.document_cache import CACHE_FOLDER
from bicorpus.publish import LOCK_NAME, TEST_HOOK_VARIABLE, published_snapshot
from conftest import SMALL_EN, SMALL_ZH, write_document
from fault_harness import assert_untouched, refused, snapshot

CHANGED_EN = SMALL_EN.replace("two years.\n", "two years. The port pays for it.\n")
CHANGED_ZH = SMALL_ZH.replace("工期两年。\n", "工期两年。费用由港口承担。\n")
#: Files a user keeps in the dataset folder; no build, failure or kill may touch them.
USER_FILES = {"data/my-notes.txt": b"my notes\n", "extra.csv": b"a,b\n1,2\n"}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A published corpus (9 sentence beads) with the user's files, and two sources folders:
    the same document, and a changed one (10 sentence beads)."""
    root = tmp_path_factory.mktemp("faults")
    same = write_document(root / "same")
    changed = write_document(root / "changed", en=CHANGED_EN, zh=CHANGED_ZH)
    out = root / "dataset"
    assert main(["build", "--sources", str(same), "--out", str(out)]) == 0
    for name, data in USER_FILES.items():
        (out / name).write_bytes(data)
    return {"out": out, "same": same, "changed": changed}


def _copy(base: dict[str, Path], tmp_path: Path, name: str = "dataset") -> Path:
    return Path(shutil.copytree(base["out"], tmp_path / name, symlinks=True))


def _rows(folder: Path) -> int:
    loaded = datasets.load_dataset(str(folder.resolve()), "sentences", split="train", cache_dir=str(folder.parent / ".hf-cache"))
    return len(loaded)


def _user_files_survive(folder: Path) -> None:
    assert {name: (folder / name).read_bytes() for name in USER_FILES} == USER_FILES


def _failing_at(k: int, error: OSError, calls: list[str]) -> Callable[[str, Callable[[], Any]], Any]:
    """A ``_do`` whose k-th step's action raises ``error`` (the disk failing there)."""
    real = publishing._do

    def do(step: str, action: Callable[[], Any]) -> Any:
        calls.append(step)
        if len(calls) - 1 == k:
            def broken() -> Any:
                raise error
            return real(step, broken)
        return real(step, action)

    return do


@pytest.fixture(scope="module")
def rebuild_steps(base: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The filesystem steps, in order, of rebuilding the published corpus from changed sources."""
    out = Path(shutil.copytree(base["out"], tmp_path_factory.mktemp("steps") / "dataset"))
    calls: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(publishing, "_do", _failing_at(-1, OSError(), calls))
        assert main(["build", "--sources", str(base["changed"]), "--out", str(out)]) == 0
    return calls


def test_the_steps_are_the_designed_ones(rebuild_steps: list[str]):
    # The order that makes publishing safe: the snapshot complete and synced before the card is
    # replaced, and the previous snapshot removed only after it.
    order = list(dict.fromkeys(rebuild_steps))
    writes = [step for step in order if step.startswith("write ") and step not in ("write the manifest", "write the new card")]
    assert order == [
        "create the output folder", "take the build lock", "create the staging folder", *writes,
        "write the manifest", "sync the snapshot", "install the snapshot", "sync the data folder",
        "create the card's folder", "write the new card", "replace the card", "sync the card's folder",
        "remove the previous snapshot", "remove the build lock",
    ]
    assert len(writes) == 7 and len(rebuild_steps) >= 20


def test_every_step_failing_in_turn_leaves_a_loadable_corpus(
    base: dict[str, Path], rebuild_steps: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    commit = rebuild_steps.index("replace the card")
    for k, step in enumerate(rebuild_steps):
        capsys.readouterr()  # what the previous round's loading printed
        out = _copy(base, tmp_path, f"k{k:02d}")
        before = snapshot(out)
        old = published_snapshot(out).version_dir
        calls: list[str] = []
        monkeypatch.setattr(publishing, "_do", _failing_at(k, OSError(errno.EIO, os.strerror(errno.EIO)), calls))
        argv = ["build", "--sources", str(base["changed"]), "--out", str(out)]
        if k <= commit:
            line = refused(capsys, argv, "E431")
            assert f"could not {step}: Input/output error; nothing was published" in line, (k, line)
            monkeypatch.undo()
            assert_untouched(out, before)
            continue
        status = main(argv)
        err = capsys.readouterr().err
        monkeypatch.undo()
        lines = [line for line in err.splitlines() if line.startswith("bicorpus:")]
        assert "Traceback" not in err and len(lines) == 1, (k, step, err)
        if step == "sync the card's folder":
            assert status == 1 and lines[0].startswith("bicorpus: E432 ") and "the new corpus is published" in lines[0]
        else:
            assert status == 0 and lines[0].startswith("bicorpus: warning: "), (k, step, lines)
        # The new corpus is complete and loads; only the old snapshot's removal (or the lock's) was lost.
        assert _rows(out) == 10 and published_snapshot(out).version_dir != old
        _user_files_survive(out)
        (out / LOCK_NAME).unlink(missing_ok=True)  # left only when removing it failed; this process holds it
        capsys.readouterr()
        assert main(["validate", str(out)]) == 0


@pytest.mark.parametrize(
    ("step", "error", "says"),
    [
        ("write sentences", errno.ENOSPC,
         ["could not write sentences: No space left on device", "free some disk space and build again"]),
        ("create the staging folder", errno.EROFS, ["Read-only file system", "make {data} and the card's folder writable"]),
    ],
    ids=["full-disk", "read-only"],
)
def test_a_disk_error_while_writing_is_e431_and_says_what_to_do(
    base: dict[str, Path], rebuild_steps: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys,
    step: str, error: int, says: list[str],
):
    out = _copy(base, tmp_path)
    before = snapshot(out)
    k = rebuild_steps.index(step)
    monkeypatch.setattr(publishing, "_do", _failing_at(k, OSError(error, os.strerror(error)), []))
    line = refused(capsys, ["build", "--sources", str(base["changed"]), "--out", str(out)], "E431")
    assert all(fragment.format(data=out / "data") in line for fragment in says), line
    monkeypatch.undo()
    assert_untouched(out, before)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not bind root")
def test_a_read_only_data_folder_is_refused_and_left_as_it_was(base: dict[str, Path], tmp_path: Path, capsys):
    out = _copy(base, tmp_path)
    before = snapshot(out)
    (out / "data").chmod(0o555)
    try:
        refused(capsys, ["build", "--sources", str(base["changed"]), "--out", str(out)], "E431")
    finally:
        (out / "data").chmod(0o755)
    assert_untouched(out, before)


def test_a_readme_that_is_a_folder_is_e429_before_anything_is_built(base: dict[str, Path], tmp_path: Path, capsys):
    out = _copy(base, tmp_path)
    (out / "README.md").unlink()
    (out / "README.md").mkdir()
    before = snapshot(out)
    line = refused(capsys, ["build", "--sources", str(base["changed"]), "--out", str(out)], "E429")
    assert line.startswith(f"bicorpus: E429 {out / 'README.md'}: is a folder")
    assert snapshot(out) == before and (out / "README.md").is_dir()


@pytest.mark.parametrize("below", [False, True])
def test_out_naming_a_file_is_e428(base: dict[str, Path], tmp_path: Path, capsys, below: bool):
    target = tmp_path / "a-file"
    target.write_bytes(b"keep me")
    out = target / "dataset" if below else target
    line = refused(capsys, ["build", "--sources", str(base["same"]), "--out", str(out)], "E428")
    assert f"{target} is not a folder" in line and target.read_bytes() == b"keep me"


def test_a_broken_existing_card_is_refused_before_the_build(base: dict[str, Path], tmp_path: Path, capsys):
    out = _copy(base, tmp_path)
    card = out / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("\n---\n", "\n", 1), encoding="utf-8")
    before = snapshot(out)
    argv = ["build", "--sources", str(base["changed"]), "--out", str(out)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"bicorpus: E406 {card}: ") and "built 1/1" not in err, "refused before any document is built"
    assert snapshot(out) == before


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _write_lock(out: Path, pid: int, host: str | None = None) -> None:
    holder = {"pid": pid, "host": host or socket.gethostname(), "started": "2025-01-01T00:00:00+0000"}
    (out / LOCK_NAME).write_text(json.dumps(holder), encoding="utf-8")


def test_a_lock_held_by_a_live_build_is_e427_naming_it(base: dict[str, Path], tmp_path: Path, capsys):
    out = _copy(base, tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _write_lock(out, holder.pid)
        before = snapshot(out)
        line = refused(capsys, ["build", "--sources", str(base["changed"]), "--out", str(out)], "E427")
        assert f"another build is publishing into {out} (pid {holder.pid} on {socket.gethostname()}" in line
        assert_untouched(out, before)
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_from_another_host_is_not_taken_over(base: dict[str, Path], tmp_path: Path, capsys):
    out = _copy(base, tmp_path)
    _write_lock(out, _dead_pid(), host="another-machine.example")
    before = snapshot(out)
    line = refused(capsys, ["build", "--sources", str(base["changed"]), "--out", str(out)], "E427")
    assert "on another-machine.example" in line and f"delete {out / LOCK_NAME}" in line
    assert_untouched(out, before)


def test_a_stale_lock_is_taken_over_with_a_warning(base: dict[str, Path], tmp_path: Path, capsys):
    out = _copy(base, tmp_path)
    pid = _dead_pid()
    _write_lock(out, pid)
    assert main(["build", "--sources", str(base["changed"]), "--out", str(out)]) == 0
    (warning,) = [line for line in capsys.readouterr().err.splitlines() if line.startswith("bicorpus:")]
    assert warning.startswith("bicorpus: warning: took over the lock of a build that is no longer running (pid ")
    assert f"pid {pid} " in warning and not (out / LOCK_NAME).exists()
    assert _rows(out) == 10
    _user_files_survive(out)


def test_a_damaged_snapshot_is_repaired_by_a_rebuild_of_the_same_sources(base: dict[str, Path], tmp_path: Path, capsys):
    out = _copy(base, tmp_path)
    part = published_snapshot(out).files("entities")[0]
    part.write_bytes(part.read_bytes()[:-10])
    assert main(["validate", str(out)]) == 1
    assert main(["build", "--sources", str(base["same"]), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
    assert sorted(p.name for p in (out / "data").iterdir()) == sorted([part.parent.parent.name, "my-notes.txt"])


def _environment(hook: str) -> dict[str, str]:
    return {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", TEST_HOOK_VARIABLE: hook}


def _build_command(sources: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "bicorpus", "build", "--sources", str(sources), "--out", str(out)]


@pytest.mark.parametrize("step", ["locked", "staged", "installed", "card-written", "card-replaced"])
def test_a_build_killed_at_a_step_leaves_a_loadable_corpus_and_the_next_build_cleans_up(
    base: dict[str, Path], tmp_path: Path, capsys, step: str
):
    out = _copy(base, tmp_path)
    before = snapshot(out)
    old = published_snapshot(out).version_dir
    killed = subprocess.run(
        _build_command(base["changed"], out), env=_environment(f"{step}:kill"), capture_output=True, text=True, timeout=300
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    after = snapshot(out)
    if step == "card-replaced":
        # Published: the new card and its snapshot; only the old snapshot's removal never ran.
        assert _rows(out) == 10 and old.is_dir()
    else:
        # Every file of the published corpus is as it was; what was added is only leftovers.
        assert {name: after[name] for name in before} == before
        assert _rows(out) == 9
    _user_files_survive(out)
    assert (out / LOCK_NAME).is_file()
    assert main(["build", "--sources", str(base["changed"]), "--out", str(out)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("bicorpus:")]
    assert len(warnings) == 1 and "took over the lock of a build that is no longer running" in warnings[0]
    new = published_snapshot(out).version_dir
    assert sorted(p.name for p in (out / "data").iterdir()) == sorted([new.name, "my-notes.txt"])
    assert sorted(p.name for p in out.iterdir()) == [CACHE_FOLDER, "README.md", "data", "extra.csv"]
    assert _rows(out) == 10


def test_two_builds_at_once_the_second_is_refused_and_changes_nothing(base: dict[str, Path], tmp_path: Path, capsys):
    out = _copy(base, tmp_path)
    old = published_snapshot(out).version_dir
    first = subprocess.Popen(
        _build_command(base["changed"], out), env=_environment("installed:sleep"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 240
        while len([p for p in (out / "data").glob("v-*")]) < 2:  # the first build's snapshot is in place
            assert time.monotonic() < deadline and first.poll() is None, "the first build did not reach its pause"
            time.sleep(0.2)
        during = snapshot(out)
        line = refused(capsys, ["build", "--sources", str(base["same"]), "--out", str(out)], "E427")
        assert f"(pid {first.pid} on {socket.gethostname()}" in line
        assert snapshot(out) == during
        assert _rows(out) == 9 and published_snapshot(out).version_dir == old
    finally:
        first.kill()
        first.wait()
    assert main(["build", "--sources", str(base["changed"]), "--out", str(out)]) == 0
    assert _rows(out) == 10 and not old.exists()
    _user_files_survive(out)

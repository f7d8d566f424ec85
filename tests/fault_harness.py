"""What every fault test asserts, in one place: a bad input or a fault is refused with one line
(a code, no traceback) and exit status 1, and the corpus published before is left exactly as it
was and still loads.

Use::

    before = snapshot(out)                     # every file under the dataset folder, as bytes
    line = refused(capsys, ["build", ...], "E203")
    assert_untouched(out, before)              # byte-identical, and load_dataset still reads it
"""

from __future__ import annotations

import shutil
from pathlib import Path

import datasets
import pytest

from bicorpus.cli import main
from bicorpus.document_cache import CACHE_FOLDER


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes), hidden files included, except the
    build's record cache: a build that fails still keeps the documents it finished there (for
    ``--resume``); the cache is never read by anyone loading the corpus (tests/test_resume.py
    checks it on its own)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and CACHE_FOLDER not in p.relative_to(folder).parts
    }


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], code: str, status: int = 1) -> str:
    """Run ``bicorpus argv`` in process and return its one error line, asserting the exit
    status, that stderr is that one line starting ``bicorpus: <code> `` and holds no traceback."""
    got = main(argv)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith(("built ", "bicorpus: warning"))]
    assert "Traceback" not in err, err
    assert got == status, f"exit {got}, stderr: {err}"
    assert len(lines) == 1 and lines[0].startswith(f"bicorpus: {code} "), err
    return lines[0]


def assert_untouched(folder: Path, before: dict[str, bytes], config: str = "sentences") -> None:
    """``folder`` holds exactly the bytes of ``before``, and ``datasets`` still loads ``config``
    from it offline."""
    assert snapshot(folder) == before
    rows = datasets.load_dataset(str(folder.resolve()), config, split="train", cache_dir=str(folder.parent / ".hf-cache"))
    assert len(rows) > 0


def copy_of(published: Path, tmp_path: Path) -> Path:
    """A private copy of a published dataset folder, for a test to break or build over."""
    return Path(shutil.copytree(published, tmp_path / published.name))

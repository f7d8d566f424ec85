"""The one command line: `bicorpus` and `python -m bicorpus`, and help worth reading."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bicorpus.cli import main


@pytest.mark.parametrize("command", ["build", "validate", "stats", "eval-annotations", "align", "eval-align"])
def test_every_subcommand_help_says_what_it_does_and_gives_an_example(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    assert stop.value.code == 0
    help_text = capsys.readouterr().out
    assert f"bicorpus {command}" in help_text.split("Example", 1)[1]


def test_python_m_bicorpus_is_the_bicorpus_command() -> None:
    done = subprocess.run([sys.executable, "-m", "bicorpus", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("usage: bicorpus ")

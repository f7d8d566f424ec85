"""The package as a user gets it: built into a wheel, installed non-editable, run away from the clone.

An editable install reads the schemas from the clone whatever the packaging says, so only a real
wheel in a fresh virtual environment shows whether the package data ship. Everything is offline:
the wheel is built without build isolation (the running environment's setuptools), installed
with ``--no-index --no-deps``, and the new environment borrows the running one's dependencies
through a ``.pth`` file instead of downloading them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import REPOSITORY

SHIPPED_DATA = sorted(
    path.relative_to(REPOSITORY / "src").as_posix() for path in (REPOSITORY / "src" / "bicorpus" / "schema").rglob("*.json")
)


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the sdist and wheel are built from, copied so the build leaves the clone untouched."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(REPOSITORY / "src", project / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPOSITORY / name, project / name)
    return project


@pytest.fixture(scope="module")
def wheel(project_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheels = tmp_path_factory.mktemp("wheels")
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "-w", str(wheels), str(project_copy)],
        cwd=project_copy,
    )
    (built,) = wheels.glob("bicorpus-*.whl")
    return built


def test_there_is_package_data_to_ship():
    # Guards the two tests below against passing on an empty list.
    assert "bicorpus/schema/records/sentence_pair.schema.json" in SHIPPED_DATA
    assert {"bicorpus/schema/entity_labels.json", "bicorpus/schema/theme_taxonomy.json", "bicorpus/schema/gazetteer.json"} <= set(
        SHIPPED_DATA
    )


def test_the_wheel_holds_every_schema_and_label_file(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [name for name in SHIPPED_DATA if name not in names] == []


def test_the_sdist_holds_every_schema_and_label_file(project_copy: Path, tmp_path: Path):
    # Straight through the PEP 517 backend: offline, and no `build` package needed.
    code = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    name = _run([sys.executable, "-c", code, str(tmp_path)], cwd=project_copy).stdout.strip().splitlines()[-1]
    with tarfile.open(tmp_path / name) as sdist:
        names = {member.name.partition("/")[2] for member in sdist.getmembers()}
    assert [path for path in SHIPPED_DATA if f"src/{path}" not in names] == []


def _fresh_environment(root: Path) -> Path:
    """A new venv (no pip of its own) that sees the running environment's installed packages."""
    venv = root / "venv"
    created = subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], capture_output=True, text=True)
    if created.returncode != 0:
        reason = f"cannot create a virtual environment here: {created.stderr.strip() or created.stdout.strip()}"
        print(reason)
        pytest.skip(reason)
    python = venv / "bin" / "python"
    own_site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=root).stdout.strip()
    )
    # Plain directory lines: the running environment's .pth files (its editable bicorpus among
    # them) are not executed, so only the wheel's bicorpus can be imported.
    borrowed = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()])
    (own_site / "zz_borrowed_dependencies.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")
    return venv


def _offline_env(venv: Path, home: Path) -> dict[str, str]:
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(home),
        "HF_HOME": str(home / "hf"),
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
    }
    if "TMPDIR" in os.environ:
        env["TMPDIR"] = os.environ["TMPDIR"]
    return env


#: The German-English test document (written for the project), and its six sentences a side.
HARBOUR = REPOSITORY / "tests" / "harbour_de_en"
GERMAN_SENTENCES = [
    "Die Erneuerung des alten Hafens",
    "Der Stadtrat billigte den Plan für den alten Hafen am 3. Oktober.",
    "Dr. Weber stellte die Kosten vor, z. B. 15 Mio. Euro für den neuen Kai.",
    "Art. 5 der Hafensatzung verlangt eine öffentliche Anhörung.",
    "Die Arbeiten beginnen im nächsten Frühjahr.",
    "Die Einwohner können die Pläne bis zum Jahresende im Rathaus einsehen.",
]


def test_pip_install_of_the_project_adds_builds_validates_and_loads_a_german_english_corpus(
    project_copy: Path, tmp_path: Path
):
    # The acceptance run: pip install <project>, add-document with en and de texts,
    # build, validate, and load_dataset(<absolute out>, "sentences") in the fresh environment.
    venv = _fresh_environment(tmp_path)
    python, bicorpus = venv / "bin" / "python", venv / "bin" / "bicorpus"
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--disable-pip-version-check", str(project_copy)],
        cwd=tmp_path,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = _offline_env(venv, tmp_path)
    texts = [arg for lang in ("en", "de") for arg in ("--text", f"{lang}={HARBOUR / f'{lang}.txt'}")]
    _run([str(bicorpus), "add-document", "src", "harbour", *texts], cwd=work, env=env)
    built = _run([str(bicorpus), "build", "--sources", "src", "--out", "out"], cwd=work, env=env)
    assert "6 en-de sentence pairs" in built.stdout
    validated = _run([str(bicorpus), "validate", "out"], cwd=work, env=env).stdout.strip()
    assert re.fullmatch(r"out/data/v-[0-9a-f]{12}: valid", validated), validated
    load = (
        "import json, sys, datasets\n"
        "rows = datasets.load_dataset(sys.argv[1], 'sentences', split='train')\n"
        "feature = rows.features['translation']\n"
        "beads = list(rows)\n"
        "types = [rows.features['alignment_type'].int2str(bead['alignment_type']) for bead in beads]\n"
        "print(json.dumps({'type': type(feature).__name__, 'languages': list(feature.languages), 'types': types,\n"
        "                  'translation': [bead['translation'] for bead in beads], 'columns': rows.column_names}))\n"
    )
    loaded = json.loads(_run([str(python), "-c", load, str((work / "out").resolve())], cwd=work, env=env).stdout)
    assert loaded["type"] == "Translation" and sorted(loaded["languages"]) == ["de", "en"]
    assert [row["de"] for row in loaded["translation"]] == GERMAN_SENTENCES
    assert loaded["types"] == ["1-1"] * 6
    assert {"en_ids", "de_ids", "de_start", "de_detected_language"} <= set(loaded["columns"])
    assert not [column for column in loaded["columns"] if column.startswith("zh")]


def test_an_installed_wheel_builds_validates_and_describes_a_corpus_outside_the_clone(
    wheel: Path, small_sources: Path, tmp_path: Path
):
    venv = _fresh_environment(tmp_path)
    python, bicorpus = venv / "bin" / "python", venv / "bin" / "bicorpus"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            str(wheel),
        ],
        cwd=tmp_path,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = _offline_env(venv, tmp_path)

    where = _run([str(python), "-c", "import bicorpus; print(bicorpus.__file__)"], cwd=work, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv), f"bicorpus imported from {where}, not from the installed wheel"

    sources = shutil.copytree(small_sources, work / "sources")
    built = _run([str(bicorpus), "build", "--sources", str(sources), "--out", "dataset"], cwd=work, env=env)
    assert "built 1 documents" in built.stdout
    (snapshot,) = (work / "dataset" / "data").iterdir()
    assert (snapshot / "sentences" / "part-00000.parquet").is_file() and (work / "dataset" / "README.md").is_file()
    validated = _run([str(bicorpus), "validate", "dataset"], cwd=work, env=env).stdout.strip()
    assert validated == f"dataset/data/{snapshot.name}: valid"
    assert "sentence beads" in _run([str(bicorpus), "stats", "dataset"], cwd=work, env=env).stdout

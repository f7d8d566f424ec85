"""--engine ray builds on a real local Ray cluster and publishes the same bytes as --engine local."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bicorpus.cli import main
from conftest import write_document, write_documents

try:
    import ray  # noqa: F401
except ImportError:  # pragma: no cover - the test extra installs Ray
    pytest.skip("Ray is not installed (pip install 'bicorpus[ray]'); the Ray engine cannot be tested", allow_module_level=True)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_documents(tmp_path_factory.mktemp("ray") / "sources", ("harbour-a", "harbour-b", "harbour-c", "harbour-d"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _bicorpus(*args: str) -> subprocess.CompletedProcess[str]:
    # Its own process: the cluster it starts is stopped when the build ends, as for a user.
    return subprocess.run([sys.executable, "-m", "bicorpus", *args], capture_output=True, text=True, timeout=600)


def test_a_local_ray_cluster_publishes_the_same_bytes_as_the_local_engine(sources: Path, tmp_path: Path) -> None:
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    common = ["--sources", str(sources), "--documents-per-shard", "2"]
    assert main(["build", *common, "--out", str(local)]) == 0
    run = _bicorpus("build", *common, "--out", str(on_ray), "--engine", "ray", "--jobs", "2")
    assert run.returncode == 0, run.stderr
    assert "built 4 documents" in run.stdout and "(2 shards)" in run.stdout
    assert _files(on_ray) == _files(local)


def test_a_bad_document_on_ray_is_the_same_one_line_error_as_on_the_local_engine(sources: Path, tmp_path: Path) -> None:
    (sources / "harbour-c" / "zh.txt").write_bytes("标题\n\n正文\n".encode() + b"\xff\n")
    try:
        local = _bicorpus("build", "--sources", str(sources), "--out", str(tmp_path / "local"))
        on_ray = _bicorpus("build", "--sources", str(sources), "--out", str(tmp_path / "ray"), "--engine", "ray")
    finally:
        write_document(sources.parent / "restore", doc_id="harbour-c")
        (sources / "harbour-c" / "zh.txt").write_bytes((sources.parent / "restore" / "harbour-c" / "zh.txt").read_bytes())
    assert local.returncode == on_ray.returncode == 1
    error_lines = [
        [line for line in run.stderr.splitlines() if line.startswith("bicorpus: E")] for run in (local, on_ray)
    ]
    assert error_lines[0] == error_lines[1] and len(error_lines[0]) == 1, on_ray.stderr
    assert "Traceback" not in on_ray.stderr


def test_an_address_without_the_ray_engine_is_refused(sources: Path, tmp_path: Path, capsys) -> None:
    assert main(["build", "--sources", str(sources), "--out", str(tmp_path / "x"), "--address", "auto"]) == 1
    assert capsys.readouterr().err.startswith("bicorpus: E441 --address auto: ")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def running_cluster(tmp_path: Path) -> Iterator[str]:
    """A real Ray cluster started outside the build (as an operator would), stopped afterwards."""
    ray_command = str(Path(sys.executable).with_name("ray"))
    port = _free_port()
    # Token authentication, as Ray sets up a cluster by default: clients must say so too.
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "token"}
    started = subprocess.run(
        [ray_command, "start", "--head", f"--port={port}", "--num-cpus=2", "--include-dashboard=false", "--disable-usage-stats"],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert started.returncode == 0, started.stderr
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("RAY_AUTH_MODE", "token")
            yield f"127.0.0.1:{port}"
    finally:
        subprocess.run([ray_command, "stop", "--force"], capture_output=True, timeout=300, env=env)


def test_an_existing_cluster_at_an_address_publishes_the_same_bytes_and_keeps_running(
    running_cluster: str, sources: Path, tmp_path: Path
) -> None:
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    assert main(["build", "--sources", str(sources), "--out", str(local)]) == 0
    run = _bicorpus("build", "--sources", str(sources), "--out", str(on_ray), "--engine", "ray", "--address", running_cluster)
    assert run.returncode == 0, run.stderr
    assert _files(on_ray) == _files(local)
    status = subprocess.run(
        [str(Path(sys.executable).with_name("ray")), "status", f"--address={running_cluster}"],
        capture_output=True, text=True, timeout=120,
    )
    assert status.returncode == 0, "the build leaves a cluster it did not start running"


def test_an_address_where_no_cluster_answers_is_e446_at_once(sources: Path, tmp_path: Path) -> None:
    address = f"127.0.0.1:{_free_port()}"
    run = _bicorpus("build", "--sources", str(sources), "--out", str(tmp_path / "x"), "--engine", "ray", "--address", address)
    assert run.returncode == 1
    assert run.stderr.strip().startswith(f"bicorpus: E446 --address {address}: no Ray cluster answers there")
    assert not (tmp_path / "x" / "data").exists()

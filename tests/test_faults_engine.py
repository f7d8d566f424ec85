"""Faults of the build engine and the command line around it (issue 13, items 3 and 5).

Each case runs the real ``bicorpus`` command, in process or, where the fault needs a process of
its own (signals, pipes, a killed worker, a file-size limit), as a subprocess, and asserts what
:mod:`fault_harness` asserts: the exit status, one line (with its code, for input errors), no
traceback, and that a corpus published before into the same folder is byte-identical
afterwards and still loads. Also here: errors survive the trip from a worker process (pickling),
the engine never starts more workers than documents and ends them when it stops, and a
near-duplicate paragraph can no longer fall out of the sentence beads.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bicorpus.cli import main
from bicorpus.corpus_build import DocumentTask, build_document_folder
from bicorpus.engine import LocalEngine
from bicorpus.errors import BicorpusError, CorpusError
from bicorpus.pipeline import align_document
from bicorpus.sentence_aligner.errors import AlignerInputError
from bicorpus.sources import declared_pair, discover_documents, read_sources
from conftest import SMALL_EN, SMALL_META, default_interrupts, write_document, write_documents
from fault_harness import assert_untouched, copy_of, refused, snapshot

DOCUMENTS = ("harbour-a", "harbour-b", "harbour-c")
#: An English text of one paragraph: fewer than the title and attribution roles meta.yaml declares (E208).
ONE_PARAGRAPH = "The harbour handled more ships this year than ever before.\n"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus built once for the module from three good documents; tests break copies of it."""
    root = tmp_path_factory.mktemp("engine")
    for doc_id in DOCUMENTS:
        write_document(root / "sources", doc_id=doc_id)
    assert main(["build", "--sources", str(root / "sources"), "--out", str(root / "dataset")]) == 0
    return root / "dataset"


@pytest.fixture
def out(published: Path, tmp_path: Path) -> Path:
    """A private copy of the published corpus, to build over."""
    return copy_of(published, tmp_path)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """The three good documents again, for a test to break one of."""
    return write_documents(tmp_path / "sources", DOCUMENTS)


def _bicorpus(*args: str, **popen: object) -> subprocess.Popen[str]:
    """The real command in a process of its own (stderr piped, text mode)."""
    return subprocess.Popen(  # type: ignore[call-overload]
        [sys.executable, "-m", "bicorpus", *args], text=True, stderr=subprocess.PIPE, **popen
    )


def _children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for_workers(pid: int, count: int, timeout: float = 120) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = _children(pid)
        if len(workers) >= count:
            return workers
        time.sleep(0.05)
    raise AssertionError(f"the build started no {count} worker processes in {timeout} s")


def _one_plain_line(err: str) -> str:
    """The one line of an environment error (no code: the machine, not the input, failed)."""
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("built ")]
    assert len(lines) == 1, err
    return lines[0]


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc")


# --- errors cross the process boundary --------------------------------------------------------


def _every_subclass(cls: type[BicorpusError]) -> set[type[BicorpusError]]:
    return {cls}.union(*(_every_subclass(sub) for sub in cls.__subclasses__()))


#: One instance of each error class, every field set; a new subclass must be added here.
SAMPLES: dict[type[BicorpusError], BicorpusError] = {
    BicorpusError: BicorpusError("E203", "x/meta.yaml", "file 'zh.txt' not found", hint="add it", pointer="/languages/zh"),
    CorpusError: CorpusError("x/en.txt", "too few paragraphs", "/roles", code="E208", hint="declare fewer roles", line=3),
    AlignerInputError: AlignerInputError("--src a.txt", "invalid UTF-8", code="E504", hint="re-save it", line=7),
}


def test_every_error_class_survives_pickling_with_all_its_fields() -> None:
    assert _every_subclass(BicorpusError) == set(SAMPLES)
    for cls, error in SAMPLES.items():
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is cls
        fields = ("code", "file", "line", "pointer", "where", "location", "hint", "message", "args")
        assert {f: getattr(back, f) for f in fields} == {f: getattr(error, f) for f in fields}
        assert str(back) == str(error)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_document_gives_the_same_line_for_any_number_of_jobs(sources: Path, out: Path, jobs: str, capsys) -> None:
    # harbour-b fails inside build_document, so with --jobs 2 the error is raised in a worker.
    (sources / "harbour-b" / "en.txt").write_text(ONE_PARAGRAPH, encoding="utf-8")
    before = snapshot(out)
    line = refused(capsys, ["build", "--sources", str(sources), "--out", str(out), "--jobs", jobs], "E208")
    en = sources / "harbour-b" / "en.txt"
    assert line == (
        f"bicorpus: E208 {en} at /roles: 1 paragraphs, fewer than the 1 leading and 1 trailing roles declared in "
        "meta.yaml; declare fewer roles in meta.yaml or check the text's blank lines between paragraphs"
    )
    assert_untouched(out, before)


def test_an_aligner_error_in_a_worker_is_the_documents_e409(sources: Path, out: Path, capsys) -> None:
    # English where Chinese should be, with the declared-language check switched off for it
    # (else E221 stops it first): the sentence aligner refuses it inside the worker.
    (sources / "harbour-c" / "zh.txt").write_text(SMALL_EN, encoding="utf-8")
    meta = sources / "harbour-c" / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    assert "translated_from: en}" in text
    meta.write_text(text.replace("translated_from: en}", 'translated_from: en, language_check: "off"}'), encoding="utf-8")
    before = snapshot(out)
    line = refused(capsys, ["build", "--sources", str(sources), "--out", str(out), "--jobs", "2"], "E409")
    assert line.startswith(f"bicorpus: E409 {sources / 'harbour-c'}: cannot align the sentences: ")
    assert_untouched(out, before)


# --- --jobs and --out are checked before any work ---------------------------------------------


@pytest.mark.parametrize("jobs", ["0", "-3", str((os.cpu_count() or 1) + 1), "64"])
def test_jobs_outside_one_to_the_cpus_is_e440_naming_the_range(sources: Path, out: Path, jobs: str, capsys) -> None:
    if jobs == "64" and (os.cpu_count() or 1) >= 64:
        pytest.skip("this machine has 64 CPUs or more")
    before = snapshot(out)
    most = os.cpu_count() or 1
    line = refused(capsys, ["build", "--sources", str(sources), "--out", str(out), "--jobs", jobs], "E440")
    assert line == (
        f"bicorpus: E440 --jobs {jobs}: is not a number of processes from 1 to {most} (the CPUs of this machine); "
        f"give --jobs 1 to {most}"
    )
    assert_untouched(out, before)


def test_out_naming_a_file_is_e428_before_building(sources: Path, out: Path, capsys) -> None:
    target = out / "README.md"  # a file inside the published corpus: it must not be touched either
    before = snapshot(out)
    line = refused(capsys, ["build", "--sources", str(sources), "--out", str(target)], "E428")
    assert line == (
        f"bicorpus: E428 {target}: {target} is not a folder, so the corpus cannot be published into {target}; "
        "name a folder (new or existing) with --out"
    )
    assert_untouched(out, before)


# --- the engine's workers ---------------------------------------------------------------------


def _new_children(before: set[multiprocessing.process.BaseProcess]) -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p not in before]


def _pause_and_return(item: int) -> int:
    time.sleep(0.05 * (item % 3))  # uneven items: some still running when the reader stops
    return item


def test_no_worker_looks_alive_after_the_reader_stops_however_often_it_happens() -> None:
    # Stopping races the executor's own thread, which reaps the same workers; one stop in
    # about seven left a dead worker looking alive before stop_pool waited for that thread.
    before = set(multiprocessing.active_children())
    for _ in range(20):
        results = LocalEngine(2).map(_pause_and_return, list(range(6)), str)
        assert next(results) == 0
        results.close()
        assert _new_children(before) == []


def test_never_more_workers_than_documents_and_none_left_when_the_reader_stops(sources: Path) -> None:
    folders = discover_documents(sources)[:2]
    tasks = [DocumentTask(folder, declared_pair(folders[0]), folders[0].name) for folder in folders]
    before = set(multiprocessing.active_children())
    records = LocalEngine(8).map(build_document_folder, tasks, str)
    first = next(records)
    assert first.document == "harbour-a" and first.records is not None
    workers = _new_children(before)
    assert len(workers) == 2
    records.close()  # the reader stops early (the publisher failed, say): the workers end now
    assert not any(w.is_alive() for w in workers) and _new_children(before) == []
    one = LocalEngine(8).map(build_document_folder, tasks[:1], str)
    next(one)
    assert _new_children(before) == []  # one document is built in this process
    one.close()


@needs_proc
def test_a_killed_worker_is_e442_naming_a_document(sources: Path, out: Path) -> None:
    before = snapshot(out)
    run = _bicorpus("build", "--sources", str(sources), "--out", str(out), "--jobs", "2", stdout=subprocess.DEVNULL)
    workers = _wait_for_workers(run.pid, 2)
    os.kill(workers[0], signal.SIGKILL)  # what the kernel's out-of-memory killer does
    _, err = run.communicate(timeout=300)
    assert run.returncode == 1, err
    line = _one_plain_line(err)
    assert re.fullmatch(
        rf"bicorpus: E442 {re.escape(str(sources))}/harbour-[abc]: a worker process stopped abruptly .+; "
        r"run the build again with --resume \(finished documents are reused\); .+", line
    ), line
    assert not any(_alive(pid) for pid in workers)
    assert_untouched(out, before)


# --- Ctrl-C, broken pipes, full disks ---------------------------------------------------------


@needs_proc
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_is_one_line_status_130_and_leaves_no_worker(sources: Path, out: Path, jobs: str) -> None:
    write_document(sources, doc_id="harbour-d")
    before = snapshot(out)
    # Its own session, so that the SIGINT goes to the whole process group as a terminal's Ctrl-C does.
    run = _bicorpus(
        "build", "--sources", str(sources), "--out", str(out), "--jobs", jobs, stdout=subprocess.DEVNULL, start_new_session=True,
        preexec_fn=default_interrupts,
    )
    assert run.stderr is not None
    if jobs == "1":
        assert run.stderr.readline().startswith("built 1/4")  # the build is under way
        workers: list[int] = []
    else:
        workers = _wait_for_workers(run.pid, 2)
        time.sleep(1)  # inside the documents, not in the workers' start-up
    os.killpg(run.pid, signal.SIGINT)
    rest = run.stderr.read()
    assert run.wait(timeout=120) == 130, rest
    assert _one_plain_line(rest) == "bicorpus: interrupted"
    assert not any(_alive(pid) for pid in workers)
    assert_untouched(out, before)


def test_a_reader_that_goes_away_is_one_line_and_status_1(out: Path) -> None:
    # `bicorpus stats DIR | head -0`; decided: one line (the output was cut short, and a script
    # reading the status should know), status 1, not a silent death by SIGPIPE.
    before = snapshot(out)
    run = _bicorpus("stats", str(out), stdout=subprocess.PIPE)
    assert run.stdout is not None
    run.stdout.close()
    _, err = run.communicate(timeout=120)
    assert run.returncode == 1
    assert _one_plain_line(err) == "bicorpus: output closed before everything was written (broken pipe)"
    assert_untouched(out, before)


def test_output_to_a_full_device_is_one_line_naming_standard_output(out: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    before = snapshot(out)
    with open("/dev/full", "w", encoding="utf-8") as full:
        run = _bicorpus("stats", str(out), "--json", stdout=full)
        _, err = run.communicate(timeout=120)
    assert run.returncode == 1
    assert _one_plain_line(err) == "bicorpus: standard output: No space left on device"
    assert_untouched(out, before)


def test_a_closed_standard_output_is_one_line(out: Path) -> None:
    before = snapshot(out)
    run = subprocess.run(  # `bicorpus stats DIR >&-`: started with no standard output at all
        [sys.executable, "-m", "bicorpus", "stats", str(out)],
        stderr=subprocess.PIPE, text=True, timeout=120, preexec_fn=lambda: os.close(1),
    )
    assert run.returncode == 1
    assert _one_plain_line(run.stderr) == "bicorpus: standard output: closed, so the output was lost"
    assert_untouched(out, before)


def _file_size_limit() -> None:
    # A disk that fills up: writing past 4 kB fails with EFBIG (SIGXFSZ ignored, so it is an error, not a kill).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_disk_that_fills_up_during_the_build_is_one_line_naming_the_output(
    sources: Path, out: Path, jobs: str
) -> None:
    before = snapshot(out)
    run = subprocess.run(
        [sys.executable, "-m", "bicorpus", "build", "--sources", str(sources), "--out", str(out), "--jobs", jobs],
        capture_output=True, text=True, timeout=300, preexec_fn=_file_size_limit,
    )
    assert run.returncode == 1
    line = _one_plain_line(run.stderr)
    assert line.startswith(f"bicorpus: E431 {out / 'data'}: could not write ") and "File too large" in line, line
    assert_untouched(out, before)


def test_a_read_only_place_for_out_is_one_line_naming_it(sources: Path, out: Path, capsys) -> None:
    # Root may write anywhere a permission bit forbids, but not into /proc.
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc")
    target = Path("/proc/self/bicorpus-out")
    before = snapshot(out)
    assert main(["build", "--sources", str(sources), "--out", str(target)]) == 1
    line = _one_plain_line(capsys.readouterr().err)
    assert line.startswith(f"bicorpus: E431 {target}: could not create the output folder") and "Traceback" not in line, line
    assert_untouched(out, before)


# --- the aligner command's input ----------------------------------------------------------------


def test_align_refuses_a_device_as_input_with_e517(out: Path, capsys) -> None:
    before = snapshot(out)
    line = refused(capsys, ["align", "--src", "/dev/zero", "--tgt", "/dev/zero", "--src-lang", "en", "--tgt-lang", "zh"], "E517")
    assert line == "bicorpus: E517 /dev/zero: is not a file but a device or socket; name a file of sentences, one per line"
    assert_untouched(out, before)


def test_align_stops_reading_an_endless_pipe_with_e518(out: Path, tmp_path: Path) -> None:
    before = snapshot(out)
    zh = tmp_path / "zh.txt"
    zh.write_text("今天开会。\n", encoding="utf-8")
    # `yes | bicorpus align --src /dev/stdin ...`: a pipe that never ends is read up to the bound.
    with subprocess.Popen(["yes", "The harbour is busy."], stdout=subprocess.PIPE) as endless:
        run = subprocess.run(
            [sys.executable, "-m", "bicorpus", "align", "--src", "/dev/stdin", "--tgt", str(zh), "--src-lang", "en",
             "--tgt-lang", "zh"],
            stdin=endless.stdout, capture_output=True, text=True, timeout=300,
        )
        endless.kill()
    assert run.returncode == 1
    assert _one_plain_line(run.stderr) == (
        "bicorpus: E518 /dev/stdin: holds more than 64 MiB; "
        "split the document into parts and align each (the aligner holds a document in memory)"
    )
    assert_untouched(out, before)


# --- a near-duplicate paragraph between the two paragraphs of a 2-1 bead ------------------------

#: The near-duplicate (paragraph 3, of paragraph 1) sits between "Dredging ..." and "It will cost
#: ...", which the Chinese text translates as one paragraph: the length alignment wants a 2-1
#: bead over the two, stepping over the duplicate.
_TITLE, _REPORT, _DREDGING, _REPORT_AGAIN, _ATTRIBUTION = SMALL_EN.rstrip("\n").split("\n\n")
DUPLICATE_IN_BEAD_EN = "\n\n".join(
    [_TITLE, _REPORT, "Dredging of the channel will start next spring.", _REPORT_AGAIN,
     "It will cost 3.5 million and take two years.", _ATTRIBUTION]
) + "\n"


def _assert_every_unit_in_one_bead(sources: Path) -> None:
    for doc in read_sources(sources):
        aligned = align_document(doc)
        for side, lang in enumerate(doc.pair):
            paragraphs = [i for group in aligned.groups for i in (group.paragraph_bead.src, group.paragraph_bead.tgt)[side]]
            assert paragraphs == list(range(len(aligned.paragraphs[lang])))
            in_beads = [s.id for group in aligned.groups for bead in group.sentence_beads for s in group.sides(bead)[side]]
            assert in_beads == [s.id for s in aligned.sentences(lang)]


def test_a_duplicate_inside_a_two_to_one_bead_stays_in_the_corpus(sources: Path, out: Path, capsys) -> None:
    shutil.rmtree(sources / "harbour-b")
    write_document(sources, doc_id="harbour-b", en=DUPLICATE_IN_BEAD_EN)
    _assert_every_unit_in_one_bead(sources)
    # It used to fail late, with KeyError: 'harbour-b/en/s0005' from ner_rows; now it builds and validates.
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    assert main(["validate", str(out)]) == 0
    capsys.readouterr()


EN_SENTENCES = (
    "The harbour handled more ships this year than ever before.",
    "Cargo volume rose by twelve percent.",
    "The new crane on the east quay was finished in March after a long delay caused by the winter storms.",
    "Dredging of the channel will start next spring.",
    "It will cost three million and take two years.",
    "The board thanked the pilots, the tug crews and everyone who kept the port open during the strike.",
    "Fees stay the same.",
    "A new ferry line to the islands opens in June and will run twice a day in summer.",
)
ZH_SENTENCES = (
    "今年港口接待的船舶数量创历史新高。",
    "货物吞吐量增长百分之十二。",
    "东码头的新起重机因冬季风暴拖延多时，已于三月建成。",
    "航道疏浚工程将于明年春季开工。",
    "工程耗资三百万，工期两年。",
    "委员会感谢引航员、拖船船员以及在罢工期间坚持保障港口运转的所有人。",
    "收费保持不变。",
    "通往各岛屿的新渡轮航线将于六月开通，夏季每天两班。",
)


@st.composite
def paragraph_layouts(draw: st.DrawFn, sentences: tuple[str, ...]) -> list[str]:
    """Two to seven paragraphs of one to three sentences, some repeating an earlier paragraph."""
    paragraphs: list[str] = []
    for _ in range(draw(st.integers(2, 7))):
        if paragraphs and draw(st.integers(0, 3)) == 0:
            paragraphs.append(draw(st.sampled_from(paragraphs)))  # a duplicate of an earlier one
        else:
            picked = draw(st.lists(st.sampled_from(sentences), min_size=1, max_size=3))
            paragraphs.append(" ".join(picked))
    return paragraphs


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraph_layouts(EN_SENTENCES), paragraph_layouts(ZH_SENTENCES))
def test_align_document_puts_every_sentence_in_exactly_one_bead(en: list[str], zh: list[str]) -> None:
    meta = SMALL_META.replace("leading: [title]", "leading: []").replace("trailing: [attribution]", "trailing: []")
    with tempfile.TemporaryDirectory() as folder:
        sources = write_document(Path(folder), en="\n\n".join(en) + "\n", zh="\n\n".join(zh) + "\n", meta=meta)
        _assert_every_unit_in_one_bead(sources)

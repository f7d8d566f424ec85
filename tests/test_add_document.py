"""`bicorpus add-document`: a valid document folder from two text files, or one line and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from bicorpus.cli import main
from bicorpus.language_pair import LanguagePair
from bicorpus.publish import published_snapshot, read_data
from bicorpus.sources import read_document, read_metadata

EN = "Harbour report\n\nThe harbour board met on Tuesday. It approved the budget for the east quay.\n"
ZH = "港口报告\n\n港务委员会星期二开会。会议批准了东码头的预算。\n"
DE = "Hafenbericht\n\nDer Hafenrat tagte am 3. Oktober. Er billigte z. B. den Haushalt für den Ostkai.\n"


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for lang, text in (("en", EN), ("zh", ZH), ("de", DE)):
        paths[lang] = tmp_path / f"input.{lang}.txt"
        paths[lang].write_bytes(text.encode("utf-8"))
    return paths


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(["add-document", *argv])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err.strip()


def test_the_folder_holds_the_texts_byte_for_byte_and_metadata_that_validates(tmp_path, files, capsys):
    sources = tmp_path / "src"
    status, _ = _run(
        capsys, str(sources), "harbour-2025", "--text", f"en={files['en']}", "--text", f"zh={files['zh']}",
        "--title", "en=Harbour report", "--title", "zh=港口报告",
    )
    assert status == 0
    folder = sources / "harbour-2025"
    assert (folder / "en.txt").read_bytes() == files["en"].read_bytes()
    assert (folder / "zh.txt").read_bytes() == files["zh"].read_bytes()
    meta = read_metadata(folder / "meta.yaml")
    assert meta["original_language"] == "en" and meta["languages"]["zh"]["translated_from"] == "en"
    assert meta["roles"]["leading"] == ["title"]  # both texts open with exactly their titles
    assert meta["speaker"] == {"en": None, "zh": None} and meta["date_delivered"] is None
    assert read_document(folder).texts["zh"] == ZH


def test_an_en_zh_document_added_this_way_builds_and_validates(tmp_path, files, capsys):
    sources, out = tmp_path / "src", tmp_path / "out"
    assert _run(capsys, str(sources), "pair", "--text", f"en={files['en']}", "--text", f"zh={files['zh']}")[0] == 0
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    assert main(["validate", str(out)]) == 0
    assert read_metadata(sources / "pair" / "meta.yaml")["roles"]["leading"] == []  # no titles given


def test_a_german_english_document_builds_a_corpus_of_its_own_pair(tmp_path, files, capsys):
    sources, out = tmp_path / "src", tmp_path / "out"
    assert _run(capsys, str(sources), "hafen", "--text", f"de={files['de']}", "--text", f"en={files['en']}")[0] == 0
    assert read_metadata(sources / "hafen" / "meta.yaml")["original_language"] == "de"
    assert main(["build", "--sources", str(sources), "--out", str(out)]) == 0
    assert main(["validate", str(out)]) == 0
    corpus = read_data(out / "data")
    assert corpus.pair == LanguagePair("de", "en")
    written = set(published_snapshot(out).configs())
    assert {"documents", "paragraphs", "sentences", "ner_de", "ner_en"} <= written
    assert not [name for name in written if "zh" in name]
    # "am 3. Oktober" and "z. B." do not end a sentence: two German sentences, as in English.
    assert [s["translation"]["de"] for s in corpus.sentences][1:] == [
        "Der Hafenrat tagte am 3. Oktober.", "Er billigte z. B. den Haushalt für den Ostkai."
    ]
    assert [s["alignment_type"] for s in corpus.sentences] == ["1-1"] * 3


def test_documents_of_one_sources_folder_must_list_the_same_pair_in_the_same_order(tmp_path, files, capsys):
    sources = tmp_path / "src"
    assert _run(capsys, str(sources), "a-hafen", "--text", f"de={files['de']}", "--text", f"en={files['en']}")[0] == 0
    assert _run(capsys, str(sources), "b-harbour", "--text", f"en={files['en']}", "--text", f"de={files['de']}")[0] == 0
    status = main(["build", "--sources", str(sources), "--out", str(tmp_path / "out")])
    # Documents are read where they are built, so a-hafen was built (and cached) first.
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("bicorpus:")]
    assert status == 1 and len(errors) == 1 and errors[0].startswith("bicorpus: E218 ") and "b-harbour" in errors[0]
    assert not (tmp_path / "out" / "README.md").exists() and not list((tmp_path / "out" / "data").iterdir())


def test_a_language_the_encoder_does_not_cover_is_refused_at_build_in_one_line(tmp_path, files, capsys):
    sources = tmp_path / "src"
    assert _run(capsys, str(sources), "hafen", "--text", f"de={files['de']}", "--text", f"en={files['en']}")[0] == 0
    meta = sources / "hafen" / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("de:", "sv:"), encoding="utf-8")
    status = main(["build", "--sources", str(sources), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip()
    assert status == 1 and err.startswith("bicorpus: E206 ") and "'sv'" in err and "\n" not in err


@pytest.mark.parametrize(
    ("make_args", "code"),
    [
        (lambda f: ["x", "--text", f"en={f['en']}", "--text", f"xx={f['zh']}"], "E214"),
        (lambda f: ["Bad_Id", "--text", f"en={f['en']}", "--text", f"zh={f['zh']}"], "E213"),
        (lambda f: ["x", "--text", f"en={f['en']}"], "E216"),
        (lambda f: ["x", "--text", f"en={f['en']}", "--text", f"en={f['zh']}"], "E216"),
        (lambda f: ["x", "--text", f"en={f['en']}", "--text", f"zh={f['zh']}", "--title", "de=Titel"], "E216"),
        (lambda f: ["x", "--text", f"en={f['en']}", "--text", "zh"], "E216"),
        (lambda f: ["x", "--text", f"en={f['en']}", "--text", f"zh={f['en'].parent}"], "E217"),
        (lambda f: ["x", "--text", f"en={f['en']}", "--text", f"zh={f['en'].parent / 'missing.txt'}"], "E217"),
    ],
)
def test_bad_input_is_one_line_with_its_code_and_nothing_is_written(tmp_path, files, capsys, make_args, code):
    sources = tmp_path / "src"
    status, err = _run(capsys, str(sources), *make_args(files))
    assert status == 1 and err.startswith(f"bicorpus: {code} ") and "\n" not in err
    assert not sources.exists() or not any(sources.iterdir())


def test_an_existing_document_is_refused_and_left_untouched(tmp_path, files, capsys):
    sources = tmp_path / "src"
    args = [str(sources), "pair", "--text", f"en={files['en']}", "--text", f"zh={files['zh']}"]
    assert _run(capsys, *args)[0] == 0
    before = {p.name: p.read_bytes() for p in (sources / "pair").iterdir()}
    status, err = _run(capsys, *args)
    assert status == 1 and err.startswith("bicorpus: E215 ")
    assert {p.name: p.read_bytes() for p in (sources / "pair").iterdir()} == before


def test_a_text_that_is_not_utf8_is_refused_with_its_line(tmp_path, files, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine line\n\xff\xfe broken\n")
    status, err = _run(capsys, str(tmp_path / "src"), "x", "--text", f"en={files['en']}", "--text", f"zh={bad}")
    assert status == 1 and err.startswith("bicorpus: E102 ") and f"{bad}:2" in err
    assert not (tmp_path / "src" / "x").exists()

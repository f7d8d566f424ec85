"""The html export: one self-contained reader file, read by a parser and rendered by real headless Chromium.

The Chromium tests use Debian's ``chromium`` (or ``chromium-browser``) and nothing else; without
it they skip and say why. Screenshots go to the test's temporary folder; with
``BICORPUS_UPDATE_SCREENSHOTS=1`` they also replace ``docs/images/reader.png`` and
``docs/images/reader-narrow.png`` (the documentation's pictures, committed, as 96-colour PNGs), so an ordinary run
never rewrites a tracked file.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from bicorpus.cli import main
from bicorpus.errors import CorpusError
from bicorpus.export import ExportOptions
from bicorpus.export.html_reader import Mark, marked_html, write_html_reader
from bicorpus.export.html_reader_assets import SCRIPT, STYLE
from bicorpus.publish import iter_published, read_data
from bicorpus.records import side
from conftest import REPOSITORY

SHIPPED = REPOSITORY / "corpus"
IMAGES = REPOSITORY / "docs" / "images"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Page(HTMLParser):
    """The parts of a page the tests look at: nesting errors, URLs, text, and each bead's state."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.urls: list[str] = []
        self.text: list[str] = []
        self.scripts = 0
        self.beads: dict[str, dict[str, str | None]] = {}
        self.by_id: dict[str, dict[str, str | None]] = {}
        self.styles: list[str] = []
        self._in_style = False
        self._in_script = False
        self.root_classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.root_classes = (found.get("class") or "").split()
        self.urls.extend(value for name, value in attrs if name in {"src", "href", "action", "poster"} and value)
        if found.get("style"):
            self.styles.append(found["style"])
        if tag == "script":
            self.scripts += 1
            self._in_script = True
        if tag == "style":
            self._in_style = True
        if found.get("id"):
            self.by_id[found["id"]] = found
        if "bead" in (found.get("class") or "").split():
            self.beads[found["id"] or ""] = found
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._in_script = self._in_style = False
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
        elif not self._in_script:
            self.text.append(data)


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus's reader, written through the command line."""
    out = tmp_path_factory.mktemp("reader") / "reader.html"
    assert main(["export", str(SHIPPED), "--format", "html", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def shipped():
    return read_data(SHIPPED / "data")


def test_reader_is_well_formed_html_that_names_no_network_url(reader: Path) -> None:
    text = reader.read_text(encoding="utf-8")
    page = _parse(text)
    assert text.startswith("<!DOCTYPE html>")
    assert page.errors == [] and page.stack == []
    assert page.urls and all(not re.match(r"(?i)^\s*(https?:)?//", url) for url in page.urls), page.urls
    assert not re.search(r"(?i)url\(\s*['\"]?\s*(https?:)?//", " ".join(page.styles))
    assert "@import" not in STYLE and "@font-face" not in STYLE
    # Self-contained: one inline script, no linked script or stylesheet.
    assert page.scripts == 1 and not re.search(r"<script[^>]*\ssrc=|<link\b", text)


def test_inline_assets_cannot_close_their_own_element() -> None:
    assert "</script" not in SCRIPT.lower() and "</style" not in STYLE.lower()


def test_every_sentence_is_in_the_page_without_javascript(reader: Path, shipped) -> None:
    page = _parse(reader.read_text(encoding="utf-8"))
    text = "".join(page.text)
    pair = shipped.pair
    assert set(page.beads) == {bead["id"] for bead in shipped.sentences}
    for bead in shipped.sentences:
        for lang in pair:
            assert bead["translation"][lang] in text, bead["id"]


def test_columns_carry_the_pairs_languages_and_null_beads_are_marked(reader: Path, shipped) -> None:
    text = reader.read_text(encoding="utf-8")
    source, target = shipped.pair
    assert re.search(rf'<div lang="{source}">English</div>\s*<div lang="{target}">Chinese</div>', text)
    null_ids = {bead["id"] for bead in shipped.sentences if not bead[side(target, "ids")]}
    assert null_ids, "the shipped corpus has beads without a Chinese sentence"
    page = _parse(text)
    assert {i for i, attrs in page.beads.items() if "null" in (attrs["class"] or "").split()} == null_ids
    assert text.count("no Chinese sentence in this bead") == len(null_ids)


def test_entities_and_terms_are_marked_with_their_labels_and_renderings(reader: Path, shipped) -> None:
    text = reader.read_text(encoding="utf-8")
    mentions = sum(len(entity["mentions"]) for entity in shipped.entities)
    assert len(re.findall(r'<span class="ent ent-\w+(?: cont)?" data-label="', text)) >= mentions
    assert 'data-label="GPE"' in text and 'class="ent ent-LOC"' in text
    term = shipped.terms[0]
    target = shipped.pair.target
    assert f'data-term="{term["term"]}"' in text
    tooltip = re.search(rf'data-term="{re.escape(term["term"])}" title="([^"]*)"', text)
    assert tooltip and term[target] in tooltip.group(1) and term["renderings"][0] in tooltip.group(1)


def test_header_lists_documents_counts_and_build_signature(reader: Path, shipped) -> None:
    text = reader.read_text(encoding="utf-8")
    assert f"{len(shipped.sentences)} sentence beads" in text
    assert f'<a href="#doc-{shipped.documents[0]["id"]}">' in text
    assert re.search(r"Build signature <code>bicorpus:[^<]+\|gazetteer:[0-9a-f]{8}\|tagger:rules\|resources:[^<]+</code>", text)
    # Twelve themes plus "all themes" in the theme menu, named in English.
    menu = re.search(r'<select id="f-theme">(.*?)</select>', text)
    assert menu and menu.group(1).count("<option") == 13 and ">Green development (" in menu.group(1)


def test_markup_in_the_text_stays_text(tmp_path: Path, shipped) -> None:
    records = copy.deepcopy(shipped)
    source = records.pair.source
    annotated = {m["sentence_pair"] for e in records.entities for m in e["mentions"]} | {
        r["sentence_pair"] for t in records.terms for r in t["realisations"]
    }
    bead = next(b for b in records.sentences if b["id"] not in annotated and b[side(source, "ids")])
    hostile = "</script><script>alert(1)</script> & <b>bold</b>"
    bead["translation"][source] = hostile
    out = tmp_path / "reader.html"
    write_html_reader([records], out, ExportOptions())
    page = _parse(out.read_text(encoding="utf-8"))
    assert page.scripts == 1 and page.errors == []
    assert hostile in "".join(page.text)


def test_several_documents_stream_in_order(built_three: Path, tmp_path: Path) -> None:
    out = tmp_path / "three.html"
    assert write_html_reader(iter_published(built_three / "data"), out, ExportOptions()) == [out]
    text = out.read_text(encoding="utf-8")
    anchors = re.findall(r'<article class="doc" id="doc-([\w-]+)"', text)
    assert anchors == ["harbour-a", "harbour-b", "harbour-c"]
    assert "3 documents" in text and "Build signature" not in text
    assert [p.name for p in tmp_path.iterdir()] == ["three.html"]  # the scratch folder is gone


def test_marks_nest_and_a_crossing_mark_is_split_with_one_label() -> None:
    nested = marked_html("a<b", [Mark(0, 3, "ent", 'data-label="X"'), Mark(1, 2, "term", "")])
    assert nested == '<span class="ent" data-label="X">a<span class="term" >&lt;</span>b</span>'
    crossing = marked_html("abcdef", [Mark(0, 4, "term", ""), Mark(2, 6, "ent", "")])
    assert crossing == (
        '<span class="term" >ab<span class="ent cont" >cd</span></span><span class="ent" >ef</span>'
    )


def test_out_naming_a_folder_is_e731(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SHIPPED), "--format", "html", "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("bicorpus: E731 --out: ")


def test_lang_is_e732_since_the_reader_holds_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert main(["export", str(SHIPPED), "--format", "html", "--lang", "zh", "--out", str(out)]) == 1
    assert capsys.readouterr().err.startswith("bicorpus: E732 --lang zh: ")
    assert not out.exists()


def test_a_mention_outside_its_bead_is_e733_and_leaves_no_file(tmp_path: Path, shipped) -> None:
    records = copy.deepcopy(shipped)
    mention = records.entities[0]["mentions"][0]
    mention["start"], mention["end"] = 10**6, 10**6 + 3
    out = tmp_path / "reader.html"
    with pytest.raises(CorpusError, match="E733") as caught:
        write_html_reader([records], out, ExportOptions())
    assert caught.value.pointer == "/mentions/0"
    assert list(tmp_path.iterdir()) == []


def test_no_documents_is_e734(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="E734"):
        write_html_reader([], tmp_path / "reader.html", ExportOptions())


# --- real headless Chromium -----------------------------------------------------------------------


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "chromium not installed: apt-get install chromium to run the reader's browser tests"
        print(reason)
        pytest.skip(reason)
    return found


def _run_chromium(*arguments: str) -> str:
    command = [_chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _dump(reader: Path, fragment: str = "") -> _Page:
    return _parse(_run_chromium("--dump-dom", reader.as_uri() + fragment))


def _visible(page: _Page) -> set[str]:
    return {bead_id for bead_id, attrs in page.beads.items() if "hidden" not in attrs}


def test_chromium_runs_the_script_and_shows_every_sentence(reader: Path, shipped) -> None:
    page = _dump(reader)
    assert "js" in page.root_classes and "no-js" not in page.root_classes
    text = "".join(page.text)
    assert page.errors == []
    assert _visible(page) == {bead["id"] for bead in shipped.sentences}
    for bead in shipped.sentences:
        for lang in shipped.pair:
            assert bead["translation"][lang] in text, bead["id"]
    assert f"{len(shipped.sentences)} of {len(shipped.sentences)} beads shown" in text  # written by the script


def test_chromium_applies_a_theme_filter_from_the_fragment(reader: Path, shipped) -> None:
    page = _dump(reader, "#theme=green_development")
    wanted = {bead["id"] for bead in shipped.sentences if "green_development" in bead["themes"]}
    assert wanted and len(wanted) < len(shipped.sentences)
    assert _visible(page) == wanted
    assert page.by_id["f-theme"] is not None


def test_chromium_applies_an_alignment_filter_from_the_fragment(reader: Path, shipped) -> None:
    page = _dump(reader, "#align=1-0")
    assert _visible(page) == {bead["id"] for bead in shipped.sentences if bead["alignment_type"] == "1-0"}


def test_chromium_search_counts_and_marks_hits_in_both_languages(reader: Path, shipped) -> None:
    query = "新质生产力|productive forces"
    page = _dump(reader, "#q=" + quote(query) + "&re=1")
    pattern = re.compile(query, re.IGNORECASE)
    per_bead = {
        bead["id"]: sum(len(pattern.findall(bead["translation"][lang])) for lang in shipped.pair) for bead in shipped.sentences
    }
    expected = sum(per_bead.values())
    assert expected > 0
    assert page.by_id["status"] is not None and page.by_id["status"]["data-hits"] == str(expected)
    assert _visible(page) == {bead_id for bead_id, hits in per_bead.items() if hits}
    dom = _run_chromium("--dump-dom", reader.as_uri() + "#q=" + quote("新质生产力"))
    zh_hits = sum(bead["translation"][shipped.pair.target].count("新质生产力") for bead in shipped.sentences)
    assert dom.count("<mark class=\"hit\">新质生产力</mark>") == zh_hits


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize(("width", "name"), [(1400, "reader.png"), (900, "reader-narrow.png")])
def test_chromium_screenshots_the_reader(reader: Path, tmp_path: Path, width: int, name: str) -> None:
    shot = tmp_path / name
    _run_chromium(f"--screenshot={shot}", f"--window-size={width},1000", reader.as_uri())
    assert _png_size(shot) == (width, 1000)
    assert shot.stat().st_size > 20_000  # a blank page compresses to a few kilobytes
    if os.environ.get("BICORPUS_UPDATE_SCREENSHOTS") == "1":
        from PIL import Image  # a test extra (through matplotlib); only for updating the pictures

        IMAGES.mkdir(parents=True, exist_ok=True)
        # A 96-colour palette keeps the committed pictures small and looks the same.
        Image.open(shot).convert("RGB").quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(IMAGES / name, optimize=True)

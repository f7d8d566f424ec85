"""Hostile and careless inputs (issue 13): each is refused with one coded line and exit status 1,
and a corpus published before into the same ``--out`` stays byte-identical and loadable.

The good corpus is built once for the module; every case breaks a fresh copy of the small
harbour document and builds it over a private copy of that corpus (tests/fault_harness.py).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bicorpus.cli import main
from bicorpus.errors import BicorpusError
from bicorpus.sources import DocumentSource, read_document
from conftest import SMALL_EN, SMALL_META, SMALL_ZH, write_document
from fault_harness import assert_untouched, copy_of, refused, snapshot

DOC = "harbour-report"

ENTITIES = """\
document: harbour-report
entities:
  - id: east-quay
    label: FAC
    mentions:
      en: [{text: east quay}]
"""

THEMES = """\
document: harbour-report
paragraphs:
  - starts_with: A report
    occurrence: 1.0
    themes: []
    primary: null
"""

GLOSSARY = """\
document: harbour-report
terms:
  - id: harbour
    zh: 港口
    en: [{text: harbour, count: 2.0}]
    definition: {en: A port., zh: 港口。}
    count: {en: 2, zh: 1}
"""

#: A Japanese text in the place of the Chinese one: same layout, other language.
JAPANESE = (
    "港の報告\n\n今年、港は過去最高の数の船を受け入れました。貨物量は12パーセント増加しました。"
    "東岸壁の新しいクレーンは三月に完成しました。\n\n水路の浚渫は来年の春に始まります。費用は350万で、工期は二年です。\n\n"
    "港長による報告、2023年5月4日。\n"
)

#: "Billion laughs": nine levels of nine aliases each, a few hundred bytes meaning 9^9 strings.
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi")
)


def _meta(folder: Path, old: str, new: str) -> None:
    path = folder / "meta.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _write(name: str, content: str | bytes) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        path = folder / name
        path.unlink(missing_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return mutate


def _entities(old: str, new: str) -> Callable[[Path], None]:
    assert old in ENTITIES
    return _write("entities.yaml", ENTITIES.replace(old, new))


def _text(lang: str, content: str) -> Callable[[Path], None]:
    return _write(f"{lang}.txt", content)


def _symlink(name: str, target: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        (folder / name).unlink(missing_ok=True)
        os.symlink(target, folder / name)

    return mutate


def _link_to_parent_folder(folder: Path) -> None:
    (folder.parent / "other.txt").write_text(SMALL_EN, encoding="utf-8")
    _symlink("en.txt", "../other.txt")(folder)


def _folder(name: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        path = folder / name
        path.unlink(missing_ok=True)
        path.mkdir()
        (path / "inside.yaml").write_text("x: 1\n", encoding="utf-8")

    return mutate


def _fifo(folder: Path) -> None:
    (folder / "en.txt").unlink()
    os.mkfifo(folder / "en.txt")


def _huge_text(folder: Path) -> None:
    with open(folder / "en.txt", "r+b") as handle:  # sparse: quick to make, 17 MiB long
        handle.truncate(17 * 1024 * 1024)


def _huge_glossary(folder: Path) -> None:
    (folder / "glossary.yaml").write_text("# " + "x" * (5 * 1024 * 1024) + "\n", encoding="utf-8")


def _meta_append(extra: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        path = folder / "meta.yaml"
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")

    return mutate


def _meta_replace(old: str, new: str) -> Callable[[Path], None]:
    return lambda folder: _meta(folder, old, new)


def _no_meta_but_yml(folder: Path) -> None:
    (folder / "meta.yaml").rename(folder / "meta.yml")


#: (case id, how the document folder is broken, the code it must be refused with)
CASES: list[tuple[str, Callable[[Path], None], str]] = [
    # Where the texts come from.
    ("text-symlink-to-etc-passwd", _symlink("en.txt", "/etc/passwd"), "E113"),
    ("text-symlink-to-dev-zero", _symlink("en.txt", "/dev/zero"), "E113"),
    ("text-symlink-to-parent-folder", _link_to_parent_folder, "E113"),
    ("gold-file-symlink-outside", _symlink("entities.yaml", "/etc/hostname"), "E113"),
    ("text-is-a-fifo", _fifo, "E112"),
    ("text-is-a-folder", _folder("en.txt"), "E112"),
    ("meta-is-a-folder", _folder("meta.yaml"), "E112"),
    ("text-over-size-limit", _huge_text, "E107"),
    ("glossary-over-size-limit", _huge_glossary, "E107"),
    # YAML and JSON limits.
    ("yaml-alias-bomb", _meta_append(BOMB), "E108"),
    ("yaml-recursive-alias", _write("entities.yaml", "document: &d [*d]\nentities: []\n"), "E108"),
    ("yaml-500-nested-brackets", _write("entities.yaml", "document: " + "[" * 500 + "]" * 500 + "\n"), "E109"),
    ("yaml-duplicate-key-meta", _meta_append("id: another-id\n"), "E110"),
    ("yaml-duplicate-key-entities", _entities("    label: FAC\n", "    label: FAC\n    label: ORG\n"), "E110"),
    ("yaml-key-not-text", _write("entities.yaml", ENTITIES + "1: one\n"), "E111"),
    ("yaml-impossible-timestamp", _entities("label: FAC", "label: FAC\n    note: 2024-13-45"), "E103"),
    ("yaml-python-tag", _write("entities.yaml", "document: !!python/object:os.system {}\nentities: []\n"), "E103"),
    # Formats and integers.
    ("date-month-13", _meta_replace('date_delivered: "2023-05-04"', 'date_delivered: "2024-13-45"'), "E105"),
    ("date-february-30", _meta_replace('date_delivered: "2023-05-04"', 'date_delivered: "2023-02-30"'), "E105"),
    ("published-hour-25", _meta_replace("from: null}", 'from: null, published: "2023-05-04T25:61"}'), "E105"),
    ("language-check-not-on-or-off", _meta_replace("from: null}", "from: null, language_check: maybe}"), "E105"),
    ("entities-occurrence-float", _entities("{text: east quay}", "{text: east quay, occurrence: 1.0}"), "E105"),
    ("themes-occurrence-float", _write("themes.yaml", THEMES), "E105"),
    ("glossary-count-float", _write("glossary.yaml", GLOSSARY), "E105"),
    # Invisible and control characters.
    ("text-of-zero-width-spaces", _text("zh", "\u200b\u200b\u200b\n\n\u200b\ufeff\u2060\n"), "E207"),
    ("text-of-whitespace-only", _text("zh", " \n\u3000\n\t\n"), "E207"),
    ("line-of-zero-width-joiners", _text("en", SMALL_EN.replace("\n\nDredging", "\n\u200d\u200d\n\nDredging")), "E116"),
    ("bidi-override", _text("en", SMALL_EN.replace("rose by", "rose \u202eby")), "E115"),
    ("bidi-isolate", _text("zh", SMALL_ZH.replace("增长", "\u2066增长\u2069")), "E115"),
    ("nul-byte", _text("en", SMALL_EN.replace("March", "Ma\x00rch")), "E114"),
    ("c1-control", _text("en", SMALL_EN.replace("percent", "per\x85cent")), "E114"),
    ("form-feed", _text("en", SMALL_EN.replace("\n\nDredging", "\n\x0c\nDredging")), "E114"),
    ("paragraph-separator", _text("en", SMALL_EN.replace("\n\nDredging", "\u2029Dredging")), "E114"),
    ("noncharacter", _text("zh", SMALL_ZH.replace("三月", "三\uffff月")), "E114"),
    # Misspelt and misplaced files.
    ("entities-yml", _write("entities.yml", ENTITIES), "E219"),
    ("entities-capitalised", _write("Entities.yaml", ENTITIES), "E219"),
    ("theme-singular", _write("theme.yaml", THEMES), "E219"),
    ("entites-typo", _write("entites.yaml", ENTITIES), "E219"),
    ("glossary-json", _write("glossary.json", "{}"), "E219"),
    ("metadata-yaml-beside-meta", _write("metadata.yaml", "id: x\n"), "E219"),
    ("folder-named-themes-yml", _folder("themes.yml"), "E219"),
    ("folder-named-themes-yaml", _folder("themes.yaml"), "E112"),
    ("meta-yml-instead-of-meta-yaml", _no_meta_but_yml, "E204"),
    ("alignment-gold-malformed", _write("alignment.gold", "[0]:[0]\n[1]->[1]\n"), "E220"),
    ("alignment-gold-misspelt", _write("alignment.yaml", "[0]:[0]\n"), "E219"),
    # A text that is not in its declared language.
    ("zh-text-that-is-japanese", _text("zh", JAPANESE), "E221"),
    ("texts-swapped", lambda folder: (_text("en", SMALL_ZH)(folder), _text("zh", SMALL_EN)(folder))[0], "E221"),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small harbour corpus, built once for this module; never modified."""
    root = tmp_path_factory.mktemp("published")
    write_document(root / "sources")
    out = root / "out"
    assert main(["build", "--sources", str(root / "sources"), "--out", str(out)]) == 0
    return out


def test_there_are_at_least_thirty_distinct_cases() -> None:
    assert len({case for case, _, _ in CASES}) == len(CASES) >= 30


@pytest.mark.parametrize(("mutate", "code"), [(mutate, code) for _, mutate, code in CASES], ids=[case for case, _, _ in CASES])
def test_bad_input_is_refused_and_leaves_the_published_corpus_alone(
    mutate: Callable[[Path], None], code: str, published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = write_document(tmp_path / "sources")
    mutate(sources / DOC)
    out = copy_of(published, tmp_path)
    before = snapshot(out)
    line = refused(capsys, ["build", "--sources", str(sources), "--out", str(out)], code)
    assert str(sources / DOC) in line  # the line names the file at fault
    assert_untouched(out, before)


def test_misspelt_file_hint_names_the_expected_file_and_what_bicorpus_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = write_document(tmp_path / "sources")
    _write("entities.yml", ENTITIES)(sources / DOC)
    line = refused(capsys, ["build", "--sources", str(sources), "--out", str(tmp_path / "out")], "E219")
    assert "looks like a misspelt entities.yaml; rename it to entities.yaml" in line
    assert "bicorpus reads meta.yaml, en.txt, zh.txt, glossary.yaml, entities.yaml, themes.yaml, alignment.gold" in line


def test_language_mismatch_names_what_was_detected_and_the_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = write_document(tmp_path / "sources", zh=JAPANESE)
    line = refused(capsys, ["build", "--sources", str(sources), "--out", str(tmp_path / "out")], "E221")
    # Line 3: the title (line 1) is too short to judge, the first body sentence is not.
    assert f"{sources / DOC / 'zh.txt'}:3: the text does not look like its declared language" in line
    assert "look like ja" in line and "not zh" in line
    assert "set languages.zh.language_check: off" in line


# --- the readers never fail with anything but a BicorpusError -----------------------------------

_FILES = ["meta.yaml", "glossary.yaml", "entities.yaml", "themes.yaml", "en.txt", "zh.txt"]
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 10**6), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["2024-13-45", "1.0", "&a x", "*a", "!!int x", "harbour-report", "en", "zh", "~"]),
)
_KEYS = st.one_of(st.text(max_size=8), _SCALARS)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=12,
)
_KNOWN = yaml.safe_load(SMALL_META)


def _yaml_of(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def _near_meta(key: str, value: object) -> str:
    # A valid meta.yaml with one field replaced: reaches the checks behind the schema.
    return _yaml_of({**_KNOWN, key: value})


_CONTENT = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
    _VALUES.map(lambda value: _yaml_of(value).encode("utf-8")),
    st.builds(_near_meta, st.sampled_from(sorted(_KNOWN)), _VALUES).map(lambda text: text.encode("utf-8")),
    st.text(alphabet=st.sampled_from("[]{}&*!:-,'\"#|> \n\tab1\u200b\u202e\x00"), max_size=80).map(
        lambda text: text.encode("utf-8", "surrogatepass")
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(_FILES), content=_CONTENT)
def test_reading_any_file_gives_a_document_or_a_bicorpus_error(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_document(Path(tmp) / "sources") / DOC
        (folder / name).write_bytes(content)
        try:
            document = read_document(folder)
        except BicorpusError:
            return
        assert isinstance(document, DocumentSource)

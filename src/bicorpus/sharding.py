"""Which shard file a document's records go to.

A published config is split into shard files ``part-NNNNN.parquet``; shard ``k`` of every
config holds the records of the same documents, in order of document id. A document's shard
is a stable hash of its id (SHA-256, not Python's salted ``hash``), so it depends on nothing
but the id and the number of shards: not on the engine, the number of workers or the order
in which they finish. The number of shards depends only on the number of documents.

Because a document can only be in one shard and ids rise strictly inside a shard, a reader
checks that ids are unique across the whole corpus by looking at one row at a time
(:func:`shard_of` of each id, and the id before it in the same shard).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable

#: Documents per shard aimed at when the build chooses the number of shards: about 10 MB of
#: Parquet per config and shard for speech-sized documents, well under the few hundred MB
#: the Hugging Face Hub advises per file, and enough shards to read in parallel.
DOCUMENTS_PER_SHARD = 500


def shard_count(documents: int, documents_per_shard: int = DOCUMENTS_PER_SHARD) -> int:
    """The number of shards for a corpus of ``documents`` documents (at least one)."""
    if documents_per_shard < 1:
        raise ValueError(f"documents_per_shard must be at least 1, not {documents_per_shard}")
    return max(1, math.ceil(documents / documents_per_shard))


def shard_of(document_id: str, shards: int) -> int:
    """The shard (0 to ``shards - 1``) holding document ``document_id``."""
    if shards < 1:
        raise ValueError(f"shards must be at least 1, not {shards}")
    digest = hashlib.sha256(document_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % shards


def publishing_order(document_ids: Iterable[str], shards: int) -> list[tuple[int, str]]:
    """``(shard, id)`` of every document, in the order the build writes them: shard by shard,
    by id inside a shard. Every config's rows follow this order."""
    return sorted((shard_of(document_id, shards), document_id) for document_id in document_ids)

"""The alignment bead: the unit every aligner in bicorpus produces.

A bead pairs a run of consecutive source sentences with a run of consecutive target
sentences (either run may be empty, never both). A list of beads is a complete alignment
when it covers every sentence of both sides exactly once and in order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bead:
    """Sentences ``src`` (indices into the source side) aligned with ``tgt``.

    ``score`` is the aligner's confidence in the bead, higher is better; its scale is the
    aligner's own and documented there.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0

    @property
    def type(self) -> str:
        """Alignment type such as ``"1-1"``, ``"2-1"`` or ``"0-1"`` (source count first)."""
        return f"{len(self.src)}-{len(self.tgt)}"

    def to_interchange(self) -> str:
        """The ``[0,1]:[2]`` notation used by alignment gold files (0-based, source first)."""
        return f"[{','.join(map(str, self.src))}]:[{','.join(map(str, self.tgt))}]"

    @classmethod
    def from_interchange(cls, line: str, score: float = 0.0) -> Bead:
        """Parse one ``[i,j]:[k]`` line; raises ``ValueError`` naming what is malformed."""
        left, sep, right = line.strip().partition(":")
        if not sep:
            raise ValueError(f"bead {line.strip()!r} has no ':' between its two sides")
        return cls(_parse_side(left, line), _parse_side(right, line), score)


def _parse_side(side: str, line: str) -> tuple[int, ...]:
    side = side.strip()
    if not (side.startswith("[") and side.endswith("]")):
        raise ValueError(f"bead {line.strip()!r}: side {side!r} is not a bracketed list")
    inner = side[1:-1].strip()
    if not inner:
        return ()
    try:
        return tuple(int(x) for x in inner.split(","))
    except ValueError:
        raise ValueError(f"bead {line.strip()!r}: side {side!r} holds a non-integer") from None


def check_complete(beads: list[Bead], n_src: int, n_tgt: int) -> list[str]:
    """Problems that stop ``beads`` from being a complete, monotone alignment (empty if none).

    Every source index ``0..n_src-1`` and target index ``0..n_tgt-1`` must occur in exactly
    one bead, consecutively and in order, and no bead may be empty on both sides.
    """
    problems: list[str] = []
    next_src = next_tgt = 0
    for number, bead in enumerate(beads):
        if not bead.src and not bead.tgt:
            problems.append(f"bead {number} is empty on both sides")
        for side, indices, expected in (("source", bead.src, next_src), ("target", bead.tgt, next_tgt)):
            if indices and list(indices) != list(range(expected, expected + len(indices))):
                problems.append(
                    f"bead {number} {bead.to_interchange()}: {side} sentences should start at "
                    f"{expected} and be consecutive"
                )
        next_src = (bead.src[-1] + 1) if bead.src else next_src
        next_tgt = (bead.tgt[-1] + 1) if bead.tgt else next_tgt
    if next_src != n_src:
        problems.append(f"beads cover source sentences up to {next_src}, expected {n_src}")
    if next_tgt != n_tgt:
        problems.append(f"beads cover target sentences up to {next_tgt}, expected {n_tgt}")
    return problems

"""Thai: no spaces between words; the generic sentence rules (Thai has no rules of its own yet)."""

from __future__ import annotations

from dataclasses import replace

from bicorpus.lang import generic

RULES = replace(generic.RULES, code="th", name="Thai", scripts=frozenset({"Thai"}), unspaced=True)

"""Arabic: Arabic script facts only; the generic sentence rules."""

from __future__ import annotations

from dataclasses import replace

from bicorpus.lang import generic

RULES = replace(generic.RULES, code="ar", name="Arabic", scripts=frozenset({"Arab"}))

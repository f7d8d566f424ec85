"""Cantonese: written in Han characters with the CJK sentence rules of :mod:`bicorpus.lang.zh`."""

from __future__ import annotations

from dataclasses import replace

from bicorpus.lang import zh

# Not zh's simplified-character tag: written Cantonese is mostly in traditional characters, and
# the code alone claims neither.
RULES = replace(zh.RULES, code="yue", name="Cantonese", bcp47=None)

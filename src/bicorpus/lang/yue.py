"""Cantonese: written in Han characters with the CJK sentence rules of :mod:`bicorpus.lang.zh`."""

from __future__ import annotations

from dataclasses import replace

from bicorpus.lang import zh

RULES = replace(zh.RULES, code="yue", name="Cantonese")

"""The generic fallback, for every code without a module of its own.

Latin-script sentence rules without an abbreviation list or sentence openers: a period ends a
sentence before a capital, except after an initial or initialism ("J. R. Martin", "U.S."),
which is taken for part of a name (there is no list of sentence openers to say otherwise);
numbers, ellipses, quotes and list markers are handled as for every language, and full-width
stops end a sentence. Words are taken to be separated by spaces and written in
Latin script. There is no numeral reader, no attribution pattern and no entity-candidate rule.
"""

from __future__ import annotations

from bicorpus.lang import LanguageRules, SentenceRules

RULES = LanguageRules(code="und", name="generic", scripts=frozenset({"Latn"}), sentences=SentenceRules())

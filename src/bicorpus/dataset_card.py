"""The dataset card: a README.md whose YAML front matter makes its folder a loadable dataset.

The front matter has two kinds of keys. *Curated* keys (``pretty_name``, ``license``,
``language``, ``task_categories``, tags, …) are written by people and kept as they are found
in the existing card; *generated* keys (:data:`GENERATED_KEYS`) are rewritten by every build
from the published tables, so ``configs`` and the typed ``dataset_info`` features can never
drift from the Parquet files. The card's Markdown body is kept as found, except for the
build-signature block between :data:`SIGNATURE_START` and :data:`SIGNATURE_END`, which every
build rewrites (and appends, as a short section, to a body that has none), and the row counts
between :data:`COUNTS_START` and :data:`COUNTS_END` (in the body written for a new card),
which every build rewrites where they are found.

The card is what publishes a build: its ``configs[].data_files`` name the one snapshot folder
of the corpus (``data/<version>/<config>/*.parquet``, see :mod:`bicorpus.publish`), so
replacing the card switches readers from one snapshot to the next in one step.

Why the signature is in the body and not in the front matter: the Hub's dataset metadata
has no field for it, and ``dataset_info`` is ``datasets``' own record of features and sizes
with a fixed set of keys, so neither is a place the Hub keeps a value of ours. An HTML
comment pair in the body is invisible when the card is rendered, survives the Hub and every
Markdown tool, and lets the build find and replace the one generated line.

A folder without a card (a user's corpus built for the first time) gets the curated keys of
:func:`new_card_curated`: the fixed values of :data:`DEFAULT_CURATED`, which hold for every
corpus bicorpus builds, plus a licence and annotation creators computed from what the build
saw (:class:`CorpusFacts`), and a short generated body that names the licences. After that
the card is the user's, and those keys are kept as found like any other curated key.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from bicorpus.build_signature import BuildSignature
from bicorpus.errors import CorpusError
from bicorpus.features import config_features
from bicorpus.language_pair import LanguagePair, language_name
from bicorpus.records import Corpus, config_names
from bicorpus.validated_files import parse_yaml

if TYPE_CHECKING:  # publish reads cards with this module, so it cannot be imported at run time
    from bicorpus.publish import ConfigSize

#: The config ``datasets.load_dataset(path)`` returns when no config is named.
DEFAULT_CONFIG = "sentences"

GENERATED_KEYS = ("size_categories", "configs", "dataset_info")

#: Curated values true of every corpus bicorpus builds: sentence pairs of two languages, with
#: entity tags (one ner_<lang> config per language) and multi-label themes on every sentence
#: pair. The ``language`` list is the corpus's pair (:func:`new_card_curated`). Who wrote or
#: translated a user's texts is not known to the build, so ``language_creators`` is left out.
DEFAULT_CURATED: dict[str, Any] = {
    "pretty_name": "bicorpus parallel corpus",
    "multilinguality": ["translation"],
    "task_categories": ["translation", "token-classification", "text-classification"],
    "task_ids": ["named-entity-recognition", "multi-label-classification", "topic-classification"],
}

#: SPDX ids (upper-cased) → the Hub's licence ids, for the licences both lists name. The Hub
#: mostly uses the lower-cased SPDX id; the exceptions are spelled out. SPDX's "-or-later"
#: variants are not mapped: the Hub's ids do not say "or later".
_HUB_LICENSE_IDS = {
    spdx.upper(): spdx.lower()
    for spdx in (
        "AFL-3.0", "Apache-2.0", "Artistic-2.0", "BSD-2-Clause", "BSD-3-Clause", "BSD-3-Clause-Clear",
        "BSL-1.0", "CC0-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-NC-2.0",
        "CC-BY-NC-3.0", "CC-BY-NC-4.0", "CC-BY-NC-ND-3.0", "CC-BY-NC-ND-4.0", "CC-BY-NC-SA-2.0",
        "CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0",
        "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0", "ECL-2.0", "EPL-1.0",
        "EPL-2.0", "etalab-2.0", "EUPL-1.1", "ISC", "LPPL-1.3c", "MIT", "MPL-2.0", "MS-PL", "NCSA",
        "OFL-1.1", "OSL-3.0", "PostgreSQL", "Unlicense", "WTFPL", "Zlib",
    )
} | {
    "AGPL-3.0": "agpl-3.0", "AGPL-3.0-ONLY": "agpl-3.0", "GPL-2.0": "gpl-2.0", "GPL-2.0-ONLY": "gpl-2.0",
    "GPL-3.0": "gpl-3.0", "GPL-3.0-ONLY": "gpl-3.0", "LGPL-2.1": "lgpl-2.1", "LGPL-2.1-ONLY": "lgpl-2.1",
    "LGPL-3.0": "lgpl-3.0", "LGPL-3.0-ONLY": "lgpl-3.0", "C-UDA-1.0": "c-uda", "ODBL-1.0": "odbl",
    "ODC-BY-1.0": "odc-by", "PDDL-1.0": "pddl", "LGPLLR": "lgpl-lr",
}

#: The SPDX word for "no licence is stated or granted" (third-party text in a corpus).
NO_LICENCE = "NOASSERTION"

#: The part of a document that its annotation licence covers; the other parts are its texts,
#: named by their language codes.
ANNOTATIONS = "annotations"


@dataclass
class CorpusFacts:
    """What a new card's computed keys come from, gathered while the documents stream past.

    ``licences`` counts documents per (part, SPDX id), a part being a language's text (its
    code) or :data:`ANNOTATIONS`; ``annotation_sources`` holds the ``source`` / ``theme_source`` values seen
    ("gold" where a document had hand-made entity or theme files, "auto" otherwise).
    """

    licences: Counter[tuple[str, str]] = field(default_factory=Counter)
    annotation_sources: set[str] = field(default_factory=set)

    def observe(self, documents: Iterable[Corpus]) -> Iterator[Corpus]:
        """Yield each document's records unchanged, noting its licences and annotation sources."""
        for records in documents:
            for document in records.documents:
                self.licences.update((lang, str(spdx)) for lang, spdx in document["text_license"].items())
                self.licences[(ANNOTATIONS, document["annotation_license"])] += 1
            self.annotation_sources.update(row["theme_source"] for row in records.sentences)
            self.annotation_sources.update(row["source"] for row in records.entities)
            yield records

    def licence_ids(self) -> list[str]:
        """The distinct SPDX ids of every part of every document, sorted."""
        return sorted({spdx for _, spdx in self.licences})


def hub_licence(facts: CorpusFacts) -> dict[str, str]:
    """The card's ``license`` (and ``license_name``) for the licences the build saw.

    One licence for every text and the annotations of every document, known to the Hub:
    its Hub id. Anything else (several licences, an id the Hub does not list, NOASSERTION):
    ``other`` with a lowercase-hyphen ``license_name`` built from the ids; the card's body
    then says which licence covers what. Nothing seen at all: the Hub's ``unknown``.
    """
    ids = facts.licence_ids()
    if not ids:
        return {"license": "unknown"}
    if len(ids) == 1 and ids[0].upper() in _HUB_LICENSE_IDS:
        return {"license": _HUB_LICENSE_IDS[ids[0].upper()]}
    return {"license": "other", "license_name": _licence_name(ids)}


def _licence_name(ids: list[str]) -> str:
    # The Hub wants a lowercase-hyphen name; the ids themselves say best what it covers.
    if len(ids) > 3:
        return "several-licenses"
    words = ["third-party-text" if spdx == NO_LICENCE else re.sub(r"[^a-z0-9]+", "-", spdx.lower()).strip("-") for spdx in ids]
    return "-and-".join(words)


def annotation_creators(facts: CorpusFacts) -> list[str]:
    """``annotations_creators``: alignments and language identification are always automatic
    (machine-generated, with no gold to check them in a user's corpus); gold entity or theme
    files add expert-generated."""
    creators = ["machine-generated"]
    if "gold" in facts.annotation_sources:
        creators.insert(0, "expert-generated")
    return creators


def new_card_curated(facts: CorpusFacts, pair: LanguagePair) -> dict[str, Any]:
    """The curated keys of a card written for the first time, for a ``pair`` corpus that
    ``facts`` describe."""
    return {
        "pretty_name": f"{DEFAULT_CURATED['pretty_name']} ({pair})",
        "language": list(pair),
        **{key: value for key, value in DEFAULT_CURATED.items() if key != "pretty_name"},
        "annotations_creators": annotation_creators(facts),
        **hub_licence(facts),
    }

_FENCE = "---\n"


def split_card(text: str, where: str = "dataset card") -> tuple[dict[str, Any], str]:
    """(front matter, body) of a card's text; an absent front matter gives ``{}``.

    A broken front matter is a :class:`CorpusError` naming ``where`` (the card's path).
    """
    if not text.startswith(_FENCE):
        return {}, text
    end = text.find("\n" + _FENCE, len(_FENCE) - 1)
    if end < 0:
        raise CorpusError(
            where, "the YAML front matter has no closing '---' line", code="E406", hint="end the front matter with a line '---'"
        )
    front = parse_yaml(text[len(_FENCE) : end + 1], where, first_line=2) or {}  # line 1 is the fence
    if not isinstance(front, dict):
        raise CorpusError(where, "the YAML front matter is not a mapping", code="E407", hint="write it as key: value lines")
    return front, text[end + 1 + len(_FENCE) :]


#: The Hub's size categories (``datasets``' ``size_categories.json``) by their upper bound,
#: the number of rows of the default config.
_SIZE_CATEGORIES = (
    (10**3, "n<1K"),
    (10**4, "1K<n<10K"),
    (10**5, "10K<n<100K"),
    (10**6, "100K<n<1M"),
    (10**7, "1M<n<10M"),
    (10**8, "10M<n<100M"),
    (10**9, "100M<n<1B"),
    (10**10, "1B<n<10B"),
    (10**11, "10B<n<100B"),
    (10**12, "100B<n<1T"),
)


def _size_category(rows: int) -> str:
    for limit, label in _SIZE_CATEGORIES:
        if rows < limit:
            return label
    return "n>1T"


def config_glob(config: str) -> str:
    """The card's pattern for every shard file of ``config``, relative to the snapshot folder:
    a glob, so a config written in more shards needs no other card."""
    return f"{config}/*.parquet"


def card_data_paths(front: dict[str, Any]) -> dict[str, list[str]]:
    """Config name -> the data file paths a card's ``configs`` give it, in every form
    ``datasets`` accepts (a path, a list of paths, a list of ``{split, path}``, a mapping of
    split to paths). Entries that are not of these forms are left out."""

    def paths(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            inner = value["path"] if "path" in value else list(value.values())
            return paths(inner)
        if isinstance(value, list):
            return [path for item in value for path in paths(item)]
        return []

    found: dict[str, list[str]] = {}
    configs = front.get("configs")
    for entry in configs if isinstance(configs, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("config_name"), str):
            found[entry["config_name"]] = paths(entry.get("data_files"))
    return found


def generated_front_matter(sizes: dict[str, ConfigSize], data_prefix: str, pair: LanguagePair) -> dict[str, Any]:
    """``size_categories``, ``configs`` and ``dataset_info`` for the published configs of a
    ``pair`` corpus (features written out for the pair). ``data_prefix`` is the snapshot
    folder relative to the card's folder (``data/v-…``)."""
    configs = []
    infos = []
    for config in (c for c in config_names(pair) if c in sizes):
        entry: dict[str, Any] = {"config_name": config}
        if config == DEFAULT_CONFIG:
            entry["default"] = True
        entry["data_files"] = [{"split": "train", "path": f"{data_prefix}/{config_glob(config)}"}]
        configs.append(entry)
        size = sizes[config]
        infos.append(
            {
                "config_name": config,
                "features": config_features(config, pair)._to_yaml_list(),
                "splits": [{"name": "train", "num_bytes": size.bytes, "num_examples": size.rows}],
            }
        )
    return {
        "size_categories": [_size_category(sizes[DEFAULT_CONFIG].rows)],
        "configs": configs,
        "dataset_info": infos,
    }


#: The lines around the build-signature block of the card's body (HTML comments: invisible
#: when rendered). What lies between them is rewritten by every build.
SIGNATURE_START = "<!-- build-signature: written by `bicorpus build`, edits between these lines are replaced -->"
SIGNATURE_END = "<!-- /build-signature -->"


def signature_block(signature: BuildSignature) -> str:
    """The card's build-signature block: the marker lines around one sentence and the signature."""
    return (
        f"{SIGNATURE_START}\n"
        "What made these files (bicorpus, the aligner's settings, the encoder, the language identifier, "
        "pyarrow, SHA-256 prefixes of the entity labels, theme taxonomy (with, after a `+`, the theme classifier's "
        "training data and weights) and gazetteer, the entity tagger (`rules`, or `statistical` with its model) and "
        "the versions of the packages the language rules read); "
        "`bicorpus stats` prints it, `bicorpus validate` warns when what is installed differs:\n"
        f"`{signature}`\n"
        f"{SIGNATURE_END}\n"
    )


def _replace_block(body: str, start_line: str, end_line: str, block: str) -> str | None:
    """``body`` with the block from ``start_line`` to ``end_line`` replaced by ``block``; None
    when the body has no such block."""
    start = body.find(start_line)
    end = body.find(end_line, start)
    if start < 0 or end < 0:
        return None
    end += len(end_line)
    if body.startswith("\n", end):
        end += 1
    return body[:start] + block + body[end:]


def with_signature_block(body: str, signature: BuildSignature) -> str:
    """``body`` with its build-signature block replaced, or a section holding one appended."""
    replaced = _replace_block(body, SIGNATURE_START, SIGNATURE_END, signature_block(signature))
    if replaced is not None:
        return replaced
    separator = "" if not body or body.endswith("\n\n") else ("\n" if body.endswith("\n") else "\n\n")
    return f"{body}{separator}## Build signature\n\n{signature_block(signature)}"


#: The lines around the row counts of the body bicorpus writes for a new card. Every build
#: rewrites what lies between them, so the counts are never those of an earlier build; a card
#: whose body has no such block (a hand-written body) keeps its body as it is.
COUNTS_START = "<!-- config-counts: written by `bicorpus build`, edits between these lines are replaced -->"
COUNTS_END = "<!-- /config-counts -->"


def counts_block(sizes: dict[str, ConfigSize], pair: LanguagePair) -> str:
    """The body's generated sentence of row counts, between its marker lines."""
    counts = ", ".join(f"{size.rows} {config}" for config, size in sizes.items())
    return (
        f"{COUNTS_START}\n"
        f"Configs: {counts} (sentence pairs are the default config; `translation` holds "
        f"{' and '.join(f'`{lang}`' for lang in pair)}).\n"
        f"{COUNTS_END}\n"
    )


def render_card(
    existing: str | None, sizes: dict[str, ConfigSize], data_prefix: str, signature: BuildSignature,
    pair: LanguagePair, facts: CorpusFacts | None = None, where: str = "dataset card",
) -> str:
    """The card text of a ``pair`` corpus: ``existing``'s curated keys and body, with freshly
    generated keys and ``signature``.

    Without an existing card, the curated keys and the body are made from ``facts`` (what the
    build saw of the documents; see :func:`new_card_curated`).
    """
    if existing is None:
        facts = facts or CorpusFacts()
        curated, body = new_card_curated(facts, pair), _default_body(sizes, facts, pair)
    else:
        front, body = split_card(existing, where)
        curated = {key: value for key, value in front.items() if key not in GENERATED_KEYS}
        body = _replace_block(body, COUNTS_START, COUNTS_END, counts_block(sizes, pair)) or body
    front_matter = {**curated, **generated_front_matter(sizes, data_prefix, pair)}
    dumped = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True, width=100)
    return f"{_FENCE}{dumped}{_FENCE}{with_signature_block(body, signature)}"


def _default_body(sizes: dict[str, ConfigSize], facts: CorpusFacts, pair: LanguagePair) -> str:
    annotations = (
        "Entities and themes are hand-made (gold) where a document had gold files and automatic "
        "elsewhere; each row's `source` or `theme_source` says which."
        if "gold" in facts.annotation_sources
        else "Entities and themes were annotated automatically (`source` / `theme_source` = `auto`)."
    )
    return (
        f"\n# Parallel corpus built with bicorpus ({' and '.join(language_name(lang) for lang in pair)})\n\n"
        f"{counts_block(sizes, pair)}\n"
        "Load one config with `datasets.load_dataset(<path of this folder>, \"sentences\")`; the path must "
        "end in the folder's name (`datasets` names the dataset after it), so not `\".\"`: use "
        "`os.getcwd()` or a path such as `../<folder>`.\n\n"
        "Sentence and paragraph alignments and language identification are automatic. "
        f"{annotations}\n\n"
        f"{_licence_section(facts)}"
    )


def _licence_section(facts: CorpusFacts) -> str:
    lines = [
        "## Licences\n",
        "Each document's `meta.yaml` states the licence of each text and of the material made around "
        "them; the `documents` config repeats them per document (`text_license`, `annotation_license`, "
        "with notes). SPDX ids, with the number of documents:\n",
    ]
    texts = sorted({part for part, _ in facts.licences} - {ANNOTATIONS})
    for part in [*texts, ANNOTATIONS]:
        label = "Metadata, glossary, alignments and annotations" if part == ANNOTATIONS else f"Text in `{part}`"
        found = sorted((spdx, count) for (where, spdx), count in facts.licences.items() if where == part)
        stated = "; ".join(
            f"{spdx} ({count})" if spdx != NO_LICENCE else f"{spdx}, no licence granted: third-party text ({count})"
            for spdx, count in found
        )
        lines.append(f"- {label}: {stated or 'not stated'}")
    return "\n".join(lines) + "\n"

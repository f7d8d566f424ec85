"""The dataset card: a README.md whose YAML front matter makes its folder a loadable dataset.

The front matter has two kinds of keys. *Curated* keys (``pretty_name``, ``license``,
``language``, ``task_categories``, tags, …) are written by people and kept as they are found
in the existing card; *generated* keys (:data:`GENERATED_KEYS`) are rewritten by every build
from the published tables, so ``configs`` and the typed ``dataset_info`` features can never
drift from the Parquet files. The card's Markdown body is kept as found. A folder without a
card gets the curated defaults of :data:`DEFAULT_CURATED` and a short generated body.
"""

from __future__ import annotations

from typing import Any

import yaml

from bicorpus.features import config_features
from bicorpus.publish import ConfigSize
from bicorpus.records import CONFIG_SCHEMAS

#: The config ``datasets.load_dataset(path)`` returns when no config is named.
DEFAULT_CONFIG = "sentences"

GENERATED_KEYS = ("size_categories", "configs", "dataset_info")

DEFAULT_CURATED: dict[str, Any] = {
    "pretty_name": "bicorpus parallel corpus",
    "language": ["en", "zh"],
    "language_details": "en, zh-Hans",
    "multilinguality": ["translation"],
    "task_categories": ["translation"],
    "license": "other",
}

_FENCE = "---\n"


def split_card(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a card's text; an absent front matter gives ``{}``."""
    if not text.startswith(_FENCE):
        return {}, text
    end = text.find("\n" + _FENCE, len(_FENCE) - 1)
    if end < 0:
        raise ValueError("the card's YAML front matter has no closing '---' line")
    front = yaml.safe_load(text[len(_FENCE) : end + 1]) or {}
    if not isinstance(front, dict):
        raise ValueError("the card's YAML front matter is not a mapping")
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


def generated_front_matter(sizes: dict[str, ConfigSize], data_prefix: str) -> dict[str, Any]:
    """``size_categories``, ``configs`` and ``dataset_info`` for the published configs."""
    configs = []
    infos = []
    for config in (c for c in CONFIG_SCHEMAS if c in sizes):
        entry: dict[str, Any] = {"config_name": config}
        if config == DEFAULT_CONFIG:
            entry["default"] = True
        entry["data_files"] = [{"split": "train", "path": f"{data_prefix}/{config}.parquet"}]
        configs.append(entry)
        size = sizes[config]
        infos.append(
            {
                "config_name": config,
                "features": config_features(config)._to_yaml_list(),
                "splits": [{"name": "train", "num_bytes": size.bytes, "num_examples": size.rows}],
            }
        )
    return {
        "size_categories": [_size_category(sizes[DEFAULT_CONFIG].rows)],
        "configs": configs,
        "dataset_info": infos,
    }


def render_card(existing: str | None, sizes: dict[str, ConfigSize], data_prefix: str) -> str:
    """The card text: ``existing``'s curated keys and body, with freshly generated keys."""
    if existing is None:
        curated, body = dict(DEFAULT_CURATED), _default_body(sizes)
    else:
        front, body = split_card(existing)
        curated = {key: value for key, value in front.items() if key not in GENERATED_KEYS}
    front_matter = {**curated, **generated_front_matter(sizes, data_prefix)}
    dumped = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True, width=100)
    return f"{_FENCE}{dumped}{_FENCE}{body}"


def _default_body(sizes: dict[str, ConfigSize]) -> str:
    counts = ", ".join(f"{size.rows} {config}" for config, size in sizes.items())
    return (
        "\n# Parallel corpus built with bicorpus\n\n"
        f"Configs: {counts} (sentence pairs are the default config).\n\n"
        "Load one config with `datasets.load_dataset(<absolute path of this folder>, \"sentences\")`.\n"
    )

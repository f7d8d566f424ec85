import pytest

from bicorpus.annotate_entities import entity_records, ner_rows, tokenize
from bicorpus.annotation_files import Entity, EntityMention
from bicorpus.errors import CorpusError

TEXT = "China's economy grew in Sichuan. Xi Jinping spoke."
SENTENCES = [("d/en/s0000", 0, 32), ("d/en/s0001", 33, 50)]
BEADS = {"d/en/s0000": "d/sp0000", "d/en/s0001": "d/sp0001"}


def _entity(entity_id: str, label: str, *spans: tuple[int, int]) -> Entity:
    return Entity(entity_id, label, tuple(EntityMention(entity_id, label, "en", a, b, TEXT[a:b]) for a, b in spans))


def test_english_tokens_keep_hyphenated_words_and_split_possessives():
    text = "China's high-quality development, 3.5%."
    assert [text[a:b] for a, b in tokenize(text, "en")] == [
        "China",
        "'s",
        "high-quality",
        "development",
        ",",
        "3",
        ".",
        "5",
        "%",
        ".",
    ]


def test_chinese_tokens_are_characters_without_whitespace():
    assert [t for t in tokenize("四川 省", "zh")] == [(0, 1), (1, 2), (3, 4)]


def test_bio_tags_follow_the_mentions():
    entities = [_entity("china", "GPE", (0, 5)), _entity("sichuan", "GPE", (24, 31)), _entity("xi", "PERSON", (33, 43))]
    first, second = ner_rows("d", "en", TEXT, entities, "gold", SENTENCES, BEADS)
    assert list(zip(first["tokens"], first["ner_tags"]))[:3] == [("China", "B-GPE"), ("'s", "O"), ("economy", "O")]
    assert ("Sichuan", "B-GPE") in zip(first["tokens"], first["ner_tags"])
    assert second["ner_tags"][:3] == ["B-PERSON", "I-PERSON", "O"]
    assert (second["start"], second["end"], second["sentence_pair"]) == (33, 50, "d/sp0001")


def test_a_token_cut_by_a_mention_boundary_is_split():
    text = "Hong Kong-based firms"
    entity = Entity("hk", "GPE", (EntityMention("hk", "GPE", "en", 0, 9, "Hong Kong"),))
    (row,) = ner_rows("d", "en", text, [entity], "gold", [("d/en/s0000", 0, 21)], {"d/en/s0000": "d/sp0000"})
    assert row["tokens"][:3] == ["Hong", "Kong", "-based"]
    assert row["ner_tags"][:3] == ["B-GPE", "I-GPE", "O"]


def test_entity_records_place_mentions_in_sentences_and_beads():
    (record,) = entity_records(
        "d", [_entity("xi", "PERSON", (33, 43))], "gold", {"en": SENTENCES, "zh": []}, BEADS, "entities.yaml"
    )
    (mention,) = record["mentions"]
    assert (mention["sentence"], mention["sentence_start"], mention["sentence_end"], mention["sentence_pair"]) == (
        "d/en/s0001",
        0,
        10,
        "d/sp0001",
    )
    assert record["names"] == {"en": ["Xi Jinping"], "zh": []}


def test_a_mention_across_a_sentence_boundary_is_an_error():
    with pytest.raises(CorpusError, match="crosses a sentence boundary"):
        entity_records("d", [_entity("bad", "ORG", (23, 40))], "gold", {"en": SENTENCES, "zh": []}, BEADS, "entities.yaml")

"""Story and event deduplication rules, and the pairwise scorer of `eval dedup`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from eventwire.evaluation.dedup import docs_path, pair_scores
from eventwire.model import Article, Entity, Meta
from eventwire.store.dedup import (
    DedupConfig,
    StoryIndex,
    average_link,
    batch_vectors,
    cluster_documents,
    content_words,
    jaccard,
    shingles,
    signature,
)
from eventwire.store.matching import (
    MentionKey,
    day_window,
    match_score,
    person_words,
    roles_fit,
    same_reported_event,
    text_similarity,
)

CONFIG = DedupConfig()
WIRE = ("Japan on Wednesday sent emergency relief supplies and a team of 25 medical workers to "
        "the Philippines after floods killed at least 31 people on the island of Luzon, the "
        "Japanese foreign ministry said. The shipment of tents, water purifiers and generators "
        "arrived at Manila airport on a military transport plane, the Philippine Department of "
        "Foreign Affairs said.")
LIGHT_EDITS = [
    WIRE.replace("on Wednesday", "on Wednesday morning"),
    WIRE.replace("at least 31 people", "at least 31 people, officials said,"),
    WIRE + " More aid is expected next week.",
]
OTHER = ("Secretary of Defense Mark Esper asked Iraqi Prime Minister Adel Abdul Mahdi in a phone "
         "call Monday to help stop rocket attacks that have been targeting bases housing "
         "American troops.")


@pytest.mark.parametrize("copy", LIGHT_EDITS)
def test_light_rewrites_are_near_duplicates(copy: str) -> None:
    assert jaccard(signature(WIRE, CONFIG), signature(copy, CONFIG)) >= CONFIG.story_threshold


def test_different_stories_are_not_near_duplicates() -> None:
    assert jaccard(signature(WIRE, CONFIG), signature(OTHER, CONFIG)) < 0.2


def test_story_index_groups_copies_and_forgets_removed_articles() -> None:
    index = StoryIndex(CONFIG)
    index.add("a", signature(WIRE, CONFIG), "a")
    found = index.match(signature(LIGHT_EDITS[0], CONFIG))
    assert found is not None and found[0] == "a"
    assert index.match(signature(OTHER, CONFIG)) is None
    assert index.match(signature(LIGHT_EDITS[0], CONFIG), exclude={"a"}) is None
    index.remove("a")
    assert index.match(signature(WIRE, CONFIG)) is None


@pytest.mark.parametrize("text, size, expected", [
    ("", 4, set()),
    ("Floods hit Luzon", 4, {b"floods hit luzon"}),
    ("ЯПОНИЯ ОТПРАВИЛА ПОМОЩЬ", 2, {"япония отправила".encode(), "отправила помощь".encode()}),
])
def test_shingles(text: str, size: int, expected: set[bytes]) -> None:
    assert shingles(text, size) == expected


def test_day_window() -> None:
    assert day_window("2019-12-16", 3) == ("2019-12-13", "2019-12-19")
    assert day_window("", 3) == ("", "")


def key(**changes: object) -> MentionKey:
    values: dict[str, object] = {
        "type": "REQUEST", "factual": True, "day": "2019-12-16", "place": "Iraq",
        "country": "IRQ", "actors": frozenset({"name:mark esper", "code:USA/GOV"}),
        "sentence": "Mark Esper asked Iraqi Prime Minister Adel Abdul Mahdi to help stop "
                    "rocket attacks."}
    values.update(changes)
    return MentionKey(**values)  # type: ignore[arg-type]


SAME_CALL = ("Defense Secretary Mark Esper asked Abdul Mahdi in a phone call to help stop the "
             "rocket attacks on bases.")


@pytest.mark.parametrize("other, same", [
    (key(sentence=SAME_CALL, day="2019-12-17"), True),
    (key(sentence=SAME_CALL, place=None, country=None), True),
    (key(sentence=SAME_CALL, actors=frozenset({"code:USA/GOV"})), True),
    (key(sentence=SAME_CALL, day="2019-12-30"), False),
    (key(sentence=SAME_CALL, type="ACCUSE"), False),
    (key(sentence=SAME_CALL, factual=False), False),
    (key(sentence=SAME_CALL, place="Syria", country="SYR"), False),
    (key(sentence=SAME_CALL, actors=frozenset({"name:mike pompeo"})), False),
    (key(sentence="Protesters asked for the resignation of the government in Baghdad."), False),
    # the same people, another request: the sentences share little beyond the names
    (key(sentence="In a letter, Esper urged Abdul Mahdi to buy American fighter jets for the "
                  "air force."), False),
])
def test_match_score(other: MentionKey, same: bool) -> None:
    assert (match_score(key(), other, CONFIG) is not None) is same


def test_text_similarity_ignores_function_words() -> None:
    assert text_similarity("the of and", "the of and") == 0.0
    assert text_similarity("Floods hit Luzon", "floods HIT luzon") == 1.0


def article(article_id: str, text: str, names: list[str]) -> Article:
    entities = [Entity(id=f"e{n}", text=name, label="PERSON", start=text.index(name),
                       end=text.index(name) + len(name)) for n, name in enumerate(names)]
    return Article(id=article_id, text=text, entities=entities, meta=Meta(version="test"))


def test_same_reported_event_rules() -> None:
    ellen = article("e1", "Ellen DeGeneres will host the Oscars next year, the Academy said.",
                    ["Ellen DeGeneres"])
    ellen_again = article("e2", "The Academy picked Ellen DeGeneres to host the Oscars again.",
                          ["Ellen DeGeneres"])
    jackman = article("h1", "Hugh Jackman was named host of the 81st Academy Awards ceremony.",
                      ["Hugh Jackman"])
    assert same_reported_event(ellen, ellen_again, CONFIG) == "participants"
    assert same_reported_event(ellen, jackman, CONFIG) is None
    copy = article("e3", ellen.text, ["Ellen DeGeneres"])
    assert same_reported_event(ellen, copy, CONFIG) == "story"


BLA = frozenset({"name:baloch liberation army"})
ARMY = frozenset({"name:pakistani troops", "code:PAK/MIL"})
TRAIN = frozenset({"name:jaffar express"})


@pytest.mark.parametrize(("source", "target", "other_source", "other_target", "fit"), [
    (BLA, TRAIN, frozenset(), frozenset(), True),      # nothing known on one side
    (BLA, frozenset(), frozenset(), TRAIN, True),      # each role known on one side only
    (BLA, TRAIN, BLA, frozenset(), True),              # the same source
    (BLA, TRAIN, ARMY, frozenset(), False),            # another source
    (BLA, frozenset(), frozenset(), BLA, False),       # crossed, but nothing known crosses
    (BLA, ARMY, ARMY, BLA, True),                      # "A fought B", "B fought A"
])
def test_roles_fit(source: frozenset[str], target: frozenset[str],
                   other_source: frozenset[str], other_target: frozenset[str],
                   fit: bool) -> None:
    """Roles fit when no role known on both sides disagrees; a crossed telling counts only
    when what crosses is known on both sides."""
    left = key(source=source, target=target, actors=source | target)
    right = key(source=other_source, target=other_target, actors=other_source | other_target)
    assert roles_fit(left, right) is fit and roles_fit(right, left) is fit


PAIRS = {("a", "b"): True, ("a", "c"): False, ("b", "c"): False, ("c", "d"): True}


def test_pair_scores_perfect() -> None:
    scores = pair_scores(PAIRS, dict(PAIRS))
    assert scores["precision"] == scores["recall"] == scores["f1"] == scores["accuracy"] == 1.0


def test_pair_scores_empty() -> None:
    assert pair_scores({}, {})["f1"] == 0.0
    nothing = pair_scores(PAIRS, {})
    assert nothing["recall"] == nothing["f1"] == 0.0 and nothing["accuracy"] == 0.5


def test_pair_scores_partial() -> None:
    scores = pair_scores(PAIRS, {("a", "b"): True, ("a", "c"): True})
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5 and scores["f1"] == 0.5


def test_docs_path() -> None:
    assert docs_path(Path("x/ecbplus_dev_doc_pairs.jsonl")).name == "ecbplus_dev_docs.jsonl"


def test_a_text_without_words_has_no_signature() -> None:
    assert signature(" \n\t— …", CONFIG) is None


REPO = Path(__file__).resolve().parents[2]
DEV_PAIRS = REPO.parent / "shared/eval/dev/dedup/ecbplus_dev_doc_pairs.jsonl"


@pytest.mark.dev_data
@pytest.mark.model
@pytest.mark.skipif(not DEV_PAIRS.exists(), reason="needs ../shared/eval/dev")
def test_eval_dedup_runs_on_the_dev_pairs() -> None:
    from eventwire.evaluation import evaluator
    from eventwire.evaluation.common import raw_pipeline

    report = evaluator("dedup")([DEV_PAIRS], raw_pipeline(), 60, 3)
    assert report.n == 60 and 0.0 <= report.metrics["f1"] <= 1.0
    assert report.tables["decisions by rule"][0] == ["rule", "decided same", "right"]


@pytest.mark.parametrize("text", [WIRE, OTHER, "Floods hit Luzon.", "ÉTÉ à Paris — 東京 2024"])
def test_signature_is_datasketchs_minhash_of_the_shingles(text: str) -> None:
    """The signature is computed without datasketch's MinHash object, to the same values."""
    import zlib

    from datasketch import MinHash

    reference = MinHash(num_perm=CONFIG.num_perm, seed=1, scheme="affine32",
                        hashfunc=zlib.crc32)
    reference.update_batch(list(shingles(text, CONFIG.shingle_words)))
    values = signature(text, CONFIG)
    assert values is not None and values.tolist() == reference.hashvalues.tolist()


def test_story_index_reuses_rows_of_removed_articles() -> None:
    def sign(text: str) -> np.ndarray:
        values = signature(text, CONFIG)
        assert values is not None
        return values

    index = StoryIndex(CONFIG)
    for number in range(3):
        index.add(f"a{number}", sign(f"{WIRE} Update number {number}."), "a0")
    index.remove("a1")
    index.add("b", sign(OTHER), "b")
    assert len(index) == 3
    assert index.match(sign(OTHER)) == ("b", 1.0)
    found = index.match(sign(LIGHT_EDITS[2]))
    assert found is not None and found[0] == "a0"


# Two happenings of one kind (two Oscar host announcements, two Indian Navy anti-piracy
# actions): the words of the kind are in every document, the names tell them apart.
OSCARS = [
    "Ellen DeGeneres will host the Oscars next year, the Academy of Motion Picture Arts "
    "announced on Friday.",
    "The Academy picked talk show star Ellen DeGeneres to host the Oscars for a second time.",
    "Hugh Jackman was named host of the Oscars, the Academy said, ending weeks of rumours.",
    "Australian actor Hugh Jackman will host the 81st Oscars ceremony in February.",
]
PIRATES = [
    "The Indian Navy foiled a pirate attack on a merchant ship in the Gulf of Aden on Saturday.",
    "Indian warship INS Tabar sank a suspected pirate mother vessel in the Gulf of Aden.",
    "The Indian Navy said INS Tabar destroyed the pirate mother ship after it opened fire.",
    "Indian navy commandos foiled a pirate attack on a merchant ship, officials said Saturday.",
]


@pytest.mark.parametrize(("texts", "groups"), [
    (OSCARS, [0, 0, 1, 1]),
    (PIRATES, [0, 1, 1, 0]),
    ([OSCARS[0], OSCARS[0]], [0, 0]),
    ([OSCARS[0], ""], [0, 1]),
    ([], []),
])
def test_cluster_documents_groups_a_batch_by_happening(texts: list[str],
                                                        groups: list[int]) -> None:
    # Four long, alike texts give the IDF little to go on: a stricter threshold than the
    # default, which was set on batches of 20 to 40 short documents.
    assert cluster_documents(texts, DedupConfig(document_cluster=0.25)) == groups


def test_cluster_documents_keeps_kinds_of_happening_apart() -> None:
    assert cluster_documents(OSCARS + PIRATES, CONFIG) == [0, 0, 0, 0, 1, 1, 1, 1]


def test_cluster_documents_threshold_decides_how_much_is_joined() -> None:
    assert cluster_documents(OSCARS, DedupConfig(document_cluster=1.01)) == [0, 1, 2, 3]
    assert cluster_documents(OSCARS, DedupConfig(document_cluster=-1.0)) == [0, 0, 0, 0]


def test_batch_vectors_weigh_words_of_every_document_least() -> None:
    vectors = batch_vectors(OSCARS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    vocabulary = sorted(set().union(*(content_words(text) for text in OSCARS)))
    last = dict(zip(vocabulary, vectors[3], strict=True))
    assert 0.0 < last["oscars"] < last["jackman"] < last["australian"]  # in 4, 2 and 1 texts
    assert last["ellen"] == 0.0


def test_average_link_uses_the_mean_not_the_best_link() -> None:
    # 0-1 close, 2 close to 1 but far from 0: single link would chain it in, average does not.
    similarity = np.array([[1.0, 0.9, 0.0], [0.9, 1.0, 0.5], [0.0, 0.5, 1.0]])
    assert average_link(similarity, 0.3) == [0, 0, 1]
    assert average_link(similarity, 0.2) == [0, 0, 0]


SAINTS = [
    "The New Orleans Saints placed running back Reggie Bush on injured reserve on Wednesday.",
    "Reggie Bush will miss the rest of the season after the Saints put him on injured reserve.",
    "The Saints placed running back Pierre Thomas on injured reserve on Wednesday, ending his "
    "season.",
    "Pierre Thomas is headed to injured reserve, the New Orleans Saints said.",
]
SAINTS_PEOPLE = [frozenset({"reggie", "bush"})] * 2 + [frozenset({"pierre", "thomas"})] * 2


@pytest.mark.parametrize(("people", "groups"), [
    (None, [0, 1, 0, 0]),  # the words alone put Bush's first story with Thomas's
    (SAINTS_PEOPLE, [0, 0, 1, 1]),
    ([frozenset()] * 4, [0, 1, 0, 0]),  # nobody named: nothing kept apart
    ([frozenset({"reggie", "bush"})] * 3 + [frozenset({"bush"})], [0, 1, 0, 0]),
])
def test_cluster_documents_keeps_documents_naming_other_people_apart(
        people: list[frozenset[str]] | None, groups: list[int]) -> None:
    config = DedupConfig(document_cluster=0.3, people_apart=0.5)
    assert cluster_documents(SAINTS, config, people) == groups


def test_cluster_documents_wants_people_for_every_text() -> None:
    with pytest.raises(ValueError, match="people for 2 texts"):
        cluster_documents(SAINTS, CONFIG, SAINTS_PEOPLE[:2])


def test_person_words_are_the_words_of_peoples_names() -> None:
    text = "Saints running back Reggie Bush of New Orleans was hurt."
    found = article("b1", text, ["Reggie Bush"])
    found.entities.append(Entity(id="o1", text="New Orleans", label="GPE",
                                 start=text.index("New"), end=text.index("New") + 11))
    assert person_words(found) == frozenset({"reggie", "bush"})

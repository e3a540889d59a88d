"""Actors: tables, the stage on real news phrasings, the worked example, the scorer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.actors.home import settle_home
from eventwire.actors.stage import ActorsStage
from eventwire.actors.tables import match_terms, norm, sectors_of, tables
from eventwire.evaluation.actors import (
    country_correct,
    gold_sector,
    locate,
    score_record,
    summarize,
)
from eventwire.evaluation.common import gold_article
from eventwire.model import Actor, Article, Entity
from eventwire.nlp.entities import EntitiesStage
from eventwire.nlp.parse import ParseStage
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "esper-iraq-rockets.txt"


# -- tables (no model) -----------------------------------------------------------------
def test_tables_cover_the_world() -> None:
    t = tables()
    assert len(set(t.countries_by_iso)) >= 193
    assert len({k.name for k in t.organizations.values()}) >= 200
    assert t.country("the United States") is not None
    assert t.country("U.S.").iso3 == "USA"  # type: ignore[union-attr]
    assert t.country("us") is None  # short keys need their capitalisation
    assert t.demonym("Iraqis").iso3 == "IRQ"  # type: ignore[union-attr]
    assert t.capital("Tehran").iso3 == "IRN"  # type: ignore[union-attr]
    assert t.institution("the Kremlin").country == "RUS"  # type: ignore[union-attr]
    assert t.organization("OIR").name == "Operation Inherent Resolve"  # type: ignore[union-attr]
    assert t.person("Putin").country == "RUS"  # type: ignore[union-attr]


@pytest.mark.parametrize(("title", "sectors", "country"), [
    ("Secretary of Defense", ["GOV", "MIL"], "USA"),
    ("Secretary of State", ["GOV"], "USA"),
    ("Prime Minister", ["GOV"], None),
    ("Defence Secretary", ["GOV", "MIL"], "GBR"),
    ("U.N. Secretary-General", ["GOV"], None),
    ("rebel leaders", ["REB"], None),
    ("riot police", ["COP"], None),
    ("lawmakers", ["LEG"], None),
])
def test_title_sectors(title: str, sectors: list[str], country: str | None) -> None:
    t = tables()
    words = [w.lower() for w in title.split()]
    found, implied = sectors_of(match_terms(words, t.terms, t.longest_term))
    assert found == sectors
    assert implied == country


@pytest.mark.parametrize(("raw", "key"), [
    ("the Pentagon", "pentagon"), ("Abdul Mahdi’s", "abdul mahdi"), ("  The  U.S. ", "u.s."),
    ("Forces’", "forces"),
])
def test_norm(raw: str, key: str) -> None:
    assert norm(raw) == key


# -- the stage (model) ---------------------------------------------------------------
@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings().override(clean=False),
                    stages=[ParseStage, EntitiesStage, ActorsStage])


def run(pipeline: Pipeline, text: str) -> Article:
    article = pipeline.process(gold_article("t", text, "2019-12-17"))
    assert article.meta.failure is None, article.meta.failure
    return article


def actor_at(article: Article, words: str, nth: int = 0) -> Actor | None:
    """The actor of the entity covering the nth occurrence of `words`."""
    found = list(re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", article.text))
    start, end = found[nth].span()
    best: Entity | None = None
    for entity in article.entities:
        if entity.actor and entity.start < end and start < entity.end:
            shared = min(end, entity.end) - max(start, entity.start)
            if best is None or shared > min(end, best.end) - max(start, best.start):
                best = entity
    if best is None:
        return None
    return next(a for a in article.actors if a.id == best.actor)


def check_consistency(article: Article) -> None:
    ids = {e.id for e in article.entities}
    assert len(ids) == len(article.entities)
    actors = {a.id for a in article.actors}
    for entity in article.entities:
        assert entity.actor is None or entity.actor in actors
        assert article.text[entity.start:entity.end] == entity.text
    for actor in article.actors:
        assert actor.mentions and set(actor.mentions) <= ids


CASES = [
    # sentence, words, kind, country, sector (or None), title
    ("Russian President Vladimir Putin met German Chancellor Angela Merkel on Tuesday.",
     "Vladimir Putin", "person", "RUS", "GOV", "President"),
    ("Russian President Vladimir Putin met German Chancellor Angela Merkel on Tuesday.",
     "Angela Merkel", "person", "DEU", "GOV", "Chancellor"),
    ("Washington said it would impose new sanctions, while Tehran warned of retaliation.",
     "Washington", "organization", "USA", "GOV", None),
    ("Washington said it would impose new sanctions, while Tehran warned of retaliation.",
     "Tehran", "organization", "IRN", "GOV", None),
    ("The Kremlin rejected the accusation, and the White House declined to comment.",
     "Kremlin", "organization", "RUS", "GOV", None),
    ("Hezbollah and Hamas praised the attack, while NATO condemned it.",
     "Hezbollah", "group", "LBN", "REB", None),
    ("Hezbollah and Hamas praised the attack, while NATO condemned it.",
     "NATO", "organization", None, "IGO", None),
    ("Taliban fighters attacked a checkpoint in Kandahar province, killing four policemen.",
     "policemen", "group", None, "COP", None),
    ("Protesters clashed with riot police outside parliament in Nairobi.",
     "Protesters", "group", None, "CVL", None),
    ("Turkish troops shelled positions held by Kurdish militants in northern Syria.",
     "Turkish troops", "group", "TUR", "MIL", None),
    ("Iraq's prime minister met Iranian officials in Baghdad.",
     "Iranian officials", "group", "IRN", "GOV", None),
    ("Lawmakers in Kenya's parliament approved the budget.",
     "Lawmakers", "group", "KEN", "LEG", None),
    ("The Nigerian army said its troops had killed 20 insurgents.",
     "Nigerian army", "organization", "NGA", "MIL", None),
    ("A spokesman for the Pentagon said the strike killed a senior al-Shabaab commander.",
     "al-Shabaab", "group", "SOM", "REB", None),
    ("Secretary of State Mike Pompeo warned Iran and its leaders of a decisive U.S. response.",
     "Mike Pompeo", "person", "USA", "GOV", "Secretary of State"),
    ("Secretary of State Mike Pompeo warned Iran and its leaders of a decisive U.S. response.",
     "Iran", "country", "IRN", None, None),
    ("U.N. Secretary-General Kofi Annan urged Iraq to comply with the resolutions.",
     "Kofi Annan", "person", None, "IGO", "Secretary-General"),
    ("Some 800,000 Iraqi Kurds sought refuge in Germany last month.",
     "Iraqi Kurds", "group", "IRQ", "CVL", None),
    ("Radical French farmers said on Friday they would blockade Paris.",
     "French farmers", "group", "FRA", "AGR", None),
    ("Journalists from Reuters and the Associated Press were detained by police.",
     "Reuters", "organization", "GBR", "JRN", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "words", "kind", "country", "sector", "title"), CASES)
def test_actor_coding(pipeline: Pipeline, sentence: str, words: str, kind: str,
                      country: str | None, sector: str | None, title: str | None) -> None:
    article = run(pipeline, sentence)
    check_consistency(article)
    actor = actor_at(article, words)
    assert actor is not None, f"no actor for {words!r}"
    assert actor.kind == kind
    assert actor.country == country
    if sector is not None:
        assert sector in actor.sectors
    if title is not None:
        assert actor.title == title


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "name", "title_words", "name_words"), [
    ("Gen. Mark Milley, chairman of the Joint Chiefs of Staff, briefed reporters.",
     "Mark Milley", "chairman of the Joint Chiefs of Staff", "Mark Milley"),
    ("The head of the International Atomic Energy Agency, Rafael Grossi, visited the plant.",
     "Rafael Grossi", "head", "Rafael Grossi"),
    ("Mark Esper, the defense secretary, told reporters he had spoken with Baghdad.",
     "Mark Esper", "he", "Mark Esper"),
    ("Prime Minister Boris Johnson said Britain would send troops. Johnson said he was sure.",
     "Boris Johnson", "Johnson", "Boris Johnson"),
])
def test_appositions_and_coreference(pipeline: Pipeline, sentence: str, name: str,
                                     title_words: str, name_words: str) -> None:
    article = run(pipeline, sentence)
    named = actor_at(article, name_words)
    assert named is not None and named.name == name
    assert actor_at(article, title_words, title_words == "Johnson") == named


@pytest.mark.model
def test_gender_keeps_pronouns_apart(pipeline: Pipeline) -> None:
    article = run(pipeline, "Mr. Smith met Ms. Jones in Paris. She said the talks went well.")
    jones = actor_at(article, "Jones")
    assert jones is not None
    assert actor_at(article, "She") == jones


@pytest.mark.model
def test_iran_backed_militias(pipeline: Pipeline) -> None:
    article = run(pipeline, "Iran-backed militias are believed to be behind a number of the "
                            "attacks on U.S. bases in Iraq.")
    militias = actor_at(article, "militias")
    assert militias is not None and militias.kind == "group"
    assert militias.backer == "IRN" and militias.sectors == ["UAF"]
    iran = actor_at(article, "Iran")
    assert iran is not None and iran.kind == "country" and iran.country == "IRN"


HOME_STORY = ("Pakistan said on Tuesday that its troops had freed the train. Pakistani officials "
              "blamed Afghanistan. Pakistan has seen many attacks. ")


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "country"), [
    # a story that names its country three times: its unnamed groups and people are of it
    (HOME_STORY + "Security forces killed 33 militants.", "Security forces", "PAK"),
    (HOME_STORY + "Security forces killed 33 militants.", "militants", "PAK"),
    (HOME_STORY + "Mahrang Baloch said the strikes would go on.", "Mahrang Baloch", "PAK"),
    # an organisation the tables do not know is of the story's country; a table's is not
    (HOME_STORY + "Hewlett Packard pulled its support.", "Hewlett Packard", "PAK"),
    (HOME_STORY + "Islamic State claimed the attack.", "Islamic State", None),
    # backed by another state, other states' governments: not of the story's country
    (HOME_STORY + "Iran-backed militias fired rockets.", "militias", None),
    (HOME_STORY + "Other governments sent aid.", "Other governments", None),
    # faiths cross borders
    (HOME_STORY + "Muslim clerics condemned the attack.", "Muslim clerics", None),
    # one mention of a country settles nothing
    ("Pakistan said security forces killed 33 militants.", "militants", None),
    # a home that holds under 60% of the country mentions codes unnamed groups, not people
    (HOME_STORY + "China and Hong Kong jailed Jimmy Lai. China detained protesters.",
     "Jimmy Lai", None),
])
def test_settled_home_country(pipeline: Pipeline, text: str, words: str,
                              country: str | None) -> None:
    article = run(pipeline, text)
    settle_home(article)
    actor = actor_at(article, words)
    assert actor is not None and actor.country == country


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "name"), [
    # the table's name is G7; the article spells it out
    ("Top diplomats from the Group of Seven met in Quebec. The G7 urged Russia to accept "
     "a ceasefire.", "G7", "Group of Seven"),
    ("NATO allies met in Brussels on Friday.", "NATO", "NATO"),
    # the entity stops short of the table's name ("Group of" + "Seven")
    ("Top diplomats from the Group of Seven leading democracies urged Russia on Friday to "
     "accept a ceasefire.", "Group of", "Group of Seven"),
    ("The North Atlantic Treaty Organization (NATO) said NATO would send more troops.",
     "NATO", "North Atlantic Treaty Organization"),
])
def test_table_organisation_named_as_spelled(pipeline: Pipeline, text: str, words: str,
                                             name: str) -> None:
    actor = actor_at(run(pipeline, text), words, nth=-1)
    assert actor is not None and actor.name == name


@pytest.mark.model
def test_pronouns_resolve_to_the_speaker(pipeline: Pipeline) -> None:
    article = run(pipeline, "French President Emmanuel Macron said he would visit Beirut. "
                            "He said France stood with Lebanon.")
    macron = actor_at(article, "Emmanuel Macron")
    assert macron is not None
    assert actor_at(article, "he") == macron
    assert actor_at(article, "He") == macron
    pronouns = [e for e in article.entities if e.label == "PRONOUN"]
    assert len(pronouns) == 2


@pytest.mark.model
def test_worked_example(pipeline: Pipeline) -> None:
    article = run(pipeline, EXAMPLE.read_text(encoding="utf-8"))
    check_consistency(article)
    esper = actor_at(article, "Mark Esper")
    assert esper is not None and esper.country == "USA" and esper.sectors == ["GOV", "MIL"]
    assert esper.title == "Secretary of Defense"
    for nth in range(3):
        assert actor_at(article, "Esper", nth + 1) == esper
    mahdi = actor_at(article, "Adel Abdul Mahdi")
    assert mahdi is not None and (mahdi.country, mahdi.sectors) == ("IRQ", ["GOV"])
    assert actor_at(article, "Abdul Mahdi", 2) == mahdi
    assert actor_at(article, "Iraqi prime minister") == mahdi
    office = actor_at(article, "Abdul Mahdi’s office")
    assert office is not None and office.kind == "organization" and office.country == "IRQ"
    assert actor_at(article, "office", 0) == office
    pompeo = actor_at(article, "Mike Pompeo")
    assert pompeo is not None and pompeo.country == "USA" and "GOV" in pompeo.sectors
    assert actor_at(article, "Pompeo", 1) == pompeo
    pentagon = actor_at(article, "Pentagon")
    assert pentagon is not None and (pentagon.country, pentagon.sectors) == ("USA", ["MIL"])
    militias = actor_at(article, "Iran-backed militias")
    assert militias is not None and militias.backer == "IRN"
    assert actor_at(article, "Iran-backed militias", 1) == militias
    oir = actor_at(article, "Operation Inherent Resolve")
    assert oir is not None and actor_at(article, "OIR") == oir == actor_at(article, "OIR", 1)
    isf = actor_at(article, "Iraqi Security Forces")
    assert isf is not None and isf.country == "IRQ" and {"MIL", "COP"} <= set(isf.sectors)
    lawmakers = actor_at(article, "Lawmakers")
    assert lawmakers is not None and (lawmakers.country, lawmakers.sectors) == ("USA", ["LEG"])
    assert actor_at(article, "lawmakers") == lawmakers
    reuters = actor_at(article, "Reuters")
    assert reuters is not None and reuters.sectors == ["JRN"]
    times = actor_at(article, "Military Times")
    assert times is not None and (times.country, times.sectors) == ("USA", ["JRN"])
    iran = actor_at(article, "Iran", 1)
    assert iran is not None and iran.kind == "country" and iran.country == "IRN"
    usa = actor_at(article, "the United States")
    assert usa is not None and usa.country == "USA" and actor_at(article, "U.S.", 0) == usa


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "",
    "PRESIDENT JOE BIDEN SAID THE UNITED STATES WOULD SEND MORE TROOPS TO EUROPE.",
    "the prime minister said he would resign. she disagreed. they protested.",
    " ".join(["Abdul"] * 300) + " said he was leaving.",
    "Ｔｏｋｙｏ 🇯🇵 — the Ministry of Défense said “ok” \u200b\u200b to Iran‐backed groups.",
    "He said it. They agreed. Its forces left.",
])
def test_bad_input_never_crashes(pipeline: Pipeline, text: str) -> None:
    article = run(pipeline, text)
    check_consistency(article)


# -- the scorer (no model) -----------------------------------------------------------
def scored_article(text: str, mentions: list[tuple[str, str | None, list[str]]]) -> Article:
    """An article whose actors mention the given words with the given codes."""
    article = gold_article("s", text, None)
    for number, (words, country, sectors) in enumerate(mentions, start=1):
        start = text.index(words)
        article.entities.append(Entity(id=f"e{number}", text=words, label="X", start=start,
                                       end=start + len(words), actor=f"a{number}"))
        article.actors.append(Actor(id=f"a{number}", name=words, kind="group",
                                    country=country, sectors=sectors, mentions=[f"e{number}"]))
    return article


RECORD = {
    "text": "U.S. negotiators and Russian diplomats met U.N. officials and Hungarian police.",
    "gold": {
        "source": [{"text": "U.S. negotiators", "code": "USA", "sector": "GOV"},
                   {"text": "Russian diplomats", "code": "RUS", "sector": "GOVrus"}],
        "target": [{"text": "U.N. officials", "code": "IGO", "sector": None},
                   {"text": "Hungarian police", "code": "HUN", "sector": "COP"}],
    },
}


def test_scorer_perfect_prediction_scores_one() -> None:
    article = scored_article(RECORD["text"], [  # type: ignore[arg-type]
        ("U.S. negotiators", "USA", ["GOV"]), ("Russian diplomats", "RUS", ["GOV"]),
        ("U.N. officials", None, ["IGO", "GOV"]), ("Hungarian police", "HUN", ["COP"])])
    metrics = summarize(score_record(RECORD, article))
    assert metrics["country"] == metrics["sector"] == metrics["coverage"] == 1.0
    assert metrics["source_country"] == metrics["target_sector"] == 1.0


def test_scorer_empty_prediction_scores_zero() -> None:
    article = scored_article(RECORD["text"], [])  # type: ignore[arg-type]
    metrics = summarize(score_record(RECORD, article))
    assert metrics["country"] == metrics["sector"] == metrics["coverage"] == 0.0
    assert metrics["n"] == 4.0


def test_scorer_wrong_codes() -> None:
    article = scored_article(RECORD["text"], [  # type: ignore[arg-type]
        ("Russian diplomats", "USA", ["MIL"]), ("Hungarian police", "HUN", ["MIL"])])
    outcomes = score_record(RECORD, article)
    metrics = summarize(outcomes)
    assert metrics["coverage"] == 0.5
    assert metrics["country"] == 0.25
    assert metrics["country_matched"] == 0.5
    assert metrics["sector"] == 0.0


@pytest.mark.parametrize(("text", "wanted", "span"), [
    ("U.S. and Russian negotiators met", "U.S. ... negotiators", (0, 28)),
    ("Hundreds of thousands of people blocked streets in Hong Kong", "people .. in Hong Kong",
     (25, 60)),
    ("Iraqi Kurds fled", "iraqi kurds", (0, 11)),
    ("nothing here", "Iran", None),
])
def test_locate(text: str, wanted: str, span: tuple[int, int] | None) -> None:
    assert locate(text, wanted) == span


@pytest.mark.parametrize(("raw", "code"), [
    ("REBalb", "REB"), ("JRNCHR", "JRN"), ("MED", "HLH"), ("CIV", "CVL"), ("***", None),
    (None, None), ("GOV", "GOV"),
])
def test_gold_sector(raw: str | None, code: str | None) -> None:
    assert gold_sector(raw) == code


def test_country_conventions() -> None:
    un = Actor(id="a1", name="United Nations", kind="organization", sectors=["IGO"])
    qaeda = Actor(id="a2", name="al-Qaeda", kind="group", sectors=["REB"])
    italy = Actor(id="a3", name="Italy", kind="country", country="ITA")
    assert country_correct("IGO", un) and not country_correct("IGO", qaeda)
    assert country_correct("IMG", qaeda)
    assert country_correct("ITL", italy) and country_correct("ITA", italy)
    assert not country_correct("USA", None)

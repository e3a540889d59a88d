"""Events stage: the PLOVER lexicon row by row on real-style news sentences, actors, modality,
dates, attribution and robustness. Sentences are written for these tests (news phrasings)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import process_text, sentence_pipeline

from eventwire.errors import ConfigError
from eventwire.evaluation.common import gold_article
from eventwire.events.lexicon import load_lexicon, parse_rows
from eventwire.events.stage import EventsStage
from eventwire.model import EVENT_TYPES, Article, Event
from eventwire.pipeline.registry import STAGES
from eventwire.pipeline.runner import Pipeline

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "esper-iraq-rockets.txt"


@pytest.fixture(scope="module")
def pipeline(sentences: Pipeline) -> Pipeline:
    return sentences


def run(pipeline: Pipeline, text: str, published: str = "2019-12-17") -> Article:
    return process_text(pipeline, text, published)


def top(article: Article) -> Event:
    live = [e for e in article.events if not e.negated]
    assert live, f"no event in {article.text!r}"
    return max(live, key=lambda e: e.confidence)


# ---- the lexicon file -------------------------------------------------------------------

def test_lexicon_rows_are_valid() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.entries) > 300
    coded = {e.type for e in lexicon.entries if e.type}
    assert coded == set(EVENT_TYPES)
    for entry in lexicon.entries:
        if entry.role in {"event", "control", "intent"}:
            assert entry.type in EVENT_TYPES and 0 < entry.weight <= 1, entry


def test_lexicon_has_no_duplicate_patterns() -> None:
    seen: set[tuple[str, tuple[str, ...], str, str | None]] = set()
    for entry in load_lexicon().entries:
        # mode cue rows are per type ("missile": heavy-weapons for ASSAULT, military for AID)
        key = (entry.kind, entry.words, entry.role, entry.type if entry.kind == "mode" else None)
        assert key not in seen, entry
        seen.add(key)


@pytest.mark.parametrize("row", [
    "verb\tattack\tASSAULT\t-\t-\t0.9",
    "verb\tattack\tWAR\t-\t-\t0.9\tevent",
    "verb\tattack\tASSAULT\t-\t-\tstrong\tevent",
    "tree\tattack\tASSAULT\t-\t-\t0.9\tevent",
])
def test_bad_lexicon_rows_are_config_errors(row: str) -> None:
    with pytest.raises(ConfigError):
        parse_rows(row)


# ---- row by row: (sentence, type, mode or None) -----------------------------------------

ROWS = [
    ("Defense Minister Ali Hassan asked the United Nations to send more peacekeepers.",
     "REQUEST", None),
    ("The European Union urged Belgrade to release the detained journalists.", "REQUEST", None),
    ("The opposition party called on the government to hold early elections.", "REQUEST", None),
    ("Protesters demanded that the mayor resign.", "REQUEST", None),
    ("The foreign minister warned Pyongyang of a firm response.", "THREATEN", None),
    ("The rebel commander threatened to attack the capital.", "THREATEN", "violence"),
    ("The president threatened to ban the opposition newspaper.", "THREATEN", "ban"),
    ("Militants fired rockets at the air base on Sunday.", "ASSAULT", "heavy-weapons"),
    ("A rocket attack on the base wounded two soldiers.", "ASSAULT", "heavy-weapons"),
    ("Army artillery shelled rebel positions near the border.", "ASSAULT", "heavy-weapons"),
    ("Gunmen shot dead a police officer in the city centre.", "ASSAULT", "firearms"),
    ("A suicide bombing at the market killed 12 people.", "ASSAULT", "suicide-attack"),
    ("Witnesses said an airstrike hit the militia headquarters.", "ASSAULT", "aerial"),
    ("Insurgents kidnapped three aid workers on the highway.", "ASSAULT", "abduct"),
    ("The secretary of state held talks with his Turkish counterpart.", "CONSULT", None),
    ("The chancellor met the French president in Berlin.", "CONSULT", None),
    ("The prime minister visited Tokyo on Tuesday.", "CONSULT", "visit"),
    ("The two leaders spoke in a phone call on Monday.", "CONSULT", "phone"),
    ("Washington imposed sanctions on the country's central bank.", "SANCTION", None),
    ("The government expelled two Russian diplomats.", "SANCTION", "expel"),
    ("The union suspended aid deliveries to the region.", "SANCTION", None),
    ("Thousands of students protested against the tuition increase.", "PROTEST", "demo"),
    ("Farmers staged a rally outside parliament.", "PROTEST", "demo"),
    ("Prisoners began a hunger strike on Monday.", "PROTEST", "strike-hun"),
    ("Demonstrators blocked roads leading to the airport.", "PROTEST", "obstruct"),
    ("Police arrested 40 opposition activists in the capital.", "COERCE", "arrest"),
    ("Security forces detained the editor of the weekly newspaper.", "COERCE", "arrest"),
    ("The government imposed a curfew on the northern province.", "COERCE", "curfew"),
    ("The junta banned the main opposition party.", "COERCE", "ban"),
    ("The minister accused the neighbouring state of harbouring rebels.", "ACCUSE", None),
    ("The United Nations condemned the killing of civilians.", "ACCUSE", None),
    ("Prosecutors are investigating the former minister.", "ACCUSE", None),
    ("The parliament rejected the peace proposal.", "REJECT", None),
    ("The rebels refused to hand over their weapons.", "REJECT", None),
    ("The council vetoed the draft resolution.", "REJECT", None),
    ("The two countries agreed to resume direct flights.", "AGREE", None),
    ("The company signed a deal with the government.", "SUPPORT", None),
    ("The government promised to release political prisoners.", "AGREE", None),
    ("Hungarian Prime Minister Viktor Orban pledged his full support for the initiative.",
     "SUPPORT", None),
    ("The ambassador promised Washington's support for efforts to expand the economy.",
     "SUPPORT", None),
    ("Japan donated medical supplies to the earthquake victims.", "AID", None),
    ("Germany gave 352.5 million euros to promote private investment in Ethiopia.", "AID",
     "economic"),
    ("Kosovo is sending peacekeepers to Kuwait.", "AID", "military"),
    ("NATO troops remained on alert Sunday in Bosnian Serb territory.", "MOBILIZE", "troops"),
    ("Israel's air force carried out strikes Friday evening against Hamas targets.", "ASSAULT",
     None),
    ("A Saudi-led strike on a Yemeni school bus left dozens dead.", "ASSAULT", None),
    ("Workers launched a general strike on Monday.", "PROTEST", "strike-gen"),
    ("The United States reduced military aid to Argentina by $17 million.", "SANCTION",
     "withdraw"),
    ("The army violated the ceasefire along the Line of Control.", "ASSAULT", None),
    ("The European Commission has launched legal action against the Polish government.",
     "ACCUSE", None),
    ("The government has ordered an investigation against the bank.", "ACCUSE", None),
    ("The court granted the agency permission to hold the publisher.", "CONCEDE", None),
    ("The Syrian government gave approval for the convoy to enter the town.", "CONCEDE", None),
    ("The World Food Programme delivered food aid to the refugees.", "AID", None),
    ("The government withdrew its troops from the disputed region.", "RETREAT", "withdraw"),
    ("The kidnappers released the two hostages on Friday.", "CONCEDE", None),
    ("The interior minister resigned after the scandal.", "RETREAT", "resign"),
    ("The two armies held a joint exercise in the desert.", "COOPERATE", None),
    ("The island nation extradited the fugitive banker.", "COOPERATE", None),
    ("The president praised the peace agreement.", "SUPPORT", None),
    ("The government lifted the curfew in the capital.", "CONCEDE", None),
    ("The army deployed troops along the border.", "MOBILIZE", "troops"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "expected", "mode"), ROWS)
def test_lexicon_rows_code_real_sentences(pipeline: Pipeline, sentence: str, expected: str,
                                          mode: str | None) -> None:
    event = top(run(pipeline, sentence))
    assert event.type == expected, (sentence, event)
    if mode is not None:
        assert event.mode == mode, (sentence, event)


# ---- actors ------------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize(("sentence", "source", "target"), [
    ("Syrian troops attacked the rebel-held town.", "Syrian troops", "rebel-held town"),
    ("The convoy was attacked by Taliban fighters.", "Taliban", "convoy"),
    ("The call from the foreign minister came late on Monday.", "foreign minister", None),
    ("Iran's attack on the tanker drew condemnation.", "Iran", "tanker"),
    ("Militants carried out attacks on U.S. bases.", "Militants", "U.S. bases"),
])
def test_source_and_target(pipeline: Pipeline, sentence: str, source: str,
                           target: str | None) -> None:
    article = run(pipeline, sentence)
    event = next(e for e in article.events if e.type in {"ASSAULT", "CONSULT"})
    assert event.source is not None and source in event.source.text
    if target is not None:
        assert event.target is not None and target in event.target.text
    for mention in (event.source, event.target):
        if mention is not None:
            assert article.text[mention.start:mention.end] == mention.text


def _country(article: Article, actor_id: str | None) -> str | None:
    return next((a.country for a in article.actors if a.id == actor_id), None)


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "source", "target", "target_country"), [
    # the source's own borders are not the target; the partner is
    ("Russia closed its borders with Georgia on Monday.", "Russia", "Georgia", "GEO"),
    # the target of a strike is what it protests
    ("About 300 prisoners began a hunger strike on Monday to protest Sweden's decision to "
     "deport them.", "prisoners", "Sweden", "SWE"),
    ("Thousands of people blocked roads in defiance of Chinese authorities.", "Thousands",
     "Chinese authorities", "CHN"),
    # a threat is aimed at whoever must meet its condition
    ("Iran threatened to launch a new offensive unless Baghdad accepted its conditions.",
     "Iran", "Baghdad", "IRQ"),
    # a passive arrest with no agent: the authorities of the country where it happened
    ("A British journalist was arrested in Iran on Friday.", "Iran", "British journalist",
     "GBR"),
    # the troops withdrawn are the source's own; the place left is the target
    ("The army withdrew its troops from Lebanon.", "army", "Lebanon", "LBN"),
    # "fire" is part of the trigger, not its target; the purpose names it
    ("Egyptian police opened fire to disperse the protesters.", "Egyptian police",
     "protesters", None),
    # an event noun subject stands for its source
    ("The attacks by Syrian troops killed five civilians.", "Syrian troops", "civilians", None),
])
def test_roles_of_the_top_event(pipeline: Pipeline, sentence: str, source: str, target: str,
                                target_country: str | None) -> None:
    article = run(pipeline, sentence)
    event = top(article)
    assert event.source is not None and source in event.source.text, event
    assert event.target is not None and target in event.target.text, event
    if target_country is not None:
        assert _country(article, event.target.actor) == target_country, event


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "country"), [
    ("Officials of the Syrian government condemned the attack.", "SYR"),
    # "Iran-backed" says who backs the militias, not who they are
    ("Iran-backed militias attacked the base on Sunday.", None),
])
def test_source_country_from_the_phrase(pipeline: Pipeline, sentence: str,
                                        country: str | None) -> None:
    article = run(pipeline, sentence)
    event = top(article)
    assert event.source is not None
    assert _country(article, event.source.actor) == country, event


@pytest.mark.model
def test_coordinated_source_is_one_event(pipeline: Pipeline) -> None:
    article = run(pipeline, "France and Germany condemned the coup in Niger.")
    accuse = [e for e in article.events if e.type == "ACCUSE"]
    assert len(accuse) == 1
    assert accuse[0].source is not None and accuse[0].source.text == "France"
    assert [m.text for m in accuse[0].sources_also] == ["Germany"]


# ---- modality ----------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize(("sentence", "modality"), [
    ("The militia denied attacking the convoy.", "negated"),
    ("The army did not attack the village.", "negated"),
    ("Militants are believed to be behind the attacks.", "reported_belief"),
    ("The minister will ask parliament for more funds.", "future"),
    ("If the talks fail, the rebels could attack the city.", "conditional"),
])
def test_modality(pipeline: Pipeline, sentence: str, modality: str) -> None:
    article = run(pipeline, sentence)
    assert any(e.modality == modality for e in article.events), article.events
    for event in article.events:
        assert event.negated == (event.modality == "negated")


@pytest.mark.model
def test_denied_attack_is_not_an_asserted_assault(pipeline: Pipeline) -> None:
    article = run(pipeline, "The militia denied attacking the convoy.")
    assert not [e for e in article.events if e.type == "ASSAULT" and not e.negated]


@pytest.mark.model
def test_future_cooperation_is_agree_and_future_conflict_threaten(pipeline: Pipeline) -> None:
    assert top(run(pipeline, "The rebels said they will release the hostages.")).type == "AGREE"
    assert top(run(pipeline, "The farmers said they would blockade the capital.")).type \
        == "THREATEN"
    assert top(run(pipeline, "Syria says it will not accept more refugees.")).type == "REJECT"


# ---- links: counts, place, attribution -----------------------------------------------------

@pytest.mark.model
def test_casualty_and_arrest_figures(pipeline: Pipeline) -> None:
    article = run(pipeline, "A suicide bomber killed 12 people and wounded 30 others at a "
                            "market in Baghdad on Sunday, police said. Police arrested five "
                            "suspects in Mosul.")
    killed = next(e for e in article.events if e.trigger.text == "killed")
    assert killed.killed == 12 and killed.count is not None
    assert killed.date is not None and killed.date.value == "2019-12-15"
    assert killed.reported_by is not None and killed.reported_by.text == "police"
    # one bombing: "killed ... and wounded" are two mentions of one event (events/merge.py)
    wounded = next(e for e in article.events
                   if any(m.trigger.text == "wounded" for m in e.mentions))
    assert wounded.injured == 30 and wounded.killed == 12
    arrest = next(e for e in article.events if e.type == "COERCE")
    assert arrest.arrested == 5
    # no date of its own: the previous sentence's (events/dates.py)
    assert arrest.date is not None and arrest.date.value == "2019-12-15"


@pytest.mark.model
def test_quote_speaker_is_reported_by(pipeline: Pipeline) -> None:
    article = run(pipeline, "\u201cWe will not negotiate with terrorists,\u201d the interior "
                            "minister said on Friday.")
    events = [e for e in article.events if e.type == "REJECT"]
    assert events and events[0].reported_by is not None
    assert "minister" in events[0].reported_by.text


# ---- the worked example --------------------------------------------------------------------

@pytest.fixture(scope="module")
def rules_only() -> Pipeline:
    """Every candidate the rules find, as the rules coded it (no learned decision)."""
    return sentence_pipeline(event_decision=False)


@pytest.mark.model
def test_worked_example(rules_only: Pipeline) -> None:
    article = run(rules_only, EXAMPLE.read_text(encoding="utf-8"))
    by_type: dict[str, list[Event]] = {}
    for event in article.events:
        by_type.setdefault(event.type, []).append(event)
    request = by_type["REQUEST"][0]
    assert request.trigger.text == "asked"
    assert request.source is not None and "Esper" in request.source.text
    assert request.target is not None and "Abdul Mahdi" in request.target.text
    assert request.date is not None and request.date.value == "2019-12-16"
    phone = [e for e in by_type["CONSULT"] if e.mode == "phone"]
    assert phone and phone[0].date is not None and phone[0].date.value == "2019-12-16"
    # "believed to be behind the attacks": merged with the attacks told as fact (asserted)
    belief = [e for e in by_type["ASSAULT"] if e.source is not None
              and "militias" in e.source.text and e.modality in {"reported_belief", "asserted"}]
    assert belief and belief[0].source is not None and "militias" in belief[0].source.text
    counted = [e for e in by_type["ASSAULT"] if e.count is not None]
    assert any(article.counts[0].id == e.count for e in counted)
    assert belief[0].count is not None  # "the attacks" are the ten attacks counted before
    # the later "the call" mentions are mentions of the one phone-call event (events/merge.py)
    later_call = next(e for e in phone if any(m.trigger.text == "call" for m in e.mentions))
    assert later_call.source is not None and "Esper" in later_call.source.text
    assert later_call.date is not None and later_call.date.value == "2019-12-16"
    pompeo = [e for e in by_type["THREATEN"] if e.source and "Pompeo" in e.source.text]
    assert pompeo and any(e.date is not None and e.date.value == "2019-12-13" for e in pompeo)
    assert any(e.date is not None and e.date.value == "2019-12-11"
               for e in by_type["THREATEN"])
    bio = article.text.index("Shawn Snow")
    assert not [e for e in article.events if e.trigger.start >= bio]
    for event in article.events:
        assert article.text[event.trigger.start:event.trigger.end] == event.trigger.text
        assert 0.0 <= event.confidence <= 1.0


@pytest.mark.model
def test_worked_example_as_decided(pipeline: Pipeline) -> None:
    """What survives the decision: one phone call and one series of rocket attacks, each
    with its mentions, and the warning to Iran (issue 21's worked example)."""
    article = run(pipeline, EXAMPLE.read_text(encoding="utf-8"))
    calls = [e for e in article.events if e.type == "CONSULT"]
    assert len(calls) == 1 and calls[0].mode == "phone" and len(calls[0].mentions) > 1
    assert calls[0].source is not None and "Esper" in calls[0].source.text
    attacks = [e for e in article.events if e.type == "ASSAULT"]
    assert len(attacks) == 1 and len(attacks[0].mentions) > 1
    assert any(e.type == "THREATEN" and e.target is not None and "Iran" in e.target.text
               for e in article.events)
    bio = article.text.index("Shawn Snow")
    assert not [e for e in article.events if e.trigger.start >= bio]


# ---- robustness ----------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "REBELS ATTACKED THE CAPITAL AND POLICE ARRESTED HUNDREDS OF PROTESTERS ON MONDAY.",
    "Ⓐ 🚀 ‮attack‬ ¿¿ —— ####",
    "The " + "very " * 400 + "long sentence about an attack.",
    "Minister " + "Abcdefghijklmnopqrstuvwxyz" * 20 + " condemned the attack.",
])
def test_bad_input_never_crashes(pipeline: Pipeline, text: str) -> None:
    article = pipeline.process(gold_article("t", text, None))
    assert article.meta.failure is None
    for event in article.events:
        assert article.text[event.trigger.start:event.trigger.end] == event.trigger.text


def test_stage_contract() -> None:
    assert EventsStage.assigns == ("events", "event_features")
    assert "attributions" in EventsStage.requires
    assert STAGES[-1] is EventsStage


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Floods killed at least 31 people on the island of Luzon on Monday.", []),
        ("Dozens of people were killed by the earthquake in eastern Turkey.", []),
        ("Gunmen killed at least 31 people on the island of Luzon on Monday.", ["ASSAULT"]),
        ("Japan sent relief supplies to the Philippines after floods killed at least 31 "
         "people on Luzon.", ["AID"]),
        ("Clashes spread after militants killed 12 soldiers near the border.",
         ["ASSAULT", "ASSAULT"]),
    ],
)
def test_natural_hazards_are_not_actors(pipeline: Pipeline, text: str, types: list[str]) -> None:
    assert [e.type for e in run(pipeline, text).events] == types


def test_entity_index_is_never_reused_for_another_article() -> None:
    from eventwire.model import Entity, Meta
    from eventwire.nlp.mentions import entity_index

    def article(name: str) -> Article:
        return Article(id=name, text=f"{name} spoke.", meta=Meta(version="test"),
                       entities=[Entity(id="e1", text=name, start=0, end=len(name),
                                        label="PERSON", actor=None)])

    for name in ("Esper", "Pompe", "Mahdi"):
        current = article(name)
        found = entity_index(current).at(0, len(name))
        assert found is not None and found.text == name


@pytest.mark.model
def test_worked_example_warning_to_iran_is_a_threat_against_iran(rules_only: Pipeline) -> None:
    """Esper: "Iran should not mistake the United States' restraint for an unwillingness to
    respond ..." is coded as one THREATEN of Iran, not a REQUEST of Iran and a separate threat
    (whether the decision keeps it: test_decide's worked-example test)."""
    article = run(rules_only, EXAMPLE.read_text(encoding="utf-8"))
    start = article.text.index("“Iran should not mistake")
    end = article.text.index("Capitol Hill.", start)
    here = [e for e in article.events if start <= e.trigger.start < end]
    threats = [e for e in here if e.type == "THREATEN"]
    assert len(threats) == 1, here
    assert threats[0].source is not None and "Esper" in threats[0].source.text
    assert threats[0].target is not None and threats[0].target.text == "Iran"
    assert not [e for e in here if e.type == "REQUEST"], here

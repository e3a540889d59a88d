"""The learned role filler (issue 21, dyad F1): events/role_filler.py fills the sources and
targets the rules leave without an actor; evaluation/role_fit.py fits it. The path and
decision tests build their input by hand (no model); the others run real sentences."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab
from tests.conftest import process_text, run_stages, sentence_pipeline

from eventwire.evaluation.article_match import GoldRole
from eventwire.evaluation.role_fit import Instance, fit, nearest, outcome
from eventwire.events.reporters import reporting
from eventwire.events.role_filler import (
    Candidate,
    RoleModel,
    candidates,
    dateline,
    decide,
    locative,
    open_role,
    partners,
    path,
    role_model,
    state,
)
from eventwire.model import Entity, Event, Mention
from eventwire.nlp.parse import load_model
from eventwire.nlp.syntax import counted_group, written_name
from eventwire.pipeline.runner import Pipeline
from eventwire.pipeline.stage import Work
from eventwire.settings import Settings

# "Iran condemned the decision of the court": heads and labels as en_core_web_sm gives them.
WORDS = ["Iran", "condemned", "the", "decision", "of", "the", "court"]
HEADS = [1, 1, 3, 1, 3, 6, 4]
DEPS = ["nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj"]


@pytest.fixture(scope="module")
def parsed() -> Doc:
    return Doc(Vocab(), words=WORDS, heads=HEADS, deps=DEPS)


@pytest.mark.parametrize(("candidate", "trigger", "up", "down"), [
    (0, 1, "nsubj", ""),              # the subject of the trigger verb
    (6, 1, "pobj>prep>dobj", ""),     # the court, inside the object's phrase
    (0, 3, "nsubj", "dobj"),          # from the subject down to a noun trigger
    (6, 3, "pobj>prep", ""),          # "decision of the court": the noun's of-phrase
])
def test_path_climbs_to_the_common_head(parsed: Doc, candidate: int, trigger: int,
                                        up: str, down: str) -> None:
    assert path(parsed[candidate], parsed[trigger]) == (up, down)


# "Amirov and Omarov , both from Azerbaijan , have pleaded"
PLEADED = Doc(Vocab(), words=["Amirov", "and", "Omarov", ",", "both", "from", "Azerbaijan",
                              ",", "have", "pleaded"],
              heads=[9, 0, 0, 0, 0, 4, 5, 0, 9, 9],
              deps=["nsubj", "cc", "conj", "punct", "appos", "prep", "pobj", "punct", "aux",
                    "ROOT"])


@pytest.mark.parametrize(("other", "expected"), [
    (Mention(text="Amirov", start=0, end=6), {2}),             # the source's partner
    (Mention(text="Omarov", start=11, end=17), {0}),           # ... either way round
    (Mention(text="Azerbaijan", start=30, end=40), set()),     # no coordination
    (None, set()),
])
def test_names_coordinated_with_the_other_role_are_no_candidates(
        other: Mention | None, expected: set[int]) -> None:
    assert partners(PLEADED, other) == expected


def _candidate(name: str, start: int, weight_feature: str) -> Candidate:
    return Candidate(Mention(text=name, start=start, end=start + len(name), actor=name),
                     {weight_feature: 1.0})


@pytest.mark.parametrize(("current", "chosen"), [
    (None, 1),                                                  # source:none at 0.5
    (Mention(text="the decision", start=0, end=12), None),      # source:thing at 0.9
])
def test_decide_takes_the_best_candidate_at_the_slot_threshold(current: Mention | None,
                                                               chosen: int | None) -> None:
    model = RoleModel({"s:up=nsubj": 2.0, "s:up=pobj": -1.0}, 0.0,
                      {"source:none": 0.5, "source:thing": 0.9})
    found = [_candidate("Iran", 0, "s:up=pobj"), _candidate("Iraq", 10, "s:up=nsubj")]
    scored = [(c, model.probability(c.row)) for c in found]
    assert decide(model.threshold("source", current), scored) == chosen


@pytest.mark.parametrize(("mention", "opened", "kind"), [
    (None, True, "none"),
    (Mention(text="the decision", start=0, end=12), True, "thing"),
    (Mention(text="Iran", start=0, end=4, actor="a1"), False, "actor"),
])
def test_only_roles_without_an_actor_are_open(mention: Mention | None, opened: bool,
                                              kind: str) -> None:
    assert open_role(mention) is opened
    assert state(mention) == kind


# "U.S. forces struck IS in Syria": tags as en_core_web_sm gives them ("IS" is a common
# noun to the tagger; "Syria" a proper noun and a place).
STRUCK = Doc(Vocab(), words=["U.S.", "forces", "struck", "IS", "in", "Syria", "and", "Wasuge"],
             heads=[1, 2, 2, 2, 3, 4, 5, 5],
             deps=["compound", "nsubj", "ROOT", "dobj", "prep", "pobj", "cc", "conj"],
             pos=["PROPN", "NOUN", "VERB", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN"],
             ents=["B-GPE", "O", "O", "O", "O", "B-GPE", "O", "O"])


@pytest.mark.parametrize(("index", "name"), [
    (3, True),    # "IS": an acronym the tagger calls a noun
    (7, True),    # "Wasuge": a proper noun with no entity
    (5, False),   # "Syria": a place
    (1, False),   # "forces": a common noun
    (0, False),   # "U.S.": a place entity
])
def test_a_name_with_no_actor_is_no_open_role(index: int, name: bool) -> None:
    token = STRUCK[index]
    assert written_name(token) is name
    mention = Mention(text=token.text, start=token.idx, end=token.idx + len(token.text))
    assert open_role(mention, STRUCK) is not name


def _parse(text: str) -> Doc:
    settings = Settings()
    return load_model(settings.model, settings.max_chars)(text)


def _words(text: str, words: str) -> Mention:
    start = text.index(words)
    return Mention(text=words, start=start, end=start + len(words))


@pytest.mark.parametrize(("text", "words", "counted"), [
    ("China has put pressure on Australia and many other democracies.",
     "many other democracies", True),
    ("Separatists killed 11 coal miners in southwestern Pakistan.", "11 coal miners", True),
    ("Moscow paid more than 30 foreign influencers to praise the war.",
     "more than 30 foreign influencers", True),
    ("Several lawmakers criticized the plan on Monday.", "Several lawmakers", True),
    ("The minister condemned the decision of the court.", "the decision", False),
    ("Officials rejected the allegations made by the opposition.", "the allegations", False),
    ("The army fired a missile at the convoy.", "a missile", False),
    ("Republicans criticized the response to the 2012 attacks in Benghazi.",
     "the 2012 attacks", False),
    ("Pate has not donated to any 2016 presidential candidates.",
     "any 2016 presidential candidates", False),
])
def test_a_counted_group_of_people_keeps_its_role(text: str, words: str,
                                                  counted: bool) -> None:
    doc, mention = _parse(text), _words(text, words)
    root = doc.char_span(mention.start, mention.end).root
    assert counted_group(root) is counted
    assert open_role(mention, doc) is not counted
    assert open_role(mention)  # without the parse, words with no actor stay open


@pytest.mark.parametrize(("text", "span"), [
    ("WASHINGTON — The United States imposed sanctions on Russia.", "WASHINGTON"),
    ("PHILADELPHIA (AP) - Sanders urged his supporters to back Clinton.", "PHILADELPHIA"),
    ("CHARLESTON, W.Va. -- The governor signed the bill.", "CHARLESTON"),
    ("The United States imposed sanctions on Russia on Monday.", None),
    ("Clinton Wins Nevada.\n\nLOS ANGELES (AP) — Clinton won the caucuses.", "LOS ANGELES"),
    ("Officials said. WASHINGTON — later text", None),
    ("A title.\n\nA first paragraph.\n\nWASHINGTON — later text", None),
])
def test_the_opening_dateline_is_found(text: str, span: str | None) -> None:
    found = dateline(text)
    assert (text[found[0]:found[1]] if found else None) == span


@pytest.mark.parametrize(("text", "name", "label", "expected"), [
    ("U.S. forces killed the leader of the group in Syria.", "Syria", "GPE", True),
    ("Protesters gathered at Guantanamo to denounce the detentions.", "Guantanamo", "GPE",
     True),
    ("The United States accused Syria of using chemical weapons.", "Syria", "GPE", False),
    ("Officials in Kenya arrested dozens of protesters.", "Kenya", "GPE", True),
    ("The group doubled its attacks in Iraq and Syria last year.", "Syria", "GPE", True),
    ("The minister met the ambassador in Paris.", "ambassador", "PERSON", False),
])
def test_a_place_named_as_where_something_is_is_locative(text: str, name: str, label: str,
                                                         expected: bool) -> None:
    doc = _parse(text)
    start = text.index(name)
    entity = Entity(id="e1", text=name, start=start, end=start + len(name), label=label)
    head = doc.char_span(start, start + len(name), alignment_mode="expand").root
    assert locative(head, entity) is expected


def _instance(key: str, good: str, bad: str) -> Instance:
    found = (_candidate("A", 0, good), _candidate("B", 5, bad))
    return Instance(key, "stories", "source", (GoldRole("A", None),), None, found,
                    (True, False), False)


def test_fit_learns_the_feature_of_the_fitting_candidates() -> None:
    instances = [_instance(f"story{n}", "s:up=nsubj", "s:up=pobj") for n in range(12)]
    model = fit(instances, 1.0)
    assert model.weights["s:up=nsubj"] > 0 > model.weights["s:up=pobj"]
    scores = [model.probability(c.row) for c in instances[0].candidates]
    assert outcome(instances[0], scores, 0.5)
    assert not outcome(instances[0], scores, 0.99)  # nothing filled: the null stays wrong


def test_an_unnamed_gold_role_is_right_only_when_left_empty() -> None:
    instance = Instance("s", "stories", "target", (), None,
                        (_candidate("A", 0, "t:side=after"),), (False,), True)
    assert outcome(instance, [0.9], 0.95)
    assert not outcome(instance, [0.9], 0.5)


def test_nearest_rule_picks_the_nearest_candidate_on_the_role_side() -> None:
    near = Candidate(Mention(text="A", start=0, end=1, actor="a"),
                     {"s:rank=0": 1.0, "s:side=before": 1.0})
    far = Candidate(Mention(text="B", start=3, end=4, actor="b"),
                    {"s:rank=1": 1.0, "s:side=before": 1.0})
    instance = Instance("s", "stories", "source", (), None, (near, far), (False, False), True)
    assert nearest(instance) == [1.0, 0.0]


def test_the_shipped_model_has_thresholds_and_weights() -> None:
    model = role_model()
    assert model is not None
    assert set(model.thresholds) == {f"{r}:{s}" for r in ("source", "target")
                                     for s in ("none", "thing")}
    assert all(0.0 < t < 1.0 for t in model.thresholds.values())
    assert model.weights


@pytest.fixture(scope="module")
def without_filler() -> Pipeline:
    return sentence_pipeline(event_role_filler=False)


def _roles(event: Event) -> tuple[Mention | None, Mention | None]:
    return event.source, event.target


@pytest.mark.parametrize(("text", "kind", "role", "words"), [
    ("After talks in Beijing, Chinese President Xi Jinping praised the agreement with Russia.",
     "CONSULT", "source", "Xi Jinping"),
    ("The sanctions imposed on Venezuela were criticized by President Nicolas Maduro.",
     "SANCTION", "target", "Venezuela"),
])
def test_filler_names_an_actor_the_rules_left_out(sentences: Pipeline,
                                                  without_filler: Pipeline, text: str,
                                                  kind: str, role: str, words: str) -> None:
    before = [e for e in process_text(without_filler, text, "2025-03-11").events
              if e.type == kind]
    article = process_text(sentences, text, "2025-03-11")
    after = [e for e in article.events if e.type == kind]
    assert before and after
    assert getattr(before[0], role) is None
    filled = getattr(after[0], role)
    assert filled is not None and filled.actor is not None
    assert filled.text == words == article.text[filled.start:filled.end]


@pytest.mark.parametrize("text", [
    "In a statement, the ministry condemned the attack on Israeli soldiers.",
    "The European Union condemned the execution, calling it a violation of human rights.",
    "Police in Kenya arrested dozens of protesters in Nairobi on Tuesday.",
])
def test_filler_keeps_roles_with_actors_and_offsets(sentences: Pipeline,
                                                    without_filler: Pipeline,
                                                    text: str) -> None:
    before = process_text(without_filler, text, "2025-03-11").events
    article = process_text(sentences, text, "2025-03-11")
    assert len(before) == len(article.events)
    for old, new in zip(before, article.events, strict=True):
        for was, now in zip(_roles(old), _roles(new), strict=True):
            if not open_role(was):
                assert now == was
            if now is not None:
                assert article.text[now.start:now.end] == now.text


@pytest.mark.parametrize("argv", [["--roles", "--bogus"], ["--roles", "--stories", "x"]])
def test_calibrate_roles_refuses_bad_arguments(argv: list[str]) -> None:
    from eventwire.evaluation.calibrate import main

    assert main(argv) == 2


@pytest.mark.parametrize(("text", "trigger", "speaker", "told"), [
    ("Chinese authorities have boarded foreign boats before, Thayer said.", "boarded",
     "Thayer", None),
    ('"They should push for a trial of the officials," he told VOA Albanian.', "trial",
     "he", "VOA Albanian"),
    ("Rubio told reporters that Russia must accept the ceasefire.", "accept", "Rubio",
     "reporters"),
    ("Russia attacked Ukraine on Monday.", "attacked", None, None),
    ('"Our partners are investigating these events," OIR said in an emailed statement to '
     "Military Times.", "investigating", "OIR", "Military Times"),
    ('"Our partners are investigating these events," OIR said in an interview with VOA.',
     "investigating", "OIR", "VOA"),
    ('"Our partners are investigating these events," OIR said in Baghdad on Monday.',
     "investigating", "OIR", None),
])
def test_the_speaker_and_the_one_told_are_found(sentences: Pipeline, text: str, trigger: str,
                                                speaker: str | None,
                                                told: str | None) -> None:
    work = run_stages(sentences, text, "2025-03-11")
    start = text.index(trigger)
    found = reporting(work.article, work.parsed, start, start + len(trigger))
    doc = work.parsed
    assert (" ".join(doc[i].text for i in sorted(found.speaker)) or None) == speaker
    assert (" ".join(doc[i].text for i in sorted(found.addressee)) or None) == told


def _target_names(work: Work, kind: str) -> tuple[Event, list[str]]:
    """The first event of `kind`, its target cleared, and the names of its target
    candidates."""
    events = [e for e in work.article.events if e.type == kind]
    assert events
    event = events[0].model_copy(update={"target": None})
    return event, [c.mention.text
                   for c in candidates(work.article, work.parsed, event, "target")]


@pytest.mark.parametrize(("text", "kind", "speaker"), [
    ('"The militants killed them all," police chief Ali Khan said.', "ASSAULT", "Ali Khan"),
    ("The rebels attacked the convoy, Prime Minister Imran Khan said.", "ASSAULT",
     "Imran Khan"),
])
def test_the_speaker_is_never_a_target_candidate(sentences: Pipeline, text: str, kind: str,
                                                 speaker: str) -> None:
    work = run_stages(sentences, text, "2025-03-11")
    event, names = _target_names(work, kind)
    assert speaker not in names
    sources = [c for c in candidates(work.article, work.parsed, event, "source")
               if c.mention.text == speaker]
    assert sources and sources[0].row["s:speaker=True"] == 1.0  # a source may be the speaker


@pytest.mark.parametrize(("text", "kind", "told"), [
    ('"The militants attacked the convoy," the governor told VOA.', "ASSAULT", "VOA"),
    ('"The rebels attacked the convoy," the army said in a statement to Reuters.', "ASSAULT",
     "Reuters"),
])
def test_the_one_told_is_never_a_target_candidate(sentences: Pipeline, text: str, kind: str,
                                                  told: str) -> None:
    work = run_stages(sentences, text, "2025-03-11")
    assert told in {e.text for e in work.article.entities}
    _, names = _target_names(work, kind)
    assert told not in names

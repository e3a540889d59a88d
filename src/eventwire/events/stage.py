"""Events: PLOVER-coded who-did-what-to-whom, with date, place, counts, modality,
attribution and a calibrated confidence, as `Article.events`.

Detection and coding: `event_detect` (lexicon in data/events/plover_lexicon.tsv); actors:
`event_roles`; date/place/counts/attribution: `event_links`; modality: `modality`;
confidence: `confidence` (data/events/event_calibration.json); the mentions of one
happening become one event: `merge`; background happenings are marked `historical`: `history`.

Negated conflict events are kept with `negated: true`, `modality: "negated"` and a low
confidence, so that "denied attacking" never reads as an ASSAULT but stays inspectable.
A definite noun event without actors ("the call", "the attacks") borrows them, and its
count and date when it has none of its own, from the nearest earlier event of the same type
in an earlier sentence.

Once the events are decided, the actors a story leaves without a country take its home
country where the story settles one (actors/home.py).

A text longer than a window (pipeline/windows.py) is worked on window by window, each
window's events merged and scored as an article's, so the work grows linearly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.actors.home import settle_home
from eventwire.events.confidence import rescore, score
from eventwire.events.dates import event_date
from eventwire.events.decide import (
    Decision,
    conclude,
    decision_model,
    prepare,
    short_input,
)
from eventwire.events.decide import settle as settle_decision
from eventwire.events.detect import Candidate, depth, detect
from eventwire.events.features import article_features, mention_features
from eventwire.events.figures import drop_aggregates, figures
from eventwire.events.history import mark_historical
from eventwire.events.lexicon import Lexicon, load_lexicon
from eventwire.events.links import (
    attribution,
    event_counts,
    event_place,
    local_places,
    setting_places,
)
from eventwire.events.merge import merge_mentions
from eventwire.events.modality import obliged
from eventwire.events.news_day import fill_fallbacks
from eventwire.events.nonpolitical import non_political
from eventwire.events.referring import refer_back
from eventwire.events.resolution import (
    answer_accusations,
    carry_targets,
    settle,
    settle_roles,
)
from eventwire.events.role_filler import RoleModel, fill_roles, role_model
from eventwire.events.role_mention import resolve
from eventwire.events.roles import PRONOUNS, Roles, find_roles
from eventwire.events.statements import judged_party
from eventwire.events.story_actors import name_roles
from eventwire.events.type_groups import VERBAL
from eventwire.model import Article, Event, Mention, SentenceRef, Span
from eventwire.nlp.english import (
    ACTED_ON,
    GERUND_OR_NOUN_TAGS,
    NOMINAL_SUBJECTS,
    NOUN_TAGS,
    SUBJECT_OR_PREP,
)
from eventwire.nlp.english import DEFINITE_DETERMINERS as DEFINITE
from eventwire.nlp.mentions import Attributed, entity_at
from eventwire.pipeline.stage import Stage, Work
from eventwire.pipeline.windows import join, sentences, split
from eventwire.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

MAX_SENTENCE_TOKENS = 200


class EventsStage(Stage):
    name = "events"
    requires = ("doc", "entities", "actors", "places", "times", "counts", "quotes",
                "attributions")
    assigns = ("events", "event_features")

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.lexicon = load_lexicon()

    def process(self, work: Work) -> None:
        decision = decision_model() if self.settings.event_decision else None
        filler = role_model() if self.settings.event_role_filler else None
        for part in split(work):  # the work itself, or a long text's windows
            count = self.candidates(part)
            conclude_events(part, decision, self.settings.event_threshold, count, filler)
            join(work, part)
        settle_home(work.article)  # after the decision: its model read the actors before
        setting_places(work.article, work.parsed)  # after the roles and homes: who is there
        name_roles(work.article)  # last: a generic noun's actor, with its home country, named

    def candidates(self, work: Work) -> int:
        """Every rule candidate of the article (or window) as an event, with its feature
        row; returns the number of sentences read."""
        article = work.article
        attributions = work.attributions
        order: dict[str, int] = {}
        count = 0
        for sentence in sentences(work):
            if len(sentence) > MAX_SENTENCE_TOKENS \
                    or not article.text[sentence.start_char:sentence.end_char].strip():
                continue
            candidates = detect(sentence, self.lexicon)
            share = 1.0 / len(candidates) if candidates else 0.0
            for candidate in candidates:
                built = build_event(article, sentence, candidate, attributions, self.lexicon,
                                    share)
                if built is not None:
                    event, features = built
                    article.events.append(event)
                    work.event_features[event.id] = features
                    order[event.id] = count
            count += 1
        article_features(article, work.event_features, order, count)
        return count


def conclude_events(work: Work, decision: Decision | None, threshold: float | None,
                    sentences: int, filler: RoleModel | None = None) -> None:
    """From candidates to events: the decision (events/decide.py) re-types and drops
    candidates, figures of aggregates are dropped, antecedents lend actors, accusations are
    answered, mentions merge, dates and places fall back, the decision re-types the merged
    events, those of one type merge again (events/merge.py), the decision sets confidences,
    and last the learned role filler fills roles the rules left without an actor."""
    article = work.article
    single = short_input(sentences)
    found = prepare(article, work.event_features, decision, single) if decision else {}
    drop_aggregates(article)
    borrow_antecedents(article, work)
    answer_accusations(article)
    merge_mentions(article, work.parsed, work.event_features)
    own = {e.trigger.start: e.date for e in article.events}  # before the fallbacks
    carry_targets(article)  # after the merge: a borrowed target joins no mentions
    refer_back(article, work.parsed)
    mark_historical(article, work.parsed)  # from the events' own dates, before the fallbacks
    fill_fallbacks(article, work.parsed)
    local_places(article, work.parsed)
    rescore(article, work.event_features)
    if decision is not None:
        settle_decision(article, work.event_features, decision, found, single)
        if not single:  # short inputs keep the rules' merge (a regime of their own)
            merge_mentions(article, work.parsed, work.event_features, own)
        conclude(article, work.event_features, decision, threshold, single)
    fill_roles(article, work.parsed, filler)


def _trigger_span(article: Article, sentence: DocSpan, candidate: Candidate) -> Span:
    """The matched words as one contiguous run from the first: a pattern whose later words
    stand further on ("spoke with President Xi by phone") is triggered by "spoke with",
    never by a span that takes in the target's name."""
    doc = sentence.doc
    matched = set(candidate.tokens)
    end = candidate.start
    while end + 1 in matched:
        end += 1
    first, last = doc[candidate.start], doc[end]
    start, end = first.idx, last.idx + len(last)
    return Span(text=article.text[start:end], start=start, end=end)


def _patient(candidate: Candidate) -> tuple[int, int] | None:
    for child in candidate.anchor.children:
        if child.dep_ in ACTED_ON:
            right = child.right_edge
            return child.left_edge.idx, right.idx + len(right)
    return None


def _roles(article: Article, candidate: Candidate, lexicon: Lexicon) -> Roles:
    if candidate.request_of is not None:
        roles = Roles()
        speaker = candidate.request_of
        for child in speaker.children:
            if child.dep_ in NOMINAL_SUBJECTS:
                roles.source = resolve(article, child)
        for child in (obliged(candidate.anchor) or candidate.anchor).children:
            if child.dep_ in NOMINAL_SUBJECTS:
                roles.target = resolve(article, child)
        return roles
    roles = find_roles(article, candidate.trigger, candidate.anchor, lexicon, candidate.type,
                       candidate.tokens)
    judged = judged_party(candidate.anchor) if candidate.role == "statement" else None
    if judged is not None and (mention := resolve(article, judged)).actor not in {
            None, roles.source.actor if roles.source else None}:
        roles.target, roles.targets_also = mention, []  # "told CNN that Ginsburg ...": Ginsburg
    inner = candidate.complement
    if inner is not None and (roles.target is None or roles.target.actor is None):
        inner_roles = find_roles(article, inner.trigger, inner.anchor, lexicon, inner.type,
                                 inner.tokens)
        if inner_roles.target is not None and (roles.target is None
                                               or inner_roles.target.actor is not None):
            roles.target = inner_roles.target
            roles.targets_also = inner_roles.targets_also
    return roles


def build_event(article: Article, sentence: DocSpan, candidate: Candidate,
                attributions: list[Attributed], lexicon: Lexicon,
                share: float) -> tuple[Event, dict[str, float]] | None:
    modal = candidate.modal
    if modal is None or not candidate.type:
        return None
    trigger = _trigger_span(article, sentence, candidate)
    roles = settle_roles(article, _roles(article, candidate, lexicon))
    if non_political(article, candidate.trigger, candidate.anchor, candidate.type, roles,
                     lexicon) is not None:
        return None
    reported = attribution(article, attributions, candidate.anchor, lexicon)
    unnamed = roles.source is None or _abstract(article, sentence, roles.source)
    if unnamed and reported is not None and candidate.type in VERBAL \
            and reported.start is not None and reported.end is not None:
        roles.source = settle(article, Mention(text=reported.text, start=reported.start,
                                               end=reported.end, actor=reported.actor))
    counts = event_counts(article, (trigger.start, trigger.end), _patient(candidate))
    told = figures(counts, (trigger.start, trigger.end))
    mode = candidate.mode or _mode_from_words(candidate, lexicon)
    contexts = list(candidate.contexts)
    if modal.modality in {"future", "hypothetical"} and modal.modality not in contexts:
        contexts.append(modal.modality)
    level = depth(candidate.anchor, lexicon)
    features = {
        "bias": 1.0, "weight": candidate.weight, "main": float(level == 0),
        "depth1": float(level == 1), "has_source": float(roles.source is not None),
        "source_actor": float(roles.source is not None and roles.source.actor is not None),
        "has_target": float(roles.target is not None),
        "nominal": float(candidate.anchor.pos_ in NOUN_TAGS),
        "derived": float(candidate.derived),
        "non_asserted": float(modal.modality != "asserted"), "share": share,
    }
    features.update(mention_features(
        article, sentence, candidate, roles, reported is not None,
        reported is not None and reported.quote is not None, level,
        round(1 / share) if share else 0))
    confidence = score(features)
    if modal.negated:
        confidence = round(min(confidence, 0.2), 3)
    event = Event(
        id=f"v{len(article.events) + 1}", type=candidate.type,
        mode=mode, contexts=sorted(set(contexts)), source=roles.source, target=roles.target,
        sources_also=roles.sources_also, targets_also=roles.targets_also,
        date=event_date(article, sentence, [candidate.trigger, candidate.anchor]),
        place=event_place(article, sentence, candidate.trigger, candidate.type, mode),
        trigger=trigger, sentence=SentenceRef(start=sentence.start_char, end=sentence.end_char),
        negated=modal.negated, modality=modal.modality,  # type: ignore[arg-type]
        reported_by=reported, count=counts[0].id if counts else None,
        killed=told["killed"], injured=told["injured"], arrested=told["arrested"],
        confidence=confidence,
    )
    return event, features


def _abstract(article: Article, sentence: DocSpan, mention: Mention) -> bool:
    """A source that names no actor and is no group of people: a singular common noun with
    no entity ("an unwillingness to respond", "the statement threatened"); plural nouns stay
    ("several environment groups accused")."""
    if mention.actor is not None or mention.text.lower() in PRONOUNS \
            or entity_at(article, mention.start, mention.end) is not None:
        return False
    span = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.tag_ in GERUND_OR_NOUN_TAGS


def _mode_from_words(candidate: Candidate, lexicon: Lexicon) -> str | None:
    """A mode cue word in the trigger's phrase ("rocket attacks", "armed with machetes")."""
    tokens: list[Token] = [*candidate.trigger.subtree]
    if candidate.anchor != candidate.trigger:
        tokens.extend(c for c in candidate.anchor.children if c.dep_ in SUBJECT_OR_PREP)
        for child in list(tokens):
            if child.dep_ == "nsubj":
                tokens.extend(child.subtree)
    for token in tokens:
        mode = lexicon.mode_for(candidate.type, token.lemma_.lower())
        if mode is not None:
            return mode
    return None


def _named(article: Article, mention: Mention | None) -> bool:
    """A mention worth lending to a later event: a name or nominal, not a pronoun."""
    return mention is not None and mention.text.lower() not in PRONOUNS and (
        mention.actor is not None or entity_at(article, mention.start, mention.end) is not None)


def borrow_antecedents(article: Article, work: Work) -> None:
    """Fill actors of definite noun events ("the call") from an earlier event of that type."""
    doc = work.parsed
    for position, event in enumerate(article.events):
        if event.source is not None and event.target is not None:
            continue
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or span.root.pos_ not in NOUN_TAGS:
            continue
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in span.root.children):
            continue
        for earlier in reversed(article.events[:position]):
            if earlier.type == event.type and earlier.sentence.start < event.sentence.start \
                    and (earlier.mode is None or event.mode is None or earlier.mode == event.mode):
                update: dict[str, object] = {}
                if event.source is None and _named(article, earlier.source):
                    update["source"] = earlier.source
                if event.target is None and _named(article, earlier.target):
                    update["target"] = earlier.target
                if event.count is None and earlier.count is not None:
                    update["count"] = earlier.count
                if event.date is not None and event.date.precision == "published" \
                        and earlier.date is not None:
                    update["date"] = earlier.date
                if update:
                    article.events[position] = event.model_copy(update=update)
                break

"""The places of a whole story: the place its dateline names, the place it is about (its
focus) and the one place it names inside that (`finer_focus`), the town it is set in, and
its setting (where its lead says a visit, a meeting or a summit takes place).
event_location.py and events/links.py fall back on them when a sentence does not say where
its event happened.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.model import Article, Place
from eventwire.nlp.english import VERB_TAGS
from eventwire.places.candidates import DATELINE_PATTERN
from eventwire.places.containment import SPECIFICITY, lies_inside
from eventwire.places.metonymy import root_of
from eventwire.places.words import SETTING_PREPS, SETTING_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A town named this often is the story's setting.
SETTING_MENTIONS = 2
# The lead: the sentences that say what a story is about (its focus place).
LEAD_SENTENCES = 2
# The sentences that may set the scene of a visit or a meeting: the lead and the one after
# it ("VOA spoke with Armitage about his trip to Taiwan", after two sentences on the trip).
SETTING_SENTENCES = 3
# The kinds of place a visit or a meeting is set in.
SETTING_FEATURES = frozenset({"city", "locality", "admin1", "country"})
# How far above its preposition a setting word may stand ("visit by Modi to Mauritius").
SETTING_REACH = 2


def literal_places(article: Article) -> list[Place]:
    """The places where something is or happens (not actors, not nationalities)."""
    return [place for place in article.places if place.role == "literal"]


def focus_place(article: Article, doc: Doc) -> Place | None:
    """The place the story is about: its dateline's, else the most specific resolved
    literal place its lead (first two sentences) names (a town over a region over a
    country; the first on ties)."""
    dated = dateline_place(article)
    if dated is not None:
        return dated
    sentences = list(doc.sents)[:LEAD_SENTENCES]
    if not sentences:
        return None
    end = sentences[-1].end_char
    lead = [p for p in literal_places(article) if p.start < end and p.feature]
    return min(lead, key=lambda p: (SPECIFICITY.get(p.feature or "", 0), p.start),
               default=None)


def finer_focus(article: Article, focus: Place) -> Place:
    """The one place the story says lies inside its focus place, if it names exactly one (by
    name): the story's local happenings took place there ("in Kabul's western Dasht-e-Barchi
    neighborhood" in a story whose lead names Kabul; "near Sibi, Balochistan" in one whose
    lead names Balochistan); else the focus itself (places/containment.py). A town the
    story merely names in the focus country or province is no evidence of where its
    happenings were."""
    places = literal_places(article)
    inside = {p.name: p for p in places
              if lies_inside(p, focus, article.text, places, said=True)}
    return next(iter(inside.values())) if len(inside) == 1 else focus


def dateline_place(article: Article) -> Place | None:
    """The literal place the article's dateline names, if it has one."""
    bounds = _dateline(article.text[:400])
    if bounds is None:
        return None
    start, end = bounds
    return next((p for p in literal_places(article) if start <= p.start < end), None)


@lru_cache(maxsize=16)
def _dateline(head: str) -> tuple[int, int] | None:
    """[start, end) of the place a text's dateline names, read from its first characters
    (`head`); kept, as every event of a story asks for it."""
    match = DATELINE_PATTERN.search(head)
    if match is None:
        return None
    start, end = match.span(1)
    return None if head[:start].strip() else (start, end)


def story_town(article: Article, country: str | None, doc: Doc | None = None) -> Place | None:
    """The town of `country` the story names most often as a literal place, at least
    `SETTING_MENTIONS` times (the first named on ties): a happening or a meeting the clause
    places only in a country took place in the town the story is set in (G7 "meetings" in
    Canada in a story that names Charlevoix twice). With the parse, a town named once is the
    story's town when a setting word places something there ("The G7 talks in Charlevoix,
    Quebec, brought together ministers"; `setting_words`)."""
    if not country:
        return None
    towns = [p for p in literal_places(article) if p.feature == "city" and p.country == country]
    counts = Counter(_norm_name(p) for p in towns)
    best = max(counts.values(), default=0)
    if best >= SETTING_MENTIONS:
        return next(p for p in towns if counts[_norm_name(p)] == best)
    if doc is None:
        return None
    return next((p for p in towns if (root := root_of(doc, p.start, p.end)) is not None
                 and _set_at(root)), None)


def _norm_name(place: Place) -> str:
    return (place.name or place.text).casefold()


@dataclass(frozen=True)
class Setting:
    """Where a story's lead says its actors are: the place, and the bounds of the lead
    sentence that says so (its actors are the setting's participants)."""

    place: Place
    start: int
    end: int


def story_setting(article: Article, doc: Doc) -> Setting | None:
    """The first town, province or country the first SETTING_SENTENCES name under "in" or
    "to" on a word of arriving, gathering, visiting or meeting (`setting_words` in
    data/places/place_words.toml):
    "diplomats gathered Thursday in Charlevoix", "a two-day visit by Modi to Mauritius",
    "from the site of their talks in Canada"."""
    places = [p for p in literal_places(article) if p.feature in SETTING_FEATURES]
    for sentence in list(doc.sents)[:SETTING_SENTENCES]:
        for place in places:
            if not sentence.start_char <= place.start < sentence.end_char:
                continue
            root = root_of(doc, place.start, place.end)
            if root is not None and _set_at(root):
                return Setting(place, sentence.start_char, sentence.end_char)
    return None


def _set_at(root: Token) -> bool:
    """Whether a place is the object of "in" or "to" that hangs on a setting word, directly
    or through a noun or two ("visit by Modi to Mauritius"), not through another verb."""
    if root.dep_ != "pobj" or root.head.lower_ not in SETTING_PREPS:
        return False
    current = root.head.head
    for _ in range(SETTING_REACH):
        if current.lemma_.lower() in SETTING_WORDS or current.lower_ in SETTING_WORDS:
            return True
        if current.pos_ in VERB_TAGS or current.head is current:
            return False
        current = current.head
    return False

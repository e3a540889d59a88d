"""In-document coreference for actors: which mentions name the same actor.

Mentions arrive in text order as `Candidate`s; `Registry.resolve` returns the actor id.
Rules, in order:
- an appositive joins the name it renames ("Gen. Mark Milley, chairman of the Joint Chiefs
  of Staff"; "the head of the IAEA, Rafael Grossi");
- a candidate with a `key` (a country, a known organisation, a government, an office of an
  actor) joins the actor with the same key;
- a person name joins an earlier person whose name ends with it or that it ends with
  ("Esper" → "Mark Esper", "Adel Abdul Mahdi" ← "Abdul Mahdi"); so does an unknown
  organisation name that is such a surname (spaCy's ORG "Trump" in "Trump critic");
- an all-caps name joins an earlier actor whose initials it spells ("OIR" → "Operation
  Inherent Resolve");
- a title-only person ("the prime minister") joins the latest person with that title and a
  compatible country; indefinite ones ("a U.S. official") always start a new actor;
- a nominal group ("lawmakers") joins the latest group with the same head word and a
  compatible country (unknown country is compatible with any);
- anything else starts a new actor (unknown names are actors with country null).
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field

from eventwire.actors.tables import norm
from eventwire.model import Actor, ActorKind
from eventwire.nlp.english import NAME_PARTICLES as _SMALL


@dataclass
class Candidate:
    """One actor mention found in the text, before coreference."""

    start: int
    end: int
    name: str
    kind: ActorKind
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    title: str | None = None
    backer: str | None = None
    key: str | None = None
    head: str | None = None
    label: str = "NOMINAL"
    title_only: bool = False
    indefinite: bool = False
    sent: int = 0
    subject: bool = False
    token: int = 0
    owner: Candidate | None = None
    local: bool = False
    same_as: Candidate | None = None
    gender: str | None = None
    guessed: bool = False
    entity: str | None = None
    actor: str | None = None


def initials(name: str) -> str:
    """'Operation Inherent Resolve' → 'OIR'; small words are skipped."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _SMALL]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


def _tokens(name: str) -> list[str]:
    return norm(name).replace(".", "").split()


def _last(name: str) -> str:
    """The last word of a name as `_tokens` reads it ("" for none)."""
    tokens = _tokens(name)
    return tokens[-1] if tokens else ""


def _ends_with(longer: list[str], shorter: list[str]) -> bool:
    return 0 < len(shorter) <= len(longer) and longer[-len(shorter):] == shorter


def compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


class Registry:
    """The actors of one article, built mention by mention."""

    def __init__(self) -> None:
        self.actors: list[Actor] = []
        self._by_key: dict[str, Actor] = {}
        self._heads: dict[str, str] = {}
        self._titles: dict[str, str] = {}
        # Where `_person` and `_acronym` look, so a long text is not scanned per mention:
        # people by the last word of their name, others by their initials (by index).
        self._surnames: dict[str, list[int]] = {}
        self._initials: dict[str, list[int]] = {}

    def get(self, actor_id: str) -> Actor | None:
        index = int(actor_id[1:]) - 1
        return self.actors[index] if 0 <= index < len(self.actors) else None

    def resolve(self, cand: Candidate) -> Actor:
        actor = self._find(cand)
        if actor is None:
            actor = Actor(id=f"a{len(self.actors) + 1}", name=cand.name, kind=cand.kind,
                          country=cand.country, sectors=list(cand.sectors), title=cand.title,
                          backer=cand.backer)
            self.actors.append(actor)
            self._file(len(self.actors) - 1)
        else:
            name = actor.name
            self._enrich(actor, cand)
            if actor.name != name:
                index = int(actor.id[1:]) - 1
                self._surnames[_last(name)].remove(index)
                self._file(index)
        if cand.key:
            self._by_key.setdefault(cand.key, actor)
        if cand.head and cand.kind in ("group", "organization"):
            self._heads[cand.head] = actor.id
        if cand.title and actor.kind == "person":
            self._titles[norm(cand.title)] = actor.id
        cand.actor = actor.id
        return actor

    def _find(self, cand: Candidate) -> Actor | None:
        if cand.same_as is not None and cand.same_as.actor is not None:
            return self.get(cand.same_as.actor)
        if cand.key and cand.key in self._by_key:
            return self._by_key[cand.key]
        if cand.indefinite:
            return None
        if cand.kind == "person" and not cand.title_only:
            return self._person(cand)
        if cand.title_only and cand.title:
            return self._titled(cand)
        if cand.kind in ("group", "organization") and cand.head and not cand.key:
            found = self.get(self._heads.get(cand.head, "a0"))
            if found is not None and compatible(found.country, cand.country):
                return found
        if cand.kind == "organization" and cand.name.isupper() and len(cand.name) >= 2:
            return self._acronym(cand.name.replace(".", ""))
        if cand.guessed:
            return self._person(cand)
        return None

    def _file(self, index: int) -> None:
        actor = self.actors[index]
        if actor.kind == "person":
            insort(self._surnames.setdefault(_last(actor.name), []), index)
        elif len(actor.name.split()) > 1:
            self._initials.setdefault(initials(actor.name), []).append(index)

    def _person(self, cand: Candidate) -> Actor | None:
        words = _tokens(cand.name)
        # A name ends with the other only if both end with the same word.
        for index in reversed(self._surnames.get(words[-1] if words else "", [])):
            actor = self.actors[index]
            if actor.kind != "person" or not compatible(actor.country, cand.country):
                continue
            known = _tokens(actor.name)
            if _ends_with(known, words) or _ends_with(words, known):
                return actor
        return None

    def _titled(self, cand: Candidate) -> Actor | None:
        wanted = norm(cand.title or "")
        found = self.get(self._titles.get(wanted, "a0"))
        if found is not None and compatible(found.country, cand.country):
            return found
        return None

    def _acronym(self, letters: str) -> Actor | None:
        for index in reversed(self._initials.get(letters, [])):
            actor = self.actors[index]
            if actor.kind != "person" and len(actor.name.split()) > 1 \
                    and initials(actor.name) == letters:
                return actor
        return None

    @staticmethod
    def _enrich(actor: Actor, cand: Candidate) -> None:
        """A later mention may know more: a longer name, a title, a country."""
        if cand.kind == actor.kind == "person" and not cand.title_only \
                and len(_tokens(cand.name)) > len(_tokens(actor.name)):
            actor.name = cand.name
        if actor.title is None and cand.title:
            actor.title = cand.title
        if actor.country is None and cand.country:
            actor.country = cand.country
        if actor.backer is None and cand.backer:
            actor.backer = cand.backer
        for code in cand.sectors:
            if code not in actor.sectors and not actor.sectors:
                actor.sectors.append(code)


STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP"})


def home_country(cands: list[Candidate], registry: Registry, words: list[str]) -> None:
    """Office holders with no country ('President Yoweri Museveni', 'Judge Rivera') get
    the country the document names most often (first named on a tie), when there is one;
    `words` are the countries of country names inside other names ("Kenya Anti-Corruption
    Commission")."""
    counts: dict[str, int] = {}
    for cand in cands:
        if cand.country:
            counts[cand.country] = counts.get(cand.country, 0) + 1
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    if not counts:
        return
    home = max(counts, key=lambda iso: counts[iso])
    for cand in cands:
        local = registry.get(cand.actor) if cand.local and cand.actor else None
        if local is not None and local.country is None:
            local.country = home
    for actor in registry.actors:
        if actor.kind == "person" and actor.country is None \
                and STATE_SECTORS & set(actor.sectors) and "IGO" not in actor.sectors:
            actor.country = home

"""Actor pass 3: nominal mentions.

Nouns of `sectors.tsv` ("lawmakers", "the prime minister", "Iran-backed militias", "Abdul
Mahdi's office"), with country from demonyms, possessives, "in/of X" and institutions; the
backer from "X-backed"/"pro-X"; "Taliban fighters" join the Taliban; "U.N. officials" carry
IGO; "Hungarian and Romanian officials" are two actors. `Modifiers` is what the words left
of a nominal head say about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.actors.coref import Candidate
from eventwire.actors.tables import Term
from eventwire.actors.words import (
    BACKED,
    GOVERNMENT,
    INDEFINITE,
    LEADING_JUNK,
    LED,
    OWNED,
    PERSONISH,
    PLACE_NOUNS,
)
from eventwire.model import ActorKind
from eventwire.nlp.english import (
    DET_OR_NUMMOD,
    EDGE_FUNCTION_DEPS,
    LEFT_FUNCTION_DEPS,
    NOUN_MODIFIERS_WITH_POSS,
    NOUN_TAGS,
    PLURAL_NOUN_TAGS,
)
from eventwire.nlp.syntax import is_locative

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.actors.finder import MentionFinder


def _nominal_term(f: MentionFinder, tok: Token) -> Term | None:
    """The `sectors.tsv` term that makes a free noun a nominal mention ("officials"; a
    plural like "members" through its compound: "Hamas members"), else None."""
    if tok.i in f.used or tok.pos_ not in NOUN_TAGS or tok.i in f.tok_ent:
        return None
    term = f.term_of(tok)
    if term is None:
        if tok.lower_ not in PERSONISH:
            return None
        inner = next((c for c in tok.children if c.dep_ == "compound"
                      and c.i not in f.used and f.term_of(c) is not None), None)
        return f.term_of(inner) if inner is not None else None
    if term.role == "mod" or (tok.dep_ == "compound" and not (
            tok.head.pos_ == "PROPN" and tok.head.i not in f.tok_ent)):
        return None
    return term


def find_nominal(f: MentionFinder, tok: Token) -> None:
    term = _nominal_term(f, tok)
    if term is None or (term.role == "place" and is_locative(tok)):
        return
    left = _np_left(f, tok)
    toks = [f.doc[k] for k in range(left, tok.i + 1)]
    mod = _np_modifiers(f, toks, tok)
    country, stop = (mod.countries[-1][2], tok.i) if mod.countries else \
        _prep_country(f, tok)
    if mod.ethnic:
        country = None
    elif country is None and mod.owner is not None:
        country = mod.owner.country
    words = " ".join(tk.text for tk in toks if tk.i not in mod.skip)
    sectors, implied, _ = f.sectors(words)
    plural = tok.tag_ in PLURAL_NOUN_TAGS or tok.lower_ in ("police", "people")
    kind: ActorKind = "organization" if term.role == "body" else \
        "group" if plural or term.role == "place" else "person"
    indefinite = any(c.dep_ in DET_OR_NUMMOD and c.lower_ in INDEFINITE
                     for c in tok.children)
    start = toks[0].idx
    if len(mod.countries) > 1 and mod.coordinated:
        start = f.doc[mod.countries[-1][0]].idx
        for first, last, iso in mod.countries[:-1]:
            _split_off(f, first, last, iso, kind, sectors, tok)
    end = f.doc[stop].idx + len(f.doc[stop])
    cand = Candidate(start=start, end=end, name=f.text[start:end], kind=kind,
                     country=country or implied, sectors=sectors, backer=mod.backer,
                     indefinite=indefinite, head=tok.lemma_.lower())
    _code_nominal(f, cand, tok, toks, term, mod)
    known = f.known(cand.name, start, end, "NOMINAL") if " " in cand.name else None
    if known is not None:
        known.indefinite, known.head = indefinite, cand.head
        cand = known
    f.add(cand, [tok])
    f.absorb([tk for tk in toks if tk.i not in mod.keep and tk.idx >= start], cand, None)


def _code_nominal(f: MentionFinder, cand: Candidate, tok: Token, toks: list[Token], term: Term,
                  mod: Modifiers) -> None:
    """Title, government key, group, owner and apposition of a nominal mention."""
    kind, end = cand.kind, cand.end
    if kind == "person":
        title_toks = [tk for tk in toks if tk.i not in mod.skip
                      and tk.lower_ not in LEADING_JUNK]
        if term.role == "title" and title_toks:
            cand.title = f.text[title_toks[0].idx:end]
        cand.title_only = True
    if tok.lower_ in GOVERNMENT and cand.country:
        cand.key = f"gov:{cand.country}"
    cand.local = mod.ethnic
    if kind == "person":
        cand.same_as = _apposed(f, tok)
    if mod.group is not None:
        cand.backer = cand.backer or mod.group.backer
        cand.sectors += [c for c in mod.group.sectors
                         if c in ("IGO", "NGO") and c not in cand.sectors]
        if kind == "group" and tok.lower_ not in PERSONISH and "IGO" not in cand.sectors \
                and "NGO" not in cand.sectors:
            cand.key, cand.name = mod.group.key, mod.group.name
            cand.sectors = list(mod.group.sectors) or cand.sectors
    if mod.owner is not None and tok.lower_ in OWNED:
        cand.owner = mod.owner
        cand.head = None


def _apposed(f: MentionFinder, tok: Token) -> Candidate | None:
    """The named person this title noun is in apposition with, if any."""
    near = [tok.head] if tok.dep_ == "appos" else []
    near += [c for c in tok.children if c.dep_ == "appos"]
    near += [c for p in tok.children if p.dep_ == "prep" for o in p.children
             if o.dep_ == "pobj" for c in o.children if c.dep_ == "appos"]
    for other in near:
        found = f.tok_cand.get(other.i)
        if found is not None and found.kind == "person" and not found.title_only:
            return found
    return None


def _split_off(f: MentionFinder, first: int, last: int, iso: str, kind: ActorKind,
               sectors: list[str], head: Token) -> None:
    """'Hungarian and Romanian officials': the first nationality is its own actor."""
    toks = [f.doc[k] for k in range(first, last + 1)]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    cand = Candidate(start=start, end=end, name=f"{f.text[start:end]} {head.text}",
                     kind=kind, country=iso, sectors=list(sectors),
                     head=head.lemma_.lower())
    entity = f.tok_ent.get(first)
    f.add(cand, toks, entity)


def _np_left(f: MentionFinder, tok: Token) -> int:
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in LEFT_FUNCTION_DEPS or (
                child.dep_ == "poss" and child.pos_ == "PRON"):
            continue
        first = min(t.i for t in child.subtree)
        if all(f.doc[k].i not in f.used or f.doc[k].i in f.tok_ent
               for k in range(first, tok.i)):
            left = min(left, first)
    while left < tok.i and f.doc[left].dep_ in EDGE_FUNCTION_DEPS:
        left += 1
    return left


def _np_modifiers(f: MentionFinder, toks: list[Token], head: Token) -> Modifiers:
    """Countries, backer and possessor of a nominal, and which words are not its title."""
    mod = Modifiers()
    mod.owner = _owner_of(f, head)
    done: set[int] = set()
    for tok in toks:
        if tok.i == head.i or tok.i in done or _word_modifier(f, mod, tok):
            continue
        entity = f.tok_ent.get(tok.i)
        if entity is not None or tok.dep_ == "poss" or tok.text in ("'s", "’s"):
            mod.skip.add(tok.i)
        if entity is None:
            found = f.word_country(tok.text) if tok.text[:1].isupper() else None
            if found:
                mod.skip.add(tok.i)
                mod.countries.append((tok.i, tok.i, found))
            continue
        _entity_modifier(f, mod, tok, f.spans[entity.id], done)
    return mod


def _owner_of(f: MentionFinder, head: Token) -> Candidate | None:
    """The possessor of a nominal ("Abdul Mahdi's office"), or for a noun that belongs to
    its owner, the object of its for/of phrase ("the office of the prime minister")."""
    owner = next((f.tok_cand[c.i] for c in head.children
                  if c.dep_ == "poss" and c.i in f.tok_cand
                  and f.tok_cand[c.i].kind != "country"), None)
    if owner is None and head.lower_ in OWNED:
        owner = next((f.tok_cand[g.i] for c in head.rights
                      if c.dep_ == "prep" and c.lower_ in ("for", "of")
                      for g in c.children if g.dep_ == "pobj" and g.i in f.tok_cand
                      and f.tok_cand[g.i].kind != "person"), None)
    return owner


def _word_modifier(f: MentionFinder, mod: Modifiers, tok: Token) -> bool:
    """Read a coordinator, "ethnic", "X-backed"/"pro-X" or "X-led" into `mod`; True when
    the word is an X-backed or X-led compound (nothing more to read from it)."""
    low = tok.lower_
    if tok.dep_ == "cc":
        mod.coordinated = True
    if low == "ethnic":
        mod.ethnic = True
    if low.endswith(BACKED) or low.startswith("pro-"):
        mod.backer = mod.backer or f.word_country(low.removeprefix("pro-").split("-")[0])
        mod.skip.add(tok.i)
        return True
    if low.endswith(LED):
        found = f.word_country(tok.text.split("-")[0])
        if found:
            mod.countries.append((tok.i, tok.i, found))
        mod.skip.add(tok.i)
        return True
    return False


def _entity_modifier(f: MentionFinder, mod: Modifiers, tok: Token, span: Span,
                     done: set[int]) -> None:
    """Read a named modifier (a country, a possessor, a group) into `mod`."""
    done.update(t.i for t in span)
    mod.skip.update(t.i for t in span)
    found = next((c for t in span if (c := f.country_of(t))), None)
    member = f.tok_cand.get(tok.i)
    if member is not None and member.key and member.key.startswith("org:") \
            and span.root.dep_ != "poss":
        mod.group = member
        found = found or member.country
    if _is_backer_token(f, span.root):
        mod.backer = mod.backer or found
        mod.keep.update(t.i for t in span)
    elif span.root.dep_ == "poss":
        mod.keep.update(t.i for t in span)
        if found:
            mod.countries.insert(0, (span.start, span.end - 1, found))
    elif found:
        mod.countries.append((span.start, span.end - 1, found))


def _is_backer_token(f: MentionFinder, root: Token) -> bool:
    nxt = root.i + 1
    return nxt + 1 < len(f.doc) and f.doc[nxt].text == "-" and \
        f.doc[nxt + 1].lower_ in {b[1:] for b in BACKED}


def _prep_country(f: MentionFinder, head: Token) -> tuple[str | None, int]:
    """'president of Armenia', 'rebels in Darfur', 'lawmakers on Capitol Hill': the
    country and the last token of the phrase that names it (else the head)."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "in", "on", "from", "inside"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            near = [obj] if obj.i in f.tok_ent else []
            if obj.lower_ in PLACE_NOUNS or prep.lower_ in ("from", "in"):
                near += [c for c in obj.children if c.dep_ in NOUN_MODIFIERS_WITH_POSS]
                near += [g for c in obj.children if c.dep_ == "prep"
                         for g in c.children if g.dep_ == "pobj"]
            for tok in near:
                found = f.country_of(tok) if tok.i in f.tok_ent else \
                    f.word_country(tok.text) if tok.text[:1].isupper() else None
                if found:
                    return found, max(t.i for t in obj.subtree)
    return None, head.i


@dataclass
class Modifiers:
    """What the words left of a nominal head say about it."""

    countries: list[tuple[int, int, str]] = field(default_factory=list)
    backer: str | None = None
    owner: Candidate | None = None
    coordinated: bool = False
    ethnic: bool = False
    group: Candidate | None = None
    skip: set[int] = field(default_factory=set)
    keep: set[int] = field(default_factory=set)

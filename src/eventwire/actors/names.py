"""Actor passes 1 and 2: people and named organisations.

1. PERSON entities, with the title words left of the name ("Iraqi Prime Minister Adel
   Abdul Mahdi": country from the demonym, sectors and title from `sectors.tsv`) or in an
   appositive ("Mark Esper, the defense secretary,"). US cabinet titles ("Secretary of
   State") imply USA, British ones ("Foreign Secretary") GBR, only when the title names no
   other country. `people.tsv` gives well-known leaders their country ("Putin"); a text
   title always wins over the table. An honorific gives the gender ("Mr.", "Queen").
2. ORG/FAC entities and runs of proper nouns spaCy missed ("Operation Inherent Resolve"),
   looked up in `organizations.tsv` and `institutions.tsv` (the Pentagon → USA MIL), else
   coded from their own words ("Iraqi Security Forces" → IRQ MIL+COP); an entity that
   stops a word or two short of a table name takes them ("Group of" + "Seven"); an acronym
   the article spells out is such a name though the tagger reads a noun ("IS").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.actors.coref import Candidate
from eventwire.actors.tables import norm
from eventwire.actors.words import (
    HONORIFICS,
    LEADING_JUNK,
    MAX_NAME_TOKENS,
    NEWS_WORDS,
    NO_TERM,
    TITLE_FILL,
)
from eventwire.model import Entity
from eventwire.nlp.columns import with_pos
from eventwire.nlp.english import DET_OR_PUNCT, NOUN_TAGS, PREP_OR_RELCL, VERB_TAGS

MAX_COMPLETION = 2  # words an entity may miss of a table name

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.actors.finder import MentionFinder


def find_person(f: MentionFinder, entity: Entity, span: Span) -> None:
    t = f.t
    if t.organization(entity.text) or t.institution(entity.text):
        find_named(f, entity, span)
        return
    if t.country(entity.text) or t.demonym(entity.text) or (entity.text.endswith("s") and any(
                f.word_country(tk.text) for tk in span)):
        return
    toks = [tk for tk in span if tk.tag_ != "POS" and tk.text not in ("'s", "’s")]
    inner: list[Token] = []
    while len(toks) > 1 and toks[0].lower_ in f.title_words and \
            toks[0].lower_ not in TITLE_FILL - {"general", "chief"}:
        inner.append(toks.pop(0))
    if not toks or len(toks) > MAX_NAME_TOKENS:
        return
    name = f.text[toks[0].idx:toks[-1].idx + len(toks[-1])]
    name = name[:-2] if name.endswith(("'s", "’s")) else name
    left = _title_left(f, span.start) + inner
    if not left:
        left = _title_appos(f, toks)
    country, title, sectors, extra = _read_title(f, left)
    known = t.person(name)
    if known is not None:
        country = country or known.country
        sectors = sectors or list(known.sectors)
    cand = Candidate(start=entity.start, end=entity.end, name=name, kind="person",
                     country=country, sectors=sectors, title=title, label="PERSON")
    before = f.doc[span.start - 1].lower_ if span.start > 0 else ""
    cand.gender = HONORIFICS.get(before) or next(
        (HONORIFICS[tk.lower_] for tk in inner if tk.lower_ in HONORIFICS), None)
    cand.sectors += [s for s in extra if s not in cand.sectors]
    f.add(cand, list(span), entity)
    f.absorb(left, cand, entity)


def _title_left(f: MentionFinder, start: int) -> list[Token]:
    sent_start = f.doc[start].sent.start if start < len(f.doc) else 0
    toks: list[Token] = []
    j = start - 1
    while j >= sent_start and start - j <= MAX_NAME_TOKENS:
        tok = f.doc[j]
        entity = f.tok_ent.get(j)
        if entity is not None and entity.label == "PERSON":
            break
        ok = tok.lower_ in f.title_words or tok.text in ("'s", "’s", "-") or (
            entity is not None and f.country_of(tok) is not None) or (
            entity is not None and f.t.organization(entity.text) is not None)
        if tok.lower_ == "of" and (j == sent_start or f.t.terms.get(
                f.doc[j - 1].lower_, NO_TERM).role != "title"):
            break
        if not ok:
            break
        toks.insert(0, tok)
        j -= 1
    while toks and toks[0].lower_ in LEADING_JUNK:
        toks.pop(0)
    return toks


def _title_appos(f: MentionFinder, name: list[Token]) -> list[Token]:
    """'Mark Esper, the defense secretary,' → the appositive's words."""
    root = next((tk for tk in name if tk.head.i not in {x.i for x in name}), name[-1])
    for child in root.children:
        if child.dep_ == "appos" and child.lower_ in f.t.terms:
            sub = [tk for tk in child.subtree if tk.dep_ not in DET_OR_PUNCT
                   and tk.i not in f.used and tk.dep_ not in PREP_OR_RELCL
                   and tk.i <= child.i]
            return sub
    return []


def _read_title(f: MentionFinder, toks: list[Token]) -> tuple[str | None, str | None, list[str],
                                                    list[str]]:
    """Country, title text, sectors and extra (IGO) sectors of the words before a name."""
    if not toks:
        return None, None, [], []
    country: str | None = None
    extra: list[str] = []
    first = 0
    for k, tok in enumerate(toks):
        entity = f.tok_ent.get(tok.i)
        if tok.text in ("'s", "’s"):
            if k > 0 and f.tok_ent.get(toks[k - 1].i) is not None:
                first = k + 1
            continue
        if entity is None:
            continue
        found = f.country_of(tok) if entity is not None else None
        known = f.t.organization(entity.text) if entity is not None else None
        if found is not None or known is not None:
            if country is None and found is not None:
                country = found
            if known is not None and "IGO" in known.sectors:
                extra = ["IGO"]
            first = k + 1
    rest = toks[first:]
    while rest and rest[0].lower_ in LEADING_JUNK:
        rest = rest[1:]
    if not rest:
        return country, None, [], extra
    title = f.text[rest[0].idx:rest[-1].idx + len(rest[-1])]
    sectors, implied, matched = f.sectors(title)
    if not matched:
        return country, None, [], extra
    return country or implied, title, sectors, extra


def find_named(f: MentionFinder, entity: Entity, span: Span) -> None:
    if any(tk.i in f.used for tk in span) or len(span) > MAX_NAME_TOKENS * 2:
        return
    cand = f.known(entity.text, entity.start, entity.end, "ORG")
    toks = list(span)
    if cand is None:
        cand, toks = _completed(f, entity, span)
    if cand is None and entity.label == "ORG" and all(tk.pos_ == "PROPN" for tk in span) \
            and len(span) > 1 and _read_title(f, _title_left(f, span.start))[1]:
        find_person(f, entity, span)
        return
    if cand is None and f.t.country(entity.text) is None \
            and f.t.demonym(entity.text) is None and f.t.capital(entity.text) is None:
        cand = _derived(f, entity.text, entity.start, entity.end, span)
    if cand is not None:
        f.add(cand, toks, entity)


def _completed(f: MentionFinder, entity: Entity,
               span: Span) -> tuple[Candidate | None, list[Token]]:
    """A table organisation whose name the entity cuts short ("Group of" + "Seven")."""
    doc = f.doc
    for extra in range(1, MAX_COMPLETION + 1):
        last = span.end - 1 + extra
        if last >= len(doc) or doc[last].i in f.used or doc[last].is_punct:
            break
        end = doc[last].idx + len(doc[last])
        cand = f.known(f.text[entity.start:end], entity.start, end, "ORG")
        if cand is not None:
            return cand, [*span, *doc[span.end:last + 1]]
    return None, list(span)


def _derived(f: MentionFinder, words: str, start: int, end: int, span: Span) -> Candidate | None:
    """An organisation not in the tables: country and sectors from its own words."""
    if span.label_ == "FAC" or len(span) > MAX_NAME_TOKENS // 2 or all(
            tk.pos_ == "ADJ" or tk.dep_ == "amod" for tk in span) or any(
            tk.pos_ in VERB_TAGS for tk in span):
        return None
    if words.lower().startswith("the "):
        words, start = words[4:], start + 4
    country = next((c for tk in span if (c := f.word_country(tk.text))), None)
    sectors, _, _ = f.sectors(words)
    if not sectors and any(tk.lower_ in NEWS_WORDS for tk in span):
        sectors = ["JRN"]
    return Candidate(start=start, end=end, name=words.removesuffix("’s").removesuffix("'s"),
                     kind="organization", country=country, sectors=sectors,
                     key=None if words.isupper() else f"org:{norm(words)}", label="ORG",
                     guessed=len(span) <= 2)


def find_proper_runs(f: MentionFinder) -> None:
    """Names spaCy did not tag: runs of proper nouns found in the tables, operations; an
    acronym the article spells out counts as a proper noun even where the tagger reads a
    common noun ("airstrikes against IS in Syria" after "the Islamic State group")."""
    run: list[Token] = []
    for tok in [*with_pos(f.doc, *NOUN_TAGS), None]:  # only nouns can be in a run
        if run and (tok is None or tok.i != run[-1].i + 1):  # a word between ends the run
            _propn_run(f, run)
            run = []
        if tok is not None and (tok.pos_ == "PROPN" or _spelled_acronym(f, tok)) \
                and tok.i not in f.tok_ent and tok.i not in f.used and tok.text[:1].isupper():
            run.append(tok)
            continue
        if run:
            _propn_run(f, run)
        run = []


def _spelled_acronym(f: MentionFinder, tok: Token) -> bool:
    return tok.pos_ in NOUN_TAGS and tok.text.replace(".", "") in f.spelled


def _propn_run(f: MentionFinder, run: list[Token]) -> None:
    start, end = run[0].idx, run[-1].idx + len(run[-1])
    words = f.text[start:end]
    cand = f.known(words, start, end, "ORG")
    if cand is None and run[0].lower_ == "operation" and len(run) > 1:
        cand = Candidate(start=start, end=end, name=words, kind="organization",
                         sectors=["MIL"], key=f"org:{norm(words)}", label="ORG")
    if cand is not None:
        f.add(cand, run)


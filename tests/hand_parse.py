"""Hand-built parses for rule tests: words, heads, labels and tags written out, as spaCy's
own language tests do. No statistical model is loaded, so a parser change cannot make a test
built on these fail; only a change of the rule can."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.lang.en import English
from spacy.tokens import Doc

VOCAB = English().vocab  # the language's lexical attributes, no statistical model


@dataclass(frozen=True)
class W:
    """One word: text, index of its head, dependency label, coarse and fine tag, entity (IOB
    with label, "O" outside) and lemma (the lower-case text unless given)."""

    text: str
    head: int
    dep: str
    pos: str
    tag: str
    ent: str = "O"
    lemma: str = ""


def parse(*words: W) -> Doc:
    """The words as one parsed document."""
    return Doc(VOCAB, words=[w.text for w in words], heads=[w.head for w in words],
               deps=[w.dep for w in words], pos=[w.pos for w in words],
               tags=[w.tag for w in words], lemmas=[w.lemma or w.text.lower() for w in words],
               ents=[w.ent for w in words])


def index_of(doc: Doc, text: str) -> int:
    """The index of the first word written `text`."""
    return next(t.i for t in doc if t.text == text)

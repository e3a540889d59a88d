"""Every grammar set is defined once (issue 23, "one definition, half true").

No module but nlp/english.py spells out a set of spaCy part-of-speech tags, Penn Treebank
tags, dependency labels or entity labels (they name one from nlp/english.py), and no two
modules define the same word-set constant (a set, tuple or list of strings at module
level)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "src" / "eventwire"
HOME = "nlp/english.py"

# spaCy's coarse (Universal) part-of-speech tags and the English dependency labels of
# en_core_web_sm (ClearNLP style), as spacy.glossary lists them.
POS_TAGS = frozenset({"ADJ", "ADP", "ADV", "AUX", "CCONJ", "CONJ", "DET", "INTJ", "NOUN", "NUM",
                      "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE"})
DEP_LABELS = frozenset({
    "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "case",
    "cc", "ccomp", "compound", "conj", "csubj", "csubjpass", "dative", "dep", "det", "dobj",
    "expl", "intj", "mark", "meta", "neg", "nmod", "npadvmod", "nsubj", "nsubjpass", "nummod",
    "oprd", "parataxis", "pcomp", "pobj", "poss", "preconj", "predet", "prep", "prt", "punct",
    "quantmod", "relcl", "xcomp", "ROOT"})
# Fine-grained (Penn Treebank) tags and the OntoNotes entity labels of en_core_web_sm.
PENN_TAGS = frozenset({
    "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP",
    "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD",
    "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "HYPH", "NFP", "ADD", "AFX", "XX"})
ENTITY_LABELS = frozenset({
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
VOCABULARIES = (POS_TAGS, DEP_LABELS, PENN_TAGS, ENTITY_LABELS)


def _strings(node: ast.AST) -> frozenset[str] | None:
    """The strings of a literal set/tuple/list of two or more strings (also inside
    frozenset(...), set(...) or tuple(...)), else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id in {"frozenset", "set", "tuple"} and len(node.args) == 1:
        node = node.args[0]
    if isinstance(node, ast.Set | ast.Tuple | ast.List) and len(node.elts) >= 2 and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return frozenset(e.value for e in node.elts if isinstance(e, ast.Constant))
    return None


def _label_literals(source: str) -> list[tuple[int, list[str]]]:
    """Literal sets made only of POS tags, dependency labels, Penn tags or entity labels,
    with their line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        words = _strings(node) if isinstance(node, ast.Set | ast.Tuple | ast.List) else None
        if words is not None and any(words <= vocabulary for vocabulary in VOCABULARIES):
            found.append((getattr(node, "lineno", 0), sorted(words)))
    return found


def _word_constants(source: str) -> dict[frozenset[str], str]:
    """Module-level constants that are literal sets of strings, by their words."""
    found: dict[frozenset[str], str] = {}
    for stmt in ast.parse(source).body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else \
            stmt.target if isinstance(stmt, ast.AnnAssign) else None
        value = getattr(stmt, "value", None)
        if isinstance(target, ast.Name) and value is not None and target.id != "__all__" \
                and (words := _strings(value)) is not None:
            found[words] = target.id
    return found


def _modules() -> dict[str, str]:
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(ROOT.rglob("*.py"))}


def test_only_english_spells_out_tags_and_labels() -> None:
    spelled = {name: found for name, source in _modules().items()
               if name != HOME and (found := _label_literals(source))}
    assert spelled == {}


def test_no_two_modules_define_the_same_word_set() -> None:
    owners: dict[frozenset[str], list[str]] = {}
    for name, source in _modules().items():
        for words, constant in _word_constants(source).items():
            owners.setdefault(words, []).append(f"{name}:{constant}")
    assert {sorted(words)[0]: where for words, where in owners.items() if len(where) > 1} == {}


@pytest.mark.parametrize(("source", "expected"), [
    ('x = tok.pos_ in ("VERB", "AUX")', [(1, ["AUX", "VERB"])]),
    ('X = frozenset({"nsubj", "nsubjpass"})', [(1, ["nsubj", "nsubjpass"])]),
    ('x = tok.lower_ in {"by", "from"}', []),
    ('x = ent.label_ in {"DATE", "TIME"}', [(1, ["DATE", "TIME"])]),
    ('x = tok.tag_ in ("NNS", "NNPS")', [(1, ["NNPS", "NNS"])]),
    ('x = tok.dep_ == "nsubj"', []),
])
def test_the_label_finder_can_fail(source: str, expected: list[tuple[int, list[str]]]) -> None:
    assert _label_literals(source) == expected


def test_the_duplicate_finder_can_fail() -> None:
    assert _word_constants('A = frozenset({"the", "this"})\nB = ("x",)\n') == {
        frozenset({"the", "this"}): "A"}


def test_event_type_groups_live_in_data() -> None:
    """Groupings of PLOVER types are in data/events/type_groups.toml, not in the rules: no
    module but the record's enum (model.py) lists two or more event types."""
    from eventwire.model import EVENT_TYPES

    listed = {name: found for name, source in _modules().items() if name != "model.py"
              and (found := [sorted(words) for node in ast.walk(ast.parse(source))
                             if isinstance(node, ast.Set | ast.Tuple | ast.List)
                             and (words := _strings(node)) is not None
                             and words <= set(EVENT_TYPES)])}
    assert listed == {}


def test_type_groups_name_only_known_types() -> None:
    from eventwire.events.type_groups import GROUPS, REQUEST_MODES, THREAT_MODES
    from eventwire.model import EVENT_TYPES

    named = set().union(*GROUPS.values(), REQUEST_MODES, THREAT_MODES)
    assert named - set(EVENT_TYPES) == set()


def test_no_two_data_files_define_the_same_word_list() -> None:
    """A word list (a TOML list) has one home: e.g. `directions` and `place_nouns` are in
    data/places/place_words.toml only (the actors stage reads its variants from there)."""
    import tomllib

    homes: dict[str, list[str]] = {}
    for path in sorted((ROOT / "data").rglob("*.toml")):
        for key, value in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(value, list):
                homes.setdefault(key, []).append(path.relative_to(ROOT).as_posix())
    assert {key: files for key, files in homes.items() if len(files) > 1} == {}


def test_reporting_verbs_are_listed_once() -> None:
    """The events stage's speech cues are the reporting verbs speech_cues.tsv marks
    "speech"; plover_lexicon.tsv lists none of them again."""
    from eventwire.data import read_text
    from eventwire.events.lexicon import load_lexicon, parse_rows
    from eventwire.quotes.attribution import cue_table

    rows = parse_rows(read_text("events/plover_lexicon.tsv"))
    assert [row.words for row in rows if row.role == "speech"] == []
    speech = {word for word, role in load_lexicon().cues.items() if role == "speech"}
    assert {"say", "tell", "announce"} <= speech <= cue_table().verbs

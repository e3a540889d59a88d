"""The final type, mode and modality of a detected candidate (events/detect.py), by the
PLOVER codebook's reading of intent, control, obligation and the future:
- intent words (promise, offer, vow, willing) take their type from the complement: a promised
  cooperative act is AGREE, a promised conflictual one THREATEN, a negated or refused
  cooperative act REJECT, offered aid stays AID;
- verbal cooperation under a plain "not" keeps its type, negated ("would not support");
- control verbs keep their own type; the complement sets the mode;
- "X said Y must ..." is a REQUEST by X of Y;
- an announced future or hypothetical cooperative act is AGREE, a conflictual one THREATEN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.complements import binds_speaker, speech_head
from eventwire.events.lexicon import Lexicon
from eventwire.events.modality import Modal, is_negated, modality_of, plainly_negated
from eventwire.events.threats import recode_warning
from eventwire.events.type_groups import (
    COOPERATIVE,
    MATERIAL_CONFLICT,
    MATERIAL_COOPERATION,
    NEGATION_KEPT,
    REQUEST_MODES,
    SPEECH_ACTS,
    THREAT_IF_FUTURE,
    THREAT_MODES,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.detect import Candidate

COERCE_THREAT_MODES = {"ban": "ban", "censor": "ban", "arrest": "arrest", "curfew": "restrict",
                       "restrict": "restrict", "deport": "expel", "martial-law": "restrict"}


def _threat_mode(inner: Candidate, lexicon: Lexicon | None = None) -> str | None:
    """The THREATEN mode of a threatened act: the act's own word first ("seize" -> territory,
    "expel" -> expel), then its type and mode."""
    if lexicon is not None:
        for token in (inner.trigger, inner.anchor):
            mode = lexicon.mode_for("THREATEN", token.lemma_.lower())
            if mode is not None:
                return mode
    if inner.type == "COERCE":
        return COERCE_THREAT_MODES.get(inner.mode or "", "restrict")
    if inner.type == "RETREAT" and inner.mode == "withdraw":
        return "relations"
    return THREAT_MODES.get(inner.type)


def _code_intent(candidate: Candidate, modal: Modal, lexicon: Lexicon) -> None:
    """Intent words: a promised cooperative act is AGREE, a conflictual one THREATEN."""
    inner = candidate.complement
    candidate.derived = True
    if inner is None and lexicon.cue(candidate.trigger) == "tentative" \
            and not any(c.dep_ == "dobj" for c in candidate.trigger.children):
        candidate.absorbed = True  # "plans to go home", "ready for the Fed": no event
        return
    if inner is not None:
        if inner.type in COOPERATIVE and is_negated(inner.anchor):
            candidate.type, candidate.mode = "REJECT", None
        elif inner.type == "AID" and lexicon.cue(candidate.trigger) == "offering":
            candidate.type, candidate.mode = inner.type, inner.mode  # offered aid (voa guide)
        elif inner.type in COOPERATIVE:
            candidate.type, candidate.mode = "AGREE", None
        elif inner.type in MATERIAL_CONFLICT:
            candidate.type, candidate.mode = "THREATEN", _threat_mode(inner, lexicon)
        else:
            candidate.type, candidate.mode = inner.type, inner.mode
        candidate.contexts = sorted({*candidate.contexts, *inner.contexts})
    if modal.negated and candidate.type in COOPERATIVE:
        candidate.type = "REJECT"
        candidate.modal = Modal("asserted", False, modal.future, modal.hypothetical, False)


def _code_control(candidate: Candidate, inner: Candidate, lexicon: Lexicon) -> None:
    """Control verbs keep their type; the complement sets the mode."""
    candidate.derived = True
    if candidate.type == "THREATEN":
        candidate.mode = candidate.mode or _threat_mode(inner, lexicon)
    elif candidate.type == "REQUEST":
        candidate.mode = candidate.mode or REQUEST_MODES.get(inner.type, "change")
    candidate.contexts = sorted({*candidate.contexts, *inner.contexts})


def _future_type(candidate: Candidate) -> tuple[str, str | None] | None:
    """Type and mode of an announced future or hypothetical event, None to keep it."""
    if candidate.type in MATERIAL_COOPERATION and _unless(candidate.anchor):
        return "THREATEN", "relations"
    if candidate.mode == "resign":
        return None
    if candidate.type in MATERIAL_COOPERATION:
        return "AGREE", None
    if candidate.type in THREAT_IF_FUTURE:
        mode = _threat_mode(candidate) if candidate.type != "COERCE" else \
            COERCE_THREAT_MODES.get(candidate.mode or "", "restrict")
        return "THREATEN", mode
    return None


def _request(candidate: Candidate, lexicon: Lexicon) -> bool:
    """A reported obligation ("X said Y must release ...") is X's REQUEST of Y; True when
    the candidate was recoded so."""
    speech = speech_head(candidate.anchor, lexicon)
    if speech is None or candidate.type in SPEECH_ACTS:
        return False
    inner_mode = REQUEST_MODES.get(candidate.type, "change")
    candidate.type, candidate.mode, candidate.derived = "REQUEST", inner_mode, True
    candidate.request_of = speech
    candidate.modal = Modal("asserted", False, False, False, True)
    return True


def _code_event(candidate: Candidate, modal: Modal, lexicon: Lexicon) -> None:
    """Reported obligations become REQUEST, future acts AGREE or THREATEN."""
    if modal.obligation and _request(candidate, lexicon):
        return
    if (modal.future or modal.hypothetical) and candidate.role == "event":
        coded = _future_type(candidate)
        if coded is None:
            return
        candidate.type, candidate.mode = coded
        candidate.derived = True
        candidate.contexts = sorted({*candidate.contexts, "future"})
        candidate.modal = Modal("asserted", False, modal.future, modal.hypothetical, False)


def code(candidate: Candidate, lexicon: Lexicon) -> None:
    """Final type, mode and modality of a candidate."""
    heads = [candidate.trigger]
    if candidate.anchor != candidate.trigger:
        heads.append(candidate.anchor)
    modal = modality_of(heads, lexicon)
    candidate.modal = modal
    if candidate.type == "THREATEN" and "warning" in {lexicon.cue(t) for t in heads}:
        recode_warning(candidate)
    if candidate.role == "obligation":
        candidate.request_of = speech_head(candidate.anchor, lexicon)
        candidate.modal = Modal("asserted", False, False, False, True)
        return
    if candidate.type == "THREATEN" and modal.modality in {"future", "conditional"}:
        candidate.modal = Modal("asserted", False, modal.future, False, False)
    if candidate.role == "intent":
        _code_intent(candidate, modal, lexicon)
        return
    if candidate.role == "control" and candidate.complement is not None:
        _code_control(candidate, candidate.complement, lexicon)
    if modal.negated and modal.obligation and not binds_speaker(candidate.anchor) \
            and _request(candidate, lexicon):
        return  # "told governments that they shouldn't close borders": asks them not to
    if modal.negated and candidate.type in NEGATION_KEPT \
            and any(plainly_negated(head) for head in heads):
        return  # "would not support Bernie": SUPPORT, negated (type_groups.toml)
    if modal.negated and candidate.type in COOPERATIVE:
        candidate.type, candidate.mode, candidate.derived = "REJECT", None, True
        candidate.modal = Modal("asserted", False, modal.future, modal.hypothetical, False)
        return
    if modal.negated or candidate.type == "THREATEN":
        return
    _code_event(candidate, modal, lexicon)


def _unless(verb: Token) -> bool:
    """True when the verb carries an "unless ..." clause (a conditional threat)."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                         for m in c.children) for c in verb.children)

"""Groupings of PLOVER event types the rules share, read once from
data/events/type_groups.toml (what each group means is written there).

A rule names a group ("is this a verbal act?") instead of listing types, so a new event
type is added in data (the lexicon and the groups) and the schema, not in the rules.
"""

from __future__ import annotations

from eventwire.data import read_toml

SOURCE = "events/type_groups.toml"
_DATA = read_toml(SOURCE)
GROUPS: dict[str, frozenset[str]] = {name: frozenset(types)
                                     for name, types in _DATA["groups"].items()}

PLACELESS_MODES = frozenset(_DATA["placeless_modes"])
VERBAL = GROUPS["verbal"]
COOPERATIVE = GROUPS["cooperative"]
MATERIAL_COOPERATION = GROUPS["material_cooperation"]
MATERIAL_CONFLICT = GROUPS["material_conflict"]
THREAT_IF_FUTURE = GROUPS["threat_if_future"]
THREAT_TYPES = GROUPS["threat_types"]
SPEECH_ACTS = GROUPS["speech_acts"]
ADDRESSED = GROUPS["addressed"]
HAPPENINGS = GROUPS["happenings"]
MEETINGS = GROUPS["meetings"]
HARM = GROUPS["harm"]
CRIME_CHECKED = GROUPS["crime_checked"]
SPORTS_KEPT = GROUPS["sports_kept"]
INSTRUMENT_WITH = GROUPS["instrument_with"]
AUTHORITY = GROUPS["authority"]
CLAUSE_TARGETS = GROUPS["clause_targets"]
TOPIC_TARGETS = GROUPS["topic_targets"]
CONDEMNING = GROUPS["condemning"]
SUPPORTING = GROUPS["supporting"]
BLAMING = GROUPS["blaming"]
NEGATION_KEPT = GROUPS["negation_kept"]
#: PLOVER mode of a THREATEN / a REQUEST by the type of the act threatened / requested.
THREAT_MODES: dict[str, str] = dict(_DATA["threat_modes"])
REQUEST_MODES: dict[str, str] = dict(_DATA["request_modes"])

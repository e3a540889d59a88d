"""Schema V6 (review): see `migrations`. The period expressions (@DAY_NEW@ and the like) are
filled in there, as for V5."""

from __future__ import annotations

# V6 (review): the analysts' review log and the corrected overlay, in their own tables that
# no write of articles touches (store/reviews.py re-attaches them after every write); events
# carry their review status, and a rejected or merged-away event counts nowhere.
_LIVE = "{r}.reviewed NOT IN ('rejected', 'merged')"
_V6_TEMPLATE = """
ALTER TABLE events ADD COLUMN reviewed TEXT NOT NULL DEFAULT 'machine';

CREATE TABLE reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,         -- the event as it was named when reviewed
    action TEXT NOT NULL,           -- confirm | reject | edit | merge | split
    who TEXT NOT NULL, at TEXT NOT NULL,   -- UTC ISO time
    changes TEXT NOT NULL,          -- JSON {field: [old, new]}
    note TEXT NOT NULL DEFAULT '',
    base_version INTEGER NOT NULL,  -- the event's review version the action was based on
    anchor TEXT NOT NULL            -- the review key of the event (event_reviews.key)
);
CREATE INDEX reviews_event ON reviews(event_id);
CREATE INDEX reviews_anchor ON reviews(anchor);

CREATE TABLE event_reviews (
    event_id TEXT PRIMARY KEY,      -- the event it applies to now (re-attached after writes)
    key TEXT NOT NULL UNIQUE,       -- its first anchor, never changed: the history's key
    status TEXT NOT NULL,           -- confirmed | corrected | rejected | merged
    version INTEGER NOT NULL,
    corrected TEXT NOT NULL DEFAULT '{}',  -- JSON {field: value} the analyst set
    original TEXT NOT NULL DEFAULT '{}',   -- JSON {field: value} the machine gave
    merged_into TEXT, merged_anchor TEXT,
    anchor_article TEXT NOT NULL, anchor_item TEXT,
    sentence_start INTEGER, sentence_end INTEGER, trigger_start INTEGER, trigger_end INTEGER,
    sentence_text TEXT, trigger_text TEXT,
    orphaned INTEGER NOT NULL DEFAULT 0,   -- its evidence is no longer in the store
    who TEXT NOT NULL, at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX event_reviews_anchor ON event_reviews(anchor_article);

DROP TRIGGER events_count_add;
DROP TRIGGER events_count_drop;
DROP TRIGGER events_count_move;
DROP TRIGGER counts_add;
DROP TRIGGER counts_drop;
DROP TRIGGER counts_move;

CREATE TRIGGER facts_add AFTER INSERT ON events BEGIN
    INSERT INTO event_facts(event_id) VALUES (NEW.id);
END;
CREATE TRIGGER facts_drop AFTER DELETE ON events BEGIN
    DELETE FROM event_facts WHERE event_id = OLD.id;
END;
CREATE TRIGGER events_count_add AFTER INSERT ON events WHEN @LIVE_NEW@ BEGIN
    @ADD_DAILY@
END;
CREATE TRIGGER events_count_drop AFTER DELETE ON events WHEN @LIVE_OLD@ BEGIN
    @DROP_DAILY@
END;
CREATE TRIGGER events_count_out AFTER UPDATE OF type, day, date_precision, reviewed ON events
WHEN @LIVE_OLD@ BEGIN
    @DROP_DAILY@
END;
CREATE TRIGGER events_count_in AFTER UPDATE OF type, day, date_precision, reviewed ON events
WHEN @LIVE_NEW@ BEGIN
    @ADD_DAILY@
END;
CREATE TRIGGER counts_add AFTER INSERT ON events WHEN @LIVE_NEW@ BEGIN
    @ADD_COUNTS@
END;
CREATE TRIGGER counts_drop AFTER DELETE ON events WHEN @LIVE_OLD@ BEGIN
    @DROP_COUNTS@
END;
CREATE TRIGGER counts_out AFTER UPDATE OF type, day, date_precision, country, source_name,
reviewed ON events WHEN @LIVE_OLD@ BEGIN
    @DROP_COUNTS@
END;
CREATE TRIGGER counts_in AFTER UPDATE OF type, day, date_precision, country, source_name,
reviewed ON events WHEN @LIVE_NEW@ BEGIN
    @ADD_COUNTS@
END;
"""
_V6_PARTS = {
    "@ADD_DAILY@": """INSERT INTO event_daily(type, day, n) VALUES (NEW.type, @DAY_NEW@, 1)
    ON CONFLICT(type, day) DO UPDATE SET n = n + 1;
    INSERT INTO event_monthly(type, month, n) VALUES (NEW.type, @MONTH_NEW@, 1)
    ON CONFLICT(type, month) DO UPDATE SET n = n + 1;""",
    "@DROP_DAILY@": """UPDATE event_daily SET n = n - 1 WHERE type = OLD.type AND day = @DAY_OLD@;
    DELETE FROM event_daily WHERE type = OLD.type AND day = @DAY_OLD@ AND n <= 0;
    UPDATE event_monthly SET n = n - 1 WHERE type = OLD.type AND month = @MONTH_OLD@;
    DELETE FROM event_monthly WHERE type = OLD.type AND month = @MONTH_OLD@ AND n <= 0;""",
    "@ADD_COUNTS@": """INSERT INTO event_counts(per, actor, period, type, country, n)
    SELECT p.per, a.actor, p.period, NEW.type, COALESCE(NEW.country, ''), 1
    FROM (SELECT 'day' AS per, @DAY_NEW@ AS period
          UNION ALL SELECT 'week', @WEEK_NEW@
          UNION ALL SELECT 'month', @MONTH_NEW@) AS p,
         (SELECT COALESCE(NEW.source_name, '') AS actor UNION ALL SELECT '*') AS a WHERE 1
    ON CONFLICT(per, actor, period, type, country) DO UPDATE SET n = n + 1;""",
    "@DROP_COUNTS@": """UPDATE event_counts SET n = n - 1
    WHERE type = OLD.type AND country = COALESCE(OLD.country, '')
      AND actor IN (COALESCE(OLD.source_name, ''), '*')
      AND ((per = 'day' AND period = @DAY_OLD@)
           OR (per = 'week' AND period = @WEEK_OLD@)
           OR (per = 'month' AND period = @MONTH_OLD@));
    DELETE FROM event_counts WHERE n <= 0 AND type = OLD.type;""",
}


def v6_script() -> str:
    script = _V6_TEMPLATE
    for name, part in _V6_PARTS.items():
        script = script.replace(name, part)
    for row in ("NEW", "OLD"):
        script = script.replace(f"@LIVE_{row}@", _LIVE.format(r=row))
    return script

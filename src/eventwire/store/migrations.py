"""The store's migrations: `MIGRATIONS[i]` takes a store from schema version `i` to `i + 1`
(see `schema.migrate`). A migration, once released, is never edited: a change is a new one."""

from __future__ import annotations

from eventwire.store.migrations_v6 import v6_script

_V1 = """
CREATE TABLE eventwire_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,            -- id of the story's first article
    n_articles INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    url TEXT UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT, outlet TEXT, author TEXT, published TEXT, language TEXT,
    story_id TEXT REFERENCES stories(id),
    minhash BLOB,                   -- MinHash signature (uint64 array) for story dedup
    record TEXT NOT NULL            -- the full eventwire/1 record as JSON
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_story ON articles(story_id);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id), item_id TEXT NOT NULL,
    text TEXT, label TEXT, start INTEGER, "end" INTEGER, actor TEXT,
    PRIMARY KEY (article_id, item_id)) WITHOUT ROWID;

CREATE TABLE actors (
    article_id TEXT NOT NULL REFERENCES articles(id), item_id TEXT NOT NULL,
    name TEXT, kind TEXT, country TEXT, sectors TEXT, title TEXT, backer TEXT,
    PRIMARY KEY (article_id, item_id)) WITHOUT ROWID;

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id), item_id TEXT NOT NULL,
    text TEXT, start INTEGER, "end" INTEGER, name TEXT, geonameid INTEGER, feature TEXT,
    country TEXT, admin1 TEXT, lat REAL, lon REAL,
    PRIMARY KEY (article_id, item_id)) WITHOUT ROWID;

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles(id), item_id TEXT NOT NULL,
    text TEXT, start INTEGER, "end" INTEGER, type TEXT, value TEXT, precision TEXT,
    PRIMARY KEY (article_id, item_id)) WITHOUT ROWID;

CREATE TABLE counts (
    article_id TEXT NOT NULL REFERENCES articles(id), item_id TEXT NOT NULL,
    text TEXT, start INTEGER, "end" INTEGER, value REAL, qualifier TEXT, noun TEXT,
    category TEXT,
    PRIMARY KEY (article_id, item_id)) WITHOUT ROWID;

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id), item_id TEXT NOT NULL,
    text TEXT, start INTEGER, "end" INTEGER, direct INTEGER, speaker_text TEXT,
    speaker_actor TEXT, speaker_name TEXT, cue TEXT, channel TEXT,
    PRIMARY KEY (article_id, item_id)) WITHOUT ROWID;

-- One row per real-world event; fields come from its first mention.
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL, mode TEXT, contexts TEXT, factual INTEGER NOT NULL,
    day TEXT NOT NULL,              -- YYYY-MM-DD, '' when unknown
    place_name TEXT, country TEXT, lat REAL, lon REAL,
    source_name TEXT, source_country TEXT, source_sectors TEXT,
    target_name TEXT, target_country TEXT, target_sectors TEXT,
    first_article TEXT NOT NULL, story_id TEXT,
    actor_keys TEXT,                -- '|'-joined actor keys of all its mentions (dedup)
    sentence TEXT,                  -- the first mention's sentence (dedup)
    n_mentions INTEGER NOT NULL DEFAULT 0, n_articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_block ON events(type, factual, day, country);

-- One row per Article.events item, linked to its deduplicated event.
CREATE TABLE event_mentions (
    article_id TEXT NOT NULL REFERENCES articles(id), item_id TEXT NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id),
    type TEXT NOT NULL, factual INTEGER NOT NULL, day TEXT NOT NULL,
    place_name TEXT, country TEXT, actor_keys TEXT,
    trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER,
    sentence_start INTEGER, sentence_end INTEGER, sentence_text TEXT,
    modality TEXT, negated INTEGER, confidence REAL,
    PRIMARY KEY (article_id, item_id)) WITHOUT ROWID;
CREATE INDEX mentions_event ON event_mentions(event_id);

-- Events by type and day, and by type and month, kept by triggers so that counts never
-- scan the events table.
CREATE TABLE event_daily (
    type TEXT NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (type, day)) WITHOUT ROWID;
CREATE TABLE event_monthly (
    type TEXT NOT NULL, month TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (type, month)) WITHOUT ROWID;
CREATE TRIGGER events_count_add AFTER INSERT ON events BEGIN
    INSERT INTO event_daily(type, day, n) VALUES (NEW.type, NEW.day, 1)
    ON CONFLICT(type, day) DO UPDATE SET n = n + 1;
    INSERT INTO event_monthly(type, month, n) VALUES (NEW.type, substr(NEW.day, 1, 7), 1)
    ON CONFLICT(type, month) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER events_count_drop AFTER DELETE ON events BEGIN
    UPDATE event_daily SET n = n - 1 WHERE type = OLD.type AND day = OLD.day;
    DELETE FROM event_daily WHERE type = OLD.type AND day = OLD.day AND n <= 0;
    UPDATE event_monthly SET n = n - 1 WHERE type = OLD.type AND month = substr(OLD.day, 1, 7);
    DELETE FROM event_monthly
    WHERE type = OLD.type AND month = substr(OLD.day, 1, 7) AND n <= 0;
END;
CREATE TRIGGER events_count_move AFTER UPDATE OF type, day ON events BEGIN
    UPDATE event_daily SET n = n - 1 WHERE type = OLD.type AND day = OLD.day;
    DELETE FROM event_daily WHERE type = OLD.type AND day = OLD.day AND n <= 0;
    UPDATE event_monthly SET n = n - 1 WHERE type = OLD.type AND month = substr(OLD.day, 1, 7);
    DELETE FROM event_monthly
    WHERE type = OLD.type AND month = substr(OLD.day, 1, 7) AND n <= 0;
    INSERT INTO event_daily(type, day, n) VALUES (NEW.type, NEW.day, 1)
    ON CONFLICT(type, day) DO UPDATE SET n = n + 1;
    INSERT INTO event_monthly(type, month, n) VALUES (NEW.type, substr(NEW.day, 1, 7), 1)
    ON CONFLICT(type, month) DO UPDATE SET n = n + 1;
END;
"""

# Watch state (`eventwire watch`, `ingest URL`): each followed feed's HTTP validators and
# last poll, and every item URL already handled, so a restarted watch fetches only what is new.
_V3_FEEDS = """
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT, last_modified TEXT,  -- validators for the next conditional GET
    last_poll TEXT,                 -- UTC ISO time of the last completed poll
    last_status TEXT,               -- 'ok', 'not modified' or the last error
    n_polls INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE feed_items (
    url TEXT PRIMARY KEY,           -- normalised item URL (and the page's canonical URL)
    feed TEXT NOT NULL DEFAULT '',  -- the listing that named it ('' for a URL given directly)
    seen TEXT NOT NULL,             -- UTC ISO time it was handled
    status TEXT NOT NULL,           -- 'stored', 'duplicate', 'skipped', 'refused: ...'
    article_id TEXT
);
"""

# V2 (analyst data): per-event facts (best confidence, modality, the largest killed/injured/
# arrested figures any mention reports, mentions counted within articles; recomputed from all
# of an event's mentions by the writer, store/grouping.py FACTS, so they never depend on the
# order of writes), syndicated copies of stored articles, and event counts by period x type x
# country x actor (kept by triggers).
_V2 = """
CREATE TABLE event_details (
    article_id TEXT NOT NULL REFERENCES articles(id), item_id TEXT NOT NULL,
    killed REAL, injured REAL, arrested REAL,
    n_mentions INTEGER NOT NULL DEFAULT 1,   -- len(events[].mentions), 1 when absent
    PRIMARY KEY (article_id, item_id)) WITHOUT ROWID;

-- `eventwire events` lists the most reported first.
CREATE INDEX events_rank ON events(n_articles DESC, n_mentions DESC, day DESC, id);

CREATE TABLE event_facts (
    event_id TEXT PRIMARY KEY REFERENCES events(id),
    confidence REAL, modality TEXT, negated INTEGER,
    killed REAL, injured REAL, arrested REAL,
    num_mentions INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Articles with the text of a stored article under another id and url (syndication).
CREATE TABLE article_copies (
    id TEXT PRIMARY KEY, url TEXT, outlet TEXT, title TEXT, published TEXT,
    content_hash TEXT NOT NULL, original_id TEXT NOT NULL REFERENCES articles(id)
) WITHOUT ROWID;
CREATE INDEX copies_original ON article_copies(original_id);
CREATE INDEX copies_url ON article_copies(url);
-- An original replaced or removed: its copies no longer have its text.
CREATE TRIGGER copies_drop BEFORE DELETE ON articles BEGIN
    DELETE FROM article_copies WHERE original_id = OLD.id;
END;

-- per: 'day' | 'week' (its Monday) | 'month' (YYYY-MM); '' for unknown days, countries, actors.
-- Each event counts twice: under its source actor, and under actor '*' (all actors), so
-- counts without the actor read the few '*' rows only.
CREATE TABLE event_counts (
    per TEXT NOT NULL, actor TEXT NOT NULL, period TEXT NOT NULL, type TEXT NOT NULL,
    country TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (per, actor, period, type, country)) WITHOUT ROWID;

CREATE TRIGGER counts_add AFTER INSERT ON events BEGIN
    INSERT INTO event_facts(event_id) VALUES (NEW.id);
    INSERT INTO event_counts(per, actor, period, type, country, n)
    SELECT p.per, a.actor, p.period, NEW.type, COALESCE(NEW.country, ''), 1
    FROM (SELECT 'day' AS per, NEW.day AS period
          UNION ALL SELECT 'week', COALESCE(date(NEW.day, '-6 days', 'weekday 1'), '')
          UNION ALL SELECT 'month', substr(NEW.day, 1, 7)) AS p,
         (SELECT COALESCE(NEW.source_name, '') AS actor UNION ALL SELECT '*') AS a WHERE 1
    ON CONFLICT(per, actor, period, type, country) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER counts_drop AFTER DELETE ON events BEGIN
    DELETE FROM event_facts WHERE event_id = OLD.id;
    UPDATE event_counts SET n = n - 1
    WHERE type = OLD.type AND country = COALESCE(OLD.country, '')
      AND actor IN (COALESCE(OLD.source_name, ''), '*')
      AND ((per = 'day' AND period = OLD.day)
           OR (per = 'week' AND period = COALESCE(date(OLD.day, '-6 days', 'weekday 1'), ''))
           OR (per = 'month' AND period = substr(OLD.day, 1, 7)));
    DELETE FROM event_counts WHERE n <= 0 AND type = OLD.type;
END;

CREATE TRIGGER counts_move AFTER UPDATE OF type, day, country, source_name ON events BEGIN
    UPDATE event_counts SET n = n - 1
    WHERE type = OLD.type AND country = COALESCE(OLD.country, '')
      AND actor IN (COALESCE(OLD.source_name, ''), '*')
      AND ((per = 'day' AND period = OLD.day)
           OR (per = 'week' AND period = COALESCE(date(OLD.day, '-6 days', 'weekday 1'), ''))
           OR (per = 'month' AND period = substr(OLD.day, 1, 7)));
    DELETE FROM event_counts WHERE n <= 0 AND type = OLD.type;
    INSERT INTO event_counts(per, actor, period, type, country, n)
    SELECT p.per, a.actor, p.period, NEW.type, COALESCE(NEW.country, ''), 1
    FROM (SELECT 'day' AS per, NEW.day AS period
          UNION ALL SELECT 'week', COALESCE(date(NEW.day, '-6 days', 'weekday 1'), '')
          UNION ALL SELECT 'month', substr(NEW.day, 1, 7)) AS p,
         (SELECT COALESCE(NEW.source_name, '') AS actor UNION ALL SELECT '*') AS a WHERE 1
    ON CONFLICT(per, actor, period, type, country) DO UPDATE SET n = n + 1;
END;

-- Fill the new tables for a store written by schema 1.
INSERT INTO event_facts(event_id, confidence, modality, negated)
SELECT e.id, MAX(m.confidence), MIN(m.modality), MIN(m.negated)
FROM events e LEFT JOIN event_mentions m ON m.event_id = e.id GROUP BY e.id;

INSERT INTO event_details(article_id, item_id, killed, injured, arrested, n_mentions)
SELECT a.id, json_extract(v.value, '$.id'),
       COALESCE(json_extract(v.value, '$.killed'), (SELECT c.value FROM counts c
           WHERE c.article_id = a.id AND c.item_id = json_extract(v.value, '$.count')
           AND c.category = 'killed')),
       COALESCE(json_extract(v.value, '$.injured'), (SELECT c.value FROM counts c
           WHERE c.article_id = a.id AND c.item_id = json_extract(v.value, '$.count')
           AND c.category = 'injured')),
       COALESCE(json_extract(v.value, '$.arrested'), (SELECT c.value FROM counts c
           WHERE c.article_id = a.id AND c.item_id = json_extract(v.value, '$.count')
           AND c.category = 'arrested')),
       MAX(COALESCE(json_array_length(v.value, '$.mentions'), 1), 1)
FROM articles a, json_each(a.record, '$.events') AS v;

UPDATE event_facts SET
    killed = (SELECT MAX(d.killed) FROM event_details d JOIN event_mentions m
              ON m.article_id = d.article_id AND m.item_id = d.item_id
              WHERE m.event_id = event_facts.event_id),
    injured = (SELECT MAX(d.injured) FROM event_details d JOIN event_mentions m
               ON m.article_id = d.article_id AND m.item_id = d.item_id
               WHERE m.event_id = event_facts.event_id),
    arrested = (SELECT MAX(d.arrested) FROM event_details d JOIN event_mentions m
                ON m.article_id = d.article_id AND m.item_id = d.item_id
                WHERE m.event_id = event_facts.event_id),
    num_mentions = (SELECT COALESCE(SUM(d.n_mentions), 0) FROM event_details d
                    JOIN event_mentions m ON m.article_id = d.article_id
                    AND m.item_id = d.item_id WHERE m.event_id = event_facts.event_id);

INSERT INTO event_counts(per, actor, period, type, country, n)
SELECT per, actor, period, type, country, COUNT(*) FROM (
    SELECT p.per, CASE s.everyone WHEN 1 THEN '*' ELSE p.actor END AS actor, p.period,
           p.type, p.country FROM (
        SELECT 'day' AS per, day AS period, type, COALESCE(country, '') AS country,
               COALESCE(source_name, '') AS actor FROM events
        UNION ALL SELECT 'week', COALESCE(date(day, '-6 days', 'weekday 1'), ''), type,
               COALESCE(country, ''), COALESCE(source_name, '') FROM events
        UNION ALL SELECT 'month', substr(day, 1, 7), type, COALESCE(country, ''),
               COALESCE(source_name, '') FROM events) AS p,
        (SELECT 0 AS everyone UNION ALL SELECT 1) AS s)
GROUP BY per, actor, period, type, country;
"""

# V4 (serve): indexes for the API's filters and orders, so that a page of events by day,
# or of one country's events by day, is read from an index instead of sorting the table.
_V4_INDEXES = """
CREATE INDEX events_day ON events(day);
CREATE INDEX events_country ON events(country, day);
"""

# V5 (dates at their own precision): an event known only to the week, month or year keeps
# that precision (`day` holds '2025-03' or '2025', see store/dating.py) and counts only in
# the periods it can be placed in ('' otherwise: never on a made-up day); event mentions
# keep their source and target actor keys apart, for cross-article dedup.
_PERIODS = {
    "DAY": "CASE WHEN {r}.date_precision IN ('day', 'published') THEN {r}.day ELSE '' END",
    "WEEK": "CASE WHEN {r}.date_precision IN ('day', 'published', 'week') "
            "THEN COALESCE(date({r}.day, '-6 days', 'weekday 1'), '') ELSE '' END",
    "MONTH": "CASE WHEN {r}.date_precision IN ('day', 'published', 'week', 'month') "
             "THEN substr({r}.day, 1, 7) ELSE '' END",
}
_V5_TEMPLATE = """
ALTER TABLE events ADD COLUMN date_precision TEXT NOT NULL DEFAULT '';
UPDATE events SET date_precision = CASE length(day) WHEN 10 THEN 'day' ELSE '' END;
ALTER TABLE event_mentions ADD COLUMN date_precision TEXT NOT NULL DEFAULT '';
UPDATE event_mentions SET date_precision = CASE length(day) WHEN 10 THEN 'day' ELSE '' END;
ALTER TABLE event_mentions ADD COLUMN source_keys TEXT;
ALTER TABLE event_mentions ADD COLUMN target_keys TEXT;

DROP TRIGGER events_count_add;
DROP TRIGGER events_count_drop;
DROP TRIGGER events_count_move;
DROP TRIGGER counts_add;
DROP TRIGGER counts_drop;
DROP TRIGGER counts_move;

CREATE TRIGGER events_count_add AFTER INSERT ON events BEGIN
    INSERT INTO event_daily(type, day, n) VALUES (NEW.type, @DAY_NEW@, 1)
    ON CONFLICT(type, day) DO UPDATE SET n = n + 1;
    INSERT INTO event_monthly(type, month, n) VALUES (NEW.type, @MONTH_NEW@, 1)
    ON CONFLICT(type, month) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER events_count_drop AFTER DELETE ON events BEGIN
    UPDATE event_daily SET n = n - 1 WHERE type = OLD.type AND day = @DAY_OLD@;
    DELETE FROM event_daily WHERE type = OLD.type AND day = @DAY_OLD@ AND n <= 0;
    UPDATE event_monthly SET n = n - 1 WHERE type = OLD.type AND month = @MONTH_OLD@;
    DELETE FROM event_monthly WHERE type = OLD.type AND month = @MONTH_OLD@ AND n <= 0;
END;
CREATE TRIGGER events_count_move AFTER UPDATE OF type, day, date_precision ON events BEGIN
    UPDATE event_daily SET n = n - 1 WHERE type = OLD.type AND day = @DAY_OLD@;
    DELETE FROM event_daily WHERE type = OLD.type AND day = @DAY_OLD@ AND n <= 0;
    UPDATE event_monthly SET n = n - 1 WHERE type = OLD.type AND month = @MONTH_OLD@;
    DELETE FROM event_monthly WHERE type = OLD.type AND month = @MONTH_OLD@ AND n <= 0;
    INSERT INTO event_daily(type, day, n) VALUES (NEW.type, @DAY_NEW@, 1)
    ON CONFLICT(type, day) DO UPDATE SET n = n + 1;
    INSERT INTO event_monthly(type, month, n) VALUES (NEW.type, @MONTH_NEW@, 1)
    ON CONFLICT(type, month) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER counts_add AFTER INSERT ON events BEGIN
    INSERT INTO event_facts(event_id) VALUES (NEW.id);
    INSERT INTO event_counts(per, actor, period, type, country, n)
    SELECT p.per, a.actor, p.period, NEW.type, COALESCE(NEW.country, ''), 1
    FROM (SELECT 'day' AS per, @DAY_NEW@ AS period
          UNION ALL SELECT 'week', @WEEK_NEW@
          UNION ALL SELECT 'month', @MONTH_NEW@) AS p,
         (SELECT COALESCE(NEW.source_name, '') AS actor UNION ALL SELECT '*') AS a WHERE 1
    ON CONFLICT(per, actor, period, type, country) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER counts_drop AFTER DELETE ON events BEGIN
    DELETE FROM event_facts WHERE event_id = OLD.id;
    UPDATE event_counts SET n = n - 1
    WHERE type = OLD.type AND country = COALESCE(OLD.country, '')
      AND actor IN (COALESCE(OLD.source_name, ''), '*')
      AND ((per = 'day' AND period = @DAY_OLD@)
           OR (per = 'week' AND period = @WEEK_OLD@)
           OR (per = 'month' AND period = @MONTH_OLD@));
    DELETE FROM event_counts WHERE n <= 0 AND type = OLD.type;
END;

CREATE TRIGGER counts_move AFTER UPDATE OF type, day, date_precision, country, source_name
ON events BEGIN
    UPDATE event_counts SET n = n - 1
    WHERE type = OLD.type AND country = COALESCE(OLD.country, '')
      AND actor IN (COALESCE(OLD.source_name, ''), '*')
      AND ((per = 'day' AND period = @DAY_OLD@)
           OR (per = 'week' AND period = @WEEK_OLD@)
           OR (per = 'month' AND period = @MONTH_OLD@));
    DELETE FROM event_counts WHERE n <= 0 AND type = OLD.type;
    INSERT INTO event_counts(per, actor, period, type, country, n)
    SELECT p.per, a.actor, p.period, NEW.type, COALESCE(NEW.country, ''), 1
    FROM (SELECT 'day' AS per, @DAY_NEW@ AS period
          UNION ALL SELECT 'week', @WEEK_NEW@
          UNION ALL SELECT 'month', @MONTH_NEW@) AS p,
         (SELECT COALESCE(NEW.source_name, '') AS actor UNION ALL SELECT '*') AS a WHERE 1
    ON CONFLICT(per, actor, period, type, country) DO UPDATE SET n = n + 1;
END;
"""


def _expanded(template: str) -> str:
    """The template with each @PERIOD_ROW@ replaced by its period expression."""
    for period, expression in _PERIODS.items():
        for row in ("NEW", "OLD"):
            template = template.replace(f"@{period}_{row}@", expression.format(r=row))
    return template


_V5_PRECISION = _expanded(_V5_TEMPLATE)

# V7: the content words of all the sentences that tell a mention's happening in its article
# (`matching.MentionKey.context`, '|'-joined); NULL for mentions stored before.
_V7_CONTEXT = "ALTER TABLE event_mentions ADD COLUMN context_words TEXT;"

# V8: the happening of each article in each of its windows of publication days
# (`happenings`: period, the window; part, which batch of a crowded window); a store from
# before gets them when a writer opens it.
_V8_HAPPENINGS = """
CREATE TABLE happenings (
    article_id TEXT NOT NULL, period TEXT NOT NULL, part INTEGER NOT NULL,
    happening TEXT NOT NULL,
    PRIMARY KEY (article_id, period)) WITHOUT ROWID;
CREATE INDEX happenings_period ON happenings(period);
CREATE INDEX happenings_group ON happenings(happening);
"""

MIGRATIONS: list[str] = [_V1, _V2, _V3_FEEDS, _V4_INDEXES, _V5_PRECISION,
                         _expanded(v6_script()), _V7_CONTEXT, _V8_HAPPENINGS]

-- Drills: a rehearsal of the plan, run through the real outage mode. The incident a drill runs
-- is marked `drill`, so nothing counts it as an outage (recurrence, history, the outage glance,
-- the power and network questions); the drill keeps its scenario, its clock, the surprises
-- thrown at the owner and the answers, and what turned out wrong.

ALTER TABLE incidents ADD COLUMN drill INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1));

CREATE TABLE drills (
    id              INTEGER PRIMARY KEY,
    incident_id     INTEGER NOT NULL UNIQUE REFERENCES incidents (id) ON DELETE CASCADE,
    -- A scenario of `drills/scenarios.json` at the core's root, or `own`.
    scenario        TEXT NOT NULL,
    -- The service the drill is about (the owner's choice for `own`; the scenario's otherwise).
    service_id      INTEGER REFERENCES services (id) ON DELETE SET NULL,
    speed           TEXT NOT NULL CHECK (speed IN ('x1', 'x2', 'x5')),
    started_at      TEXT NOT NULL,
    -- The drill's own clock: seconds of drill time gone before the current run, and when the
    -- current run began (real time, NULL while paused or ended).
    clock_seconds   INTEGER NOT NULL DEFAULT 0 CHECK (clock_seconds >= 0),
    running_since   TEXT,
    ended_at        TEXT,
    outcome         TEXT CHECK (outcome IN ('resolved', 'abandoned', 'stopped_for_real')),
    updated_at      TEXT NOT NULL
) STRICT;

-- The surprises of a drill's scenario: when each was thrown (NULL: not yet) and what the owner
-- decided (a choice of the surprise's, by its key).
CREATE TABLE drill_injects (
    drill_id    INTEGER NOT NULL REFERENCES drills (id) ON DELETE CASCADE,
    inject      TEXT NOT NULL,
    fired_at    TEXT,
    answer      TEXT,
    answered_at TEXT,
    PRIMARY KEY (drill_id, inject)
) STRICT;

-- Numbers the owner found did not work during a drill (name and number copied).
CREATE TABLE drill_bad_numbers (
    id         INTEGER PRIMARY KEY,
    drill_id   INTEGER NOT NULL REFERENCES drills (id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    name       TEXT NOT NULL,
    number     TEXT NOT NULL,
    at         TEXT NOT NULL
) STRICT;

-- What to fix in the plan, found by a drill: shown in "What is missing" and reminded on calm
-- days until done. `subject` is what it was about when found (a contact's number, say), so a
-- change of it in the plan marks the action done.
CREATE TABLE plan_actions (
    id         INTEGER PRIMARY KEY,
    drill_id   INTEGER REFERENCES drills (id) ON DELETE SET NULL,
    kind       TEXT NOT NULL,
    contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    service_id INTEGER REFERENCES services (id) ON DELETE SET NULL,
    subject    TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    owner      TEXT NOT NULL DEFAULT '',
    due_on     TEXT,
    created_at TEXT NOT NULL,
    done_at    TEXT
) STRICT;

CREATE INDEX drill_bad_numbers_by_drill ON drill_bad_numbers (drill_id);
CREATE INDEX plan_actions_open ON plan_actions (done_at);

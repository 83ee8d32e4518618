-- Incidents: one outage from "something's down" to its review. Names of services and
-- contacts are copied in, so the record stays readable if the plan changes later.

CREATE TABLE incidents (
    id                 INTEGER PRIMARY KEY,
    started_at         TEXT NOT NULL,
    something_else     TEXT NOT NULL DEFAULT '',
    summary            TEXT NOT NULL DEFAULT '',
    cause              TEXT NOT NULL DEFAULT 'unknown',
    danger             INTEGER NOT NULL DEFAULT 0 CHECK (danger IN (0, 1)),
    customers_affected INTEGER CHECK (customers_affected >= 0),
    expected_minutes   INTEGER CHECK (expected_minutes > 0),
    severity_override  TEXT,
    override_reason    TEXT NOT NULL DEFAULT '',
    resolved_at        TEXT,
    root_cause         TEXT NOT NULL DEFAULT '',
    could_recur        TEXT NOT NULL DEFAULT 'unsure',
    reviewed_at        TEXT,
    updated_at         TEXT NOT NULL
) STRICT;

-- What the plan said of each affected service when the incident started: the severity and
-- the reach are judged from this copy, so later edits of the plan do not rewrite history.
CREATE TABLE incident_services (
    id                   INTEGER PRIMARY KEY,
    incident_id          INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    service_id           INTEGER REFERENCES services (id) ON DELETE SET NULL,
    name                 TEXT NOT NULL,
    priority             TEXT NOT NULL,
    customer_facing      INTEGER NOT NULL,
    max_downtime_minutes INTEGER NOT NULL,
    customers_affected   INTEGER,
    customers_per        TEXT NOT NULL,
    restored_at          TEXT
) STRICT;

CREATE TABLE calls (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    contact_id   INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    contact_name TEXT NOT NULL,
    called_at    TEXT NOT NULL,
    ticket       TEXT NOT NULL DEFAULT '',
    spoke_to     TEXT NOT NULL DEFAULT '',
    eta          TEXT,
    call_back_at TEXT,
    notes        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE notices_sent (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    sent_at     TEXT NOT NULL,
    stage       TEXT NOT NULL,
    channel     TEXT NOT NULL,
    text        TEXT NOT NULL
) STRICT;

CREATE TABLE workaround_activations (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    workaround_id INTEGER REFERENCES workarounds (id) ON DELETE SET NULL,
    title         TEXT NOT NULL,
    activated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE prevention_actions (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    owner       TEXT NOT NULL DEFAULT '',
    due_on      TEXT
) STRICT;

-- Everything that happened, in order: written by every action, plus the owner's notes.
CREATE TABLE incident_events (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX incident_events_by_incident ON incident_events (incident_id, at, id);
CREATE INDEX incidents_by_start ON incidents (started_at);

-- The ticks of each step's checklist ("got a ticket number", "told customers").
CREATE TABLE incident_checks (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    item        TEXT NOT NULL,
    done_at     TEXT NOT NULL,
    PRIMARY KEY (incident_id, item)
) STRICT;

-- The owner's own wording of a notice template; without a row, the default applies.
CREATE TABLE notice_templates (
    language   TEXT NOT NULL,
    stage      TEXT NOT NULL,
    channel    TEXT NOT NULL,
    subject    TEXT,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (language, stage, channel)
) STRICT;

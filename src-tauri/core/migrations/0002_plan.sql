-- The recovery plan: critical services, their workarounds, backup runbooks, and people and
-- safety. Links to contacts cascade on delete; the UI asks before deleting a contact that a
-- service or workaround depends on.

CREATE TABLE services (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL,
    priority             TEXT NOT NULL,
    customer_facing      INTEGER NOT NULL CHECK (customer_facing IN (0, 1)),
    max_downtime_minutes INTEGER NOT NULL CHECK (max_downtime_minutes > 0),
    customers_affected   INTEGER CHECK (customers_affected >= 0),
    customers_per        TEXT NOT NULL DEFAULT 'day',
    no_workaround        INTEGER NOT NULL DEFAULT 0 CHECK (no_workaround IN (0, 1)),
    notes                TEXT NOT NULL DEFAULT '',
    -- The starter-plan entry this service came from, so applying a starter plan twice adds
    -- nothing twice even after the owner renamed the service.
    starter_key          TEXT UNIQUE,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;

CREATE TABLE service_contacts (
    service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, contact_id)
) STRICT;

CREATE TABLE workarounds (
    id               INTEGER PRIMARY KEY,
    service_id       INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    title            TEXT NOT NULL,
    steps            TEXT NOT NULL DEFAULT '',
    customer_message TEXT NOT NULL DEFAULT '',
    limits           TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

CREATE TABLE workaround_contacts (
    workaround_id INTEGER NOT NULL REFERENCES workarounds (id) ON DELETE CASCADE,
    contact_id    INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (workaround_id, contact_id)
) STRICT;

CREATE TABLE workaround_services (
    workaround_id INTEGER NOT NULL REFERENCES workarounds (id) ON DELETE CASCADE,
    service_id    INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (workaround_id, service_id)
) STRICT;

CREATE TABLE runbooks (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    service_id INTEGER REFERENCES services (id) ON DELETE SET NULL,
    starter_key TEXT UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE runbook_steps (
    runbook_id INTEGER NOT NULL REFERENCES runbooks (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (runbook_id, position)
) STRICT;

-- One row: what applies to the whole plan.
CREATE TABLE plan_settings (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    assembly_point TEXT NOT NULL DEFAULT '',
    reviewed_at    TEXT,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE safety_checklist (
    position INTEGER PRIMARY KEY,
    text     TEXT NOT NULL
) STRICT;

-- Who calls whom when the team must be reached: `caller_id` NULL means the owner calls.
CREATE TABLE call_tree (
    contact_id INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    caller_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    position   INTEGER NOT NULL
) STRICT;

-- Announced outages: a power company's planned cut, an ISP's maintenance window, known days
-- ahead. Each gets a checklist by phase and reminders; at its start it becomes a live
-- incident (`incident_id`), or the owner says it did not happen.

CREATE TABLE announced_outages (
    id               INTEGER PRIMARY KEY,
    what             TEXT NOT NULL
                     CHECK (what IN ('power', 'internet', 'phone', 'vendor', 'other')),
    -- The owner's name for it ("Enedis works on the street"); empty: named after `what`.
    label            TEXT NOT NULL DEFAULT '',
    starts_at        TEXT NOT NULL,
    expected_minutes INTEGER NOT NULL CHECK (expected_minutes > 0),
    -- Where the announcement came from (a letter, an email, the provider's site).
    source           TEXT NOT NULL DEFAULT '',
    -- NULL while it is ahead; happened | did_not_happen afterwards.
    outcome          TEXT CHECK (outcome IN ('happened', 'did_not_happen')),
    incident_id      INTEGER REFERENCES incidents (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

CREATE INDEX announced_outages_by_start ON announced_outages (starts_at);
CREATE INDEX announced_outages_by_incident ON announced_outages (incident_id);

-- The plan's services it will take down (ticked when it becomes a live incident).
CREATE TABLE announced_services (
    announced_id INTEGER NOT NULL REFERENCES announced_outages (id) ON DELETE CASCADE,
    service_id   INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (announced_id, service_id)
) STRICT;

CREATE INDEX announced_services_by_service ON announced_services (service_id);

-- The checklist items ticked ("days_before.charge").
CREATE TABLE announced_checks (
    announced_id INTEGER NOT NULL REFERENCES announced_outages (id) ON DELETE CASCADE,
    item         TEXT NOT NULL,
    done_at      TEXT NOT NULL,
    PRIMARY KEY (announced_id, item)
) STRICT;

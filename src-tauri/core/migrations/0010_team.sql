-- The whole team: who does what in the plan (roles, who holds them, who stands in), how each
-- person's role card is made, and during an outage who has been reached and who does which
-- task. Names of people, services and contacts are copied in where the record must stay
-- readable after the plan changes.

-- A role: one of the usual kinds (words from the vocabulary) or one the owner writes (`own`).
CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('opens', 'calls_providers', 'talks_to_customers',
                                             'runs_workaround', 'safety_lead', 'it', 'own')),
    -- The owner's name for it: required for `own`, else empty (the kind's word).
    name        TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    -- Who takes the role when its people are away: never one of them.
    stand_in_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    -- The starter-plan entry it came from, so a starter plan applied twice adds it once.
    starter_key TEXT UNIQUE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- What the role does, in order: the first lines are the first things its people do.
CREATE TABLE role_duties (
    role_id  INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (role_id, position)
) STRICT;

-- The staff contacts who hold a role, first holder first.
CREATE TABLE role_holders (
    role_id    INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (role_id, contact_id)
) STRICT;

CREATE INDEX role_holders_by_contact ON role_holders (contact_id);

-- The contacts (with their numbers) and services a role's duties are about. The name is kept
-- when the contact or service is deleted, so plan health can say the role names something
-- that is gone.
CREATE TABLE role_contacts (
    role_id    INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (role_id, position)
) STRICT;

CREATE TABLE role_services (
    role_id    INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    service_id INTEGER REFERENCES services (id) ON DELETE SET NULL,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (role_id, position)
) STRICT;

CREATE INDEX role_contacts_by_contact ON role_contacts (contact_id);
CREATE INDEX role_services_by_service ON role_services (service_id);

-- How one person's role card is made: in their own language (NULL: the owner's), and whether
-- it may carry account numbers (only where their role calls providers).
CREATE TABLE team_people (
    contact_id      INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    language        TEXT CHECK (language IN ('en', 'fr')),
    account_numbers INTEGER NOT NULL DEFAULT 0 CHECK (account_numbers IN (0, 1)),
    updated_at      TEXT NOT NULL
) STRICT;

-- One row: the owner as the team reaches them (the role cards' "call the owner" and its
-- code), and who to call when the owner cannot be reached.
CREATE TABLE team_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    owner_name  TEXT NOT NULL DEFAULT '',
    owner_phone TEXT NOT NULL DEFAULT '',
    deputy_id   INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- During an outage: each change of a person's state, in order; the latest is where they are.
CREATE TABLE team_check_ins (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    name        TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('not_called', 'no_answer', 'on_the_way', 'here',
                                              'cant_come', 'safe')),
    at          TEXT NOT NULL,
    -- When someone on the way expects to arrive.
    arrival_at  TEXT
) STRICT;

CREATE INDEX team_check_ins_by_incident ON team_check_ins (incident_id, at, id);

-- A task of the outage handed to one person ("Karim calls Ouest Power"). `task` names it for
-- good: `step:tell`, `call:<contact id>`, `workaround:<workaround id>`; `label` is its words
-- when it was handed over.
CREATE TABLE incident_handoffs (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    task        TEXT NOT NULL,
    label       TEXT NOT NULL,
    contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    name        TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (incident_id, task)
) STRICT;

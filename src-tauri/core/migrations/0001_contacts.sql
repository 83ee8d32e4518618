-- The business profile (a single row) and the provider directory.
-- Optional text is stored as '' rather than NULL so every field reads as plain text.

CREATE TABLE business (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    name          TEXT NOT NULL,
    business_type TEXT NOT NULL,
    language      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE contacts (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    organisation   TEXT NOT NULL DEFAULT '',
    person         TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    website        TEXT NOT NULL DEFAULT '',
    outage_page    TEXT NOT NULL DEFAULT '',
    status_page    TEXT NOT NULL DEFAULT '',
    account_number TEXT NOT NULL DEFAULT '',
    customer_id    TEXT NOT NULL DEFAULT '',
    support_hours  TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE contact_phones (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    number     TEXT NOT NULL,
    PRIMARY KEY (contact_id, position)
) STRICT;

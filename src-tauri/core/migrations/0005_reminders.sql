-- Reminders: the owner's notification settings, and what became of each reminder (fired,
-- snoozed, dismissed). The reminders themselves are computed from the incidents and the
-- plan; a key names one reminder for good ("eta:12"), so a dismissed one never comes back.

CREATE TABLE reminder_settings (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    notifications         INTEGER NOT NULL DEFAULT 1 CHECK (notifications IN (0, 1)),
    -- Minutes between customer updates per severity; NULL: none after the first notice.
    critical_every        INTEGER CHECK (critical_every > 0),
    major_every           INTEGER CHECK (major_every > 0),
    minor_every           INTEGER CHECK (minor_every > 0)
) STRICT;

INSERT INTO reminder_settings (id, notifications, critical_every, major_every, minor_every)
VALUES (1, 1, 30, 60, NULL);

CREATE TABLE reminder_marks (
    key           TEXT PRIMARY KEY,
    fired_at      TEXT,
    snoozed_until TEXT,
    dismissed_at  TEXT
) STRICT;

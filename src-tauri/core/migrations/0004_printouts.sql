-- When each document was last printed or saved as PDF, and (for the binder) a fingerprint of
-- what it said, so the plan overview can tell the owner the paper copy is out of date.

CREATE TABLE printouts (
    document    TEXT PRIMARY KEY CHECK (document IN ('binder', 'emergency_card', 'incident_report')),
    printed_at  TEXT NOT NULL,
    fingerprint TEXT NOT NULL DEFAULT ''
) STRICT;

-- Which version of this file the plan shared with other computers last saw (issue 29): a
-- random mark, written anew whenever a sync changes the file or records a change from it,
-- and kept beside this computer's sync history. A file put back from a backup, imported or
-- started afresh carries another mark (or none): the next sync then takes the shared plan as
-- it is rather than taking every row missing from the older file for a delete, and every
-- older value for a new edit, on every computer.
CREATE TABLE sync_mark (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    mark TEXT NOT NULL
) STRICT;

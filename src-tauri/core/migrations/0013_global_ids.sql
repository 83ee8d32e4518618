-- Global identifiers, the first step to one plan on two computers: an integer id means one
-- row on this computer only (two computers both have a contact 7, and they are not the same
-- contact), so every row that stands on its own also gets `gid`, 128 random bits written as 32
-- lowercase hex digits, the same on every computer that holds the row.
--
-- Rows that stand on their own are those with an `id` of their own. The others are named by
-- what they belong to: a link by its two sides' gids, a phone or a step by its owner's gid and
-- its position, a one-row table (`business`, `plan_settings`, ...) by its table, an opening
-- day by its weekday.
--
-- Existing rows get theirs here. A row inserted without one gets one from its table's
-- trigger, so no write path of Steady has to know; a row brought from elsewhere (undoing a
-- delete, an import, another computer) is inserted with its own. Once given, it never
-- changes. A gid that is not 32 lowercase hex digits is refused.

ALTER TABLE contacts ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE contacts SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX contacts_by_gid ON contacts (gid);
CREATE TRIGGER contacts_gid_given AFTER INSERT ON contacts WHEN NEW.gid IS NULL
BEGIN
    UPDATE contacts SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER contacts_gid_kept BEFORE UPDATE OF gid ON contacts WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE services ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE services SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX services_by_gid ON services (gid);
CREATE TRIGGER services_gid_given AFTER INSERT ON services WHEN NEW.gid IS NULL
BEGIN
    UPDATE services SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER services_gid_kept BEFORE UPDATE OF gid ON services WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE workarounds ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE workarounds SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX workarounds_by_gid ON workarounds (gid);
CREATE TRIGGER workarounds_gid_given AFTER INSERT ON workarounds WHEN NEW.gid IS NULL
BEGIN
    UPDATE workarounds SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER workarounds_gid_kept BEFORE UPDATE OF gid ON workarounds WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE runbooks ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE runbooks SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX runbooks_by_gid ON runbooks (gid);
CREATE TRIGGER runbooks_gid_given AFTER INSERT ON runbooks WHEN NEW.gid IS NULL
BEGIN
    UPDATE runbooks SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER runbooks_gid_kept BEFORE UPDATE OF gid ON runbooks WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE roles ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE roles SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX roles_by_gid ON roles (gid);
CREATE TRIGGER roles_gid_given AFTER INSERT ON roles WHEN NEW.gid IS NULL
BEGIN
    UPDATE roles SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER roles_gid_kept BEFORE UPDATE OF gid ON roles WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE cold_stores ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE cold_stores SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX cold_stores_by_gid ON cold_stores (gid);
CREATE TRIGGER cold_stores_gid_given AFTER INSERT ON cold_stores WHEN NEW.gid IS NULL
BEGIN
    UPDATE cold_stores SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER cold_stores_gid_kept BEFORE UPDATE OF gid ON cold_stores WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE incidents ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE incidents SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX incidents_by_gid ON incidents (gid);
CREATE TRIGGER incidents_gid_given AFTER INSERT ON incidents WHEN NEW.gid IS NULL
BEGIN
    UPDATE incidents SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER incidents_gid_kept BEFORE UPDATE OF gid ON incidents WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE incident_services ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE incident_services SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX incident_services_by_gid ON incident_services (gid);
CREATE TRIGGER incident_services_gid_given AFTER INSERT ON incident_services WHEN NEW.gid IS NULL
BEGIN
    UPDATE incident_services SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER incident_services_gid_kept BEFORE UPDATE OF gid ON incident_services WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE calls ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE calls SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX calls_by_gid ON calls (gid);
CREATE TRIGGER calls_gid_given AFTER INSERT ON calls WHEN NEW.gid IS NULL
BEGIN
    UPDATE calls SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER calls_gid_kept BEFORE UPDATE OF gid ON calls WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE notices_sent ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE notices_sent SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX notices_sent_by_gid ON notices_sent (gid);
CREATE TRIGGER notices_sent_gid_given AFTER INSERT ON notices_sent WHEN NEW.gid IS NULL
BEGIN
    UPDATE notices_sent SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER notices_sent_gid_kept BEFORE UPDATE OF gid ON notices_sent WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE workaround_activations ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE workaround_activations SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX workaround_activations_by_gid ON workaround_activations (gid);
CREATE TRIGGER workaround_activations_gid_given AFTER INSERT ON workaround_activations WHEN NEW.gid IS NULL
BEGIN
    UPDATE workaround_activations SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER workaround_activations_gid_kept BEFORE UPDATE OF gid ON workaround_activations WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE prevention_actions ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE prevention_actions SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX prevention_actions_by_gid ON prevention_actions (gid);
CREATE TRIGGER prevention_actions_gid_given AFTER INSERT ON prevention_actions WHEN NEW.gid IS NULL
BEGIN
    UPDATE prevention_actions SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER prevention_actions_gid_kept BEFORE UPDATE OF gid ON prevention_actions WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE incident_events ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE incident_events SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX incident_events_by_gid ON incident_events (gid);
CREATE TRIGGER incident_events_gid_given AFTER INSERT ON incident_events WHEN NEW.gid IS NULL
BEGIN
    UPDATE incident_events SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER incident_events_gid_kept BEFORE UPDATE OF gid ON incident_events WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE announced_outages ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE announced_outages SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX announced_outages_by_gid ON announced_outages (gid);
CREATE TRIGGER announced_outages_gid_given AFTER INSERT ON announced_outages WHEN NEW.gid IS NULL
BEGIN
    UPDATE announced_outages SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER announced_outages_gid_kept BEFORE UPDATE OF gid ON announced_outages WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE team_check_ins ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE team_check_ins SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX team_check_ins_by_gid ON team_check_ins (gid);
CREATE TRIGGER team_check_ins_gid_given AFTER INSERT ON team_check_ins WHEN NEW.gid IS NULL
BEGIN
    UPDATE team_check_ins SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER team_check_ins_gid_kept BEFORE UPDATE OF gid ON team_check_ins WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE drills ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE drills SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX drills_by_gid ON drills (gid);
CREATE TRIGGER drills_gid_given AFTER INSERT ON drills WHEN NEW.gid IS NULL
BEGIN
    UPDATE drills SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER drills_gid_kept BEFORE UPDATE OF gid ON drills WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE drill_bad_numbers ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE drill_bad_numbers SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX drill_bad_numbers_by_gid ON drill_bad_numbers (gid);
CREATE TRIGGER drill_bad_numbers_gid_given AFTER INSERT ON drill_bad_numbers WHEN NEW.gid IS NULL
BEGIN
    UPDATE drill_bad_numbers SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER drill_bad_numbers_gid_kept BEFORE UPDATE OF gid ON drill_bad_numbers WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE plan_actions ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE plan_actions SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX plan_actions_by_gid ON plan_actions (gid);
CREATE TRIGGER plan_actions_gid_given AFTER INSERT ON plan_actions WHEN NEW.gid IS NULL
BEGIN
    UPDATE plan_actions SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER plan_actions_gid_kept BEFORE UPDATE OF gid ON plan_actions WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE cold_readings ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE cold_readings SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX cold_readings_by_gid ON cold_readings (gid);
CREATE TRIGGER cold_readings_gid_given AFTER INSERT ON cold_readings WHEN NEW.gid IS NULL
BEGIN
    UPDATE cold_readings SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER cold_readings_gid_kept BEFORE UPDATE OF gid ON cold_readings WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE incident_expenses ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE incident_expenses SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX incident_expenses_by_gid ON incident_expenses (gid);
CREATE TRIGGER incident_expenses_gid_given AFTER INSERT ON incident_expenses WHEN NEW.gid IS NULL
BEGIN
    UPDATE incident_expenses SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER incident_expenses_gid_kept BEFORE UPDATE OF gid ON incident_expenses WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

ALTER TABLE spoiled_stock ADD COLUMN gid TEXT CHECK (length(gid) = 32 AND gid NOT GLOB '*[^0-9a-f]*');
UPDATE spoiled_stock SET gid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX spoiled_stock_by_gid ON spoiled_stock (gid);
CREATE TRIGGER spoiled_stock_gid_given AFTER INSERT ON spoiled_stock WHEN NEW.gid IS NULL
BEGIN
    UPDATE spoiled_stock SET gid = lower(hex(randomblob(16))) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER spoiled_stock_gid_kept BEFORE UPDATE OF gid ON spoiled_stock WHEN OLD.gid IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a row keeps its global id');
END;

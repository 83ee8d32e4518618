-- Who does what during an outage is shared with the outage, as part of its row
-- (`sync/tables.rs`): a handoff names its task by kind and the global id of the contact or
-- workaround it is about, and its person by global id. Its writes name the outage for the
-- next sync, as the other parts of an outage do (0015, 0016). The owner's wording of the
-- notices is shared too, carried by the business's one row as the safety checklist is.

CREATE TRIGGER incident_handoffs_shared_insert AFTER INSERT ON incident_handoffs WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = NEW.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
END;

CREATE TRIGGER incident_handoffs_shared_update AFTER UPDATE ON incident_handoffs WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = NEW.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = OLD.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
END;

CREATE TRIGGER incident_handoffs_shared_delete AFTER DELETE ON incident_handoffs WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = OLD.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
END;

CREATE TRIGGER notice_templates_shared_insert AFTER INSERT ON notice_templates WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'business', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'business' AND row_gid = 'one');
END;

CREATE TRIGGER notice_templates_shared_update AFTER UPDATE ON notice_templates WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'business', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'business' AND row_gid = 'one');
END;

CREATE TRIGGER notice_templates_shared_delete AFTER DELETE ON notice_templates WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'business', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'business' AND row_gid = 'one');
END;

-- A file that shared already sends the wording it holds at its next sync.
INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'business', 'one'
    WHERE EXISTS (SELECT 1 FROM sync_mark) AND EXISTS (SELECT 1 FROM notice_templates)
    AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'business' AND row_gid = 'one');

-- A file that shared already sends the handoffs it holds at its next sync.
INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT DISTINCT 'incidents', o.gid FROM incidents AS o JOIN incident_handoffs AS h ON h.incident_id = o.id
        WHERE o.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);

-- And takes in, at its next sync, the handoffs another computer shared before this one did.
INSERT INTO sync_outbox (shared_table, row_gid) SELECT '*', 'every'
    WHERE EXISTS (SELECT 1 FROM sync_mark)
    AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = '*');

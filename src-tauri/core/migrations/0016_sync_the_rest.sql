-- The rest of the plan shared between computers (issue 29): the team (roles, role cards, the
-- owner as the team reaches them), the call tree, what an outage costs (the settings, the
-- opening days, takings, fridges and freezers; an outage's readings, expenses, stock thrown
-- away and claims sent) and the announced outages. Their changed rows are named for the next
-- sync like those of `0015_sync_outbox.sql`. A file that has already shared names its rows of
-- these tables now, so that the next sync sends them, and asks that sync to write every shared
-- row (`*`): what another computer shared of these tables before this one was upgraded is in
-- its history but was never written into the file.

-- roles

CREATE TRIGGER roles_shared_insert AFTER INSERT ON roles WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = NEW.gid);
END;

CREATE TRIGGER roles_shared_update AFTER UPDATE ON roles WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = NEW.gid);
END;

CREATE TRIGGER roles_shared_delete AFTER DELETE ON roles WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = OLD.gid);
END;

-- cold_stores

CREATE TRIGGER cold_stores_shared_insert AFTER INSERT ON cold_stores WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cold_stores', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cold_stores' AND row_gid = NEW.gid);
END;

CREATE TRIGGER cold_stores_shared_update AFTER UPDATE ON cold_stores WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cold_stores', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cold_stores' AND row_gid = NEW.gid);
END;

CREATE TRIGGER cold_stores_shared_delete AFTER DELETE ON cold_stores WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cold_stores', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cold_stores' AND row_gid = OLD.gid);
END;

-- cold_readings

CREATE TRIGGER cold_readings_shared_insert AFTER INSERT ON cold_readings WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cold_readings', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cold_readings' AND row_gid = NEW.gid);
END;

CREATE TRIGGER cold_readings_shared_update AFTER UPDATE ON cold_readings WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cold_readings', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cold_readings' AND row_gid = NEW.gid);
END;

CREATE TRIGGER cold_readings_shared_delete AFTER DELETE ON cold_readings WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cold_readings', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cold_readings' AND row_gid = OLD.gid);
END;

-- incident_expenses

CREATE TRIGGER incident_expenses_shared_insert AFTER INSERT ON incident_expenses WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incident_expenses', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incident_expenses' AND row_gid = NEW.gid);
END;

CREATE TRIGGER incident_expenses_shared_update AFTER UPDATE ON incident_expenses WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incident_expenses', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incident_expenses' AND row_gid = NEW.gid);
END;

CREATE TRIGGER incident_expenses_shared_delete AFTER DELETE ON incident_expenses WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incident_expenses', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incident_expenses' AND row_gid = OLD.gid);
END;

-- spoiled_stock

CREATE TRIGGER spoiled_stock_shared_insert AFTER INSERT ON spoiled_stock WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'spoiled_stock', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'spoiled_stock' AND row_gid = NEW.gid);
END;

CREATE TRIGGER spoiled_stock_shared_update AFTER UPDATE ON spoiled_stock WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'spoiled_stock', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'spoiled_stock' AND row_gid = NEW.gid);
END;

CREATE TRIGGER spoiled_stock_shared_delete AFTER DELETE ON spoiled_stock WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'spoiled_stock', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'spoiled_stock' AND row_gid = OLD.gid);
END;

-- announced_outages

CREATE TRIGGER announced_outages_shared_insert AFTER INSERT ON announced_outages WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = NEW.gid);
END;

CREATE TRIGGER announced_outages_shared_update AFTER UPDATE ON announced_outages WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = NEW.gid);
END;

CREATE TRIGGER announced_outages_shared_delete AFTER DELETE ON announced_outages WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = OLD.gid);
END;

-- team_settings

CREATE TRIGGER team_settings_shared_insert AFTER INSERT ON team_settings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'team_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'team_settings' AND row_gid = 'one');
END;

CREATE TRIGGER team_settings_shared_update AFTER UPDATE ON team_settings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'team_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'team_settings' AND row_gid = 'one');
END;

CREATE TRIGGER team_settings_shared_delete AFTER DELETE ON team_settings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'team_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'team_settings' AND row_gid = 'one');
END;

-- cost_settings

CREATE TRIGGER cost_settings_shared_insert AFTER INSERT ON cost_settings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cost_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cost_settings' AND row_gid = 'one');
END;

CREATE TRIGGER cost_settings_shared_update AFTER UPDATE ON cost_settings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cost_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cost_settings' AND row_gid = 'one');
END;

CREATE TRIGGER cost_settings_shared_delete AFTER DELETE ON cost_settings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cost_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cost_settings' AND row_gid = 'one');
END;

-- call_tree, shared as part of plan_settings

CREATE TRIGGER call_tree_shared_insert AFTER INSERT ON call_tree WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'plan_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'plan_settings' AND row_gid = 'one');
END;

CREATE TRIGGER call_tree_shared_update AFTER UPDATE ON call_tree WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'plan_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'plan_settings' AND row_gid = 'one');
END;

CREATE TRIGGER call_tree_shared_delete AFTER DELETE ON call_tree WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'plan_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'plan_settings' AND row_gid = 'one');
END;

-- team_people, shared as part of contacts

CREATE TRIGGER team_people_shared_insert AFTER INSERT ON team_people WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', o.gid FROM contacts AS o
        WHERE o.id = NEW.contact_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = o.gid);
END;

CREATE TRIGGER team_people_shared_update AFTER UPDATE ON team_people WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', o.gid FROM contacts AS o
        WHERE o.id = NEW.contact_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', o.gid FROM contacts AS o
        WHERE o.id = OLD.contact_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = o.gid);
END;

CREATE TRIGGER team_people_shared_delete AFTER DELETE ON team_people WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', o.gid FROM contacts AS o
        WHERE o.id = OLD.contact_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = o.gid);
END;

-- opening_days, shared as part of cost_settings

CREATE TRIGGER opening_days_shared_insert AFTER INSERT ON opening_days WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cost_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cost_settings' AND row_gid = 'one');
END;

CREATE TRIGGER opening_days_shared_update AFTER UPDATE ON opening_days WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cost_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cost_settings' AND row_gid = 'one');
END;

CREATE TRIGGER opening_days_shared_delete AFTER DELETE ON opening_days WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'cost_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cost_settings' AND row_gid = 'one');
END;

-- service_takings, shared as part of services

CREATE TRIGGER service_takings_shared_insert AFTER INSERT ON service_takings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', o.gid FROM services AS o
        WHERE o.id = NEW.service_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = o.gid);
END;

CREATE TRIGGER service_takings_shared_update AFTER UPDATE ON service_takings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', o.gid FROM services AS o
        WHERE o.id = NEW.service_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', o.gid FROM services AS o
        WHERE o.id = OLD.service_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = o.gid);
END;

CREATE TRIGGER service_takings_shared_delete AFTER DELETE ON service_takings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', o.gid FROM services AS o
        WHERE o.id = OLD.service_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = o.gid);
END;

-- workaround_sales, shared as part of workarounds

CREATE TRIGGER workaround_sales_shared_insert AFTER INSERT ON workaround_sales WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = NEW.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
END;

CREATE TRIGGER workaround_sales_shared_update AFTER UPDATE ON workaround_sales WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = NEW.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = OLD.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
END;

CREATE TRIGGER workaround_sales_shared_delete AFTER DELETE ON workaround_sales WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = OLD.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
END;

-- role_duties, shared as part of roles

CREATE TRIGGER role_duties_shared_insert AFTER INSERT ON role_duties WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = NEW.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

CREATE TRIGGER role_duties_shared_update AFTER UPDATE ON role_duties WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = NEW.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = OLD.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

CREATE TRIGGER role_duties_shared_delete AFTER DELETE ON role_duties WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = OLD.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

-- role_holders, shared as part of roles

CREATE TRIGGER role_holders_shared_insert AFTER INSERT ON role_holders WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = NEW.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

CREATE TRIGGER role_holders_shared_update AFTER UPDATE ON role_holders WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = NEW.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = OLD.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

CREATE TRIGGER role_holders_shared_delete AFTER DELETE ON role_holders WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = OLD.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

-- role_contacts, shared as part of roles

CREATE TRIGGER role_contacts_shared_insert AFTER INSERT ON role_contacts WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = NEW.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

CREATE TRIGGER role_contacts_shared_update AFTER UPDATE ON role_contacts WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = NEW.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = OLD.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

CREATE TRIGGER role_contacts_shared_delete AFTER DELETE ON role_contacts WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = OLD.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

-- role_services, shared as part of roles

CREATE TRIGGER role_services_shared_insert AFTER INSERT ON role_services WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = NEW.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

CREATE TRIGGER role_services_shared_update AFTER UPDATE ON role_services WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = NEW.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = OLD.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

CREATE TRIGGER role_services_shared_delete AFTER DELETE ON role_services WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'roles', o.gid FROM roles AS o
        WHERE o.id = OLD.role_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = o.gid);
END;

-- claims_sent, shared as part of incidents

CREATE TRIGGER claims_sent_shared_insert AFTER INSERT ON claims_sent WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = NEW.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
END;

CREATE TRIGGER claims_sent_shared_update AFTER UPDATE ON claims_sent WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = NEW.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = OLD.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
END;

CREATE TRIGGER claims_sent_shared_delete AFTER DELETE ON claims_sent WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = OLD.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
END;

-- announced_services, shared as part of announced_outages

CREATE TRIGGER announced_services_shared_insert AFTER INSERT ON announced_services WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', o.gid FROM announced_outages AS o
        WHERE o.id = NEW.announced_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = o.gid);
END;

CREATE TRIGGER announced_services_shared_update AFTER UPDATE ON announced_services WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', o.gid FROM announced_outages AS o
        WHERE o.id = NEW.announced_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', o.gid FROM announced_outages AS o
        WHERE o.id = OLD.announced_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = o.gid);
END;

CREATE TRIGGER announced_services_shared_delete AFTER DELETE ON announced_services WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', o.gid FROM announced_outages AS o
        WHERE o.id = OLD.announced_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = o.gid);
END;

-- announced_checks, shared as part of announced_outages

CREATE TRIGGER announced_checks_shared_insert AFTER INSERT ON announced_checks WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', o.gid FROM announced_outages AS o
        WHERE o.id = NEW.announced_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = o.gid);
END;

CREATE TRIGGER announced_checks_shared_update AFTER UPDATE ON announced_checks WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', o.gid FROM announced_outages AS o
        WHERE o.id = NEW.announced_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', o.gid FROM announced_outages AS o
        WHERE o.id = OLD.announced_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = o.gid);
END;

CREATE TRIGGER announced_checks_shared_delete AFTER DELETE ON announced_checks WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'announced_outages', o.gid FROM announced_outages AS o
        WHERE o.id = OLD.announced_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = o.gid);
END;

-- A file that has shared: its rows of these tables go with the next sync.

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT 'roles', t.gid FROM roles AS t WHERE t.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'roles' AND row_gid = t.gid);

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT 'cold_stores', t.gid FROM cold_stores AS t WHERE t.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cold_stores' AND row_gid = t.gid);

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT 'cold_readings', t.gid FROM cold_readings AS t WHERE t.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cold_readings' AND row_gid = t.gid);

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT 'incident_expenses', t.gid FROM incident_expenses AS t WHERE t.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incident_expenses' AND row_gid = t.gid);

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT 'spoiled_stock', t.gid FROM spoiled_stock AS t WHERE t.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'spoiled_stock' AND row_gid = t.gid);

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT 'announced_outages', t.gid FROM announced_outages AS t WHERE t.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'announced_outages' AND row_gid = t.gid);

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT 'team_settings', 'one' FROM team_settings WHERE EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'team_settings' AND row_gid = 'one');

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT 'cost_settings', 'one' FROM cost_settings WHERE EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'cost_settings' AND row_gid = 'one');

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT 'plan_settings', 'one' WHERE EXISTS (SELECT 1 FROM call_tree) AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'plan_settings' AND row_gid = 'one');

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT DISTINCT 'contacts', o.gid FROM contacts AS o JOIN team_people AS c ON c.contact_id = o.id
        WHERE o.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = o.gid);

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT DISTINCT 'services', o.gid FROM services AS o JOIN service_takings AS c ON c.service_id = o.id
        WHERE o.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = o.gid);

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT DISTINCT 'workarounds', o.gid FROM workarounds AS o JOIN workaround_sales AS c ON c.workaround_id = o.id
        WHERE o.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);

INSERT INTO sync_outbox (shared_table, row_gid)
    SELECT DISTINCT 'incidents', o.gid FROM incidents AS o JOIN claims_sent AS c ON c.incident_id = o.id
        WHERE o.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);

INSERT INTO sync_outbox (shared_table, row_gid) SELECT '*', 'every' WHERE EXISTS (SELECT 1 FROM sync_mark);

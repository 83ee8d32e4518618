-- What changed since the last sync (issue 29): the shared rows written on this computer, named
-- by table and global id, so that a sync reads those rows instead of every row of every
-- shared table (a plan with years of outages has hundreds of thousands). Filled by the
-- triggers below, only once the file has shared (a `sync_mark`); emptied by the sync that
-- has put them into the shared history. A row deleted is named too: its absence is the change.
-- A row owned by another (a phone, a step, a tick) names its owner, shared as one. A one-row
-- table's row is `one`. Each name is added only if absent, not by `INSERT OR IGNORE`: the
-- statement that fires a trigger imposes its own conflict rule on the trigger's.

CREATE TABLE sync_outbox (
    shared_table TEXT NOT NULL,
    row_gid      TEXT NOT NULL,
    PRIMARY KEY (shared_table, row_gid)
) STRICT;


-- contacts

CREATE TRIGGER contacts_shared_insert AFTER INSERT ON contacts WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = NEW.gid);
END;

CREATE TRIGGER contacts_shared_update AFTER UPDATE ON contacts WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = NEW.gid);
END;

CREATE TRIGGER contacts_shared_delete AFTER DELETE ON contacts WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = OLD.gid);
END;

-- services

CREATE TRIGGER services_shared_insert AFTER INSERT ON services WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = NEW.gid);
END;

CREATE TRIGGER services_shared_update AFTER UPDATE ON services WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = NEW.gid);
END;

CREATE TRIGGER services_shared_delete AFTER DELETE ON services WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = OLD.gid);
END;

-- workarounds

CREATE TRIGGER workarounds_shared_insert AFTER INSERT ON workarounds WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = NEW.gid);
END;

CREATE TRIGGER workarounds_shared_update AFTER UPDATE ON workarounds WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = NEW.gid);
END;

CREATE TRIGGER workarounds_shared_delete AFTER DELETE ON workarounds WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = OLD.gid);
END;

-- runbooks

CREATE TRIGGER runbooks_shared_insert AFTER INSERT ON runbooks WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'runbooks', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'runbooks' AND row_gid = NEW.gid);
END;

CREATE TRIGGER runbooks_shared_update AFTER UPDATE ON runbooks WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'runbooks', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'runbooks' AND row_gid = NEW.gid);
END;

CREATE TRIGGER runbooks_shared_delete AFTER DELETE ON runbooks WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'runbooks', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'runbooks' AND row_gid = OLD.gid);
END;

-- incidents

CREATE TRIGGER incidents_shared_insert AFTER INSERT ON incidents WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = NEW.gid);
END;

CREATE TRIGGER incidents_shared_update AFTER UPDATE ON incidents WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = NEW.gid);
END;

CREATE TRIGGER incidents_shared_delete AFTER DELETE ON incidents WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = OLD.gid);
END;

-- incident_services

CREATE TRIGGER incident_services_shared_insert AFTER INSERT ON incident_services WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incident_services', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incident_services' AND row_gid = NEW.gid);
END;

CREATE TRIGGER incident_services_shared_update AFTER UPDATE ON incident_services WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incident_services', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incident_services' AND row_gid = NEW.gid);
END;

CREATE TRIGGER incident_services_shared_delete AFTER DELETE ON incident_services WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incident_services', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incident_services' AND row_gid = OLD.gid);
END;

-- calls

CREATE TRIGGER calls_shared_insert AFTER INSERT ON calls WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'calls', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'calls' AND row_gid = NEW.gid);
END;

CREATE TRIGGER calls_shared_update AFTER UPDATE ON calls WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'calls', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'calls' AND row_gid = NEW.gid);
END;

CREATE TRIGGER calls_shared_delete AFTER DELETE ON calls WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'calls', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'calls' AND row_gid = OLD.gid);
END;

-- notices_sent

CREATE TRIGGER notices_sent_shared_insert AFTER INSERT ON notices_sent WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'notices_sent', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'notices_sent' AND row_gid = NEW.gid);
END;

CREATE TRIGGER notices_sent_shared_update AFTER UPDATE ON notices_sent WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'notices_sent', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'notices_sent' AND row_gid = NEW.gid);
END;

CREATE TRIGGER notices_sent_shared_delete AFTER DELETE ON notices_sent WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'notices_sent', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'notices_sent' AND row_gid = OLD.gid);
END;

-- workaround_activations

CREATE TRIGGER workaround_activations_shared_insert AFTER INSERT ON workaround_activations WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workaround_activations', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workaround_activations' AND row_gid = NEW.gid);
END;

CREATE TRIGGER workaround_activations_shared_update AFTER UPDATE ON workaround_activations WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workaround_activations', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workaround_activations' AND row_gid = NEW.gid);
END;

CREATE TRIGGER workaround_activations_shared_delete AFTER DELETE ON workaround_activations WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workaround_activations', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workaround_activations' AND row_gid = OLD.gid);
END;

-- prevention_actions

CREATE TRIGGER prevention_actions_shared_insert AFTER INSERT ON prevention_actions WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'prevention_actions', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'prevention_actions' AND row_gid = NEW.gid);
END;

CREATE TRIGGER prevention_actions_shared_update AFTER UPDATE ON prevention_actions WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'prevention_actions', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'prevention_actions' AND row_gid = NEW.gid);
END;

CREATE TRIGGER prevention_actions_shared_delete AFTER DELETE ON prevention_actions WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'prevention_actions', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'prevention_actions' AND row_gid = OLD.gid);
END;

-- incident_events

CREATE TRIGGER incident_events_shared_insert AFTER INSERT ON incident_events WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incident_events', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incident_events' AND row_gid = NEW.gid);
END;

CREATE TRIGGER incident_events_shared_update AFTER UPDATE ON incident_events WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incident_events', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incident_events' AND row_gid = NEW.gid);
END;

CREATE TRIGGER incident_events_shared_delete AFTER DELETE ON incident_events WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incident_events', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incident_events' AND row_gid = OLD.gid);
END;

-- team_check_ins

CREATE TRIGGER team_check_ins_shared_insert AFTER INSERT ON team_check_ins WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'team_check_ins', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'team_check_ins' AND row_gid = NEW.gid);
END;

CREATE TRIGGER team_check_ins_shared_update AFTER UPDATE ON team_check_ins WHEN NEW.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'team_check_ins', NEW.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'team_check_ins' AND row_gid = NEW.gid);
END;

CREATE TRIGGER team_check_ins_shared_delete AFTER DELETE ON team_check_ins WHEN OLD.gid IS NOT NULL AND EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'team_check_ins', OLD.gid
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'team_check_ins' AND row_gid = OLD.gid);
END;

-- business

CREATE TRIGGER business_shared_insert AFTER INSERT ON business WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'business', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'business' AND row_gid = 'one');
END;

CREATE TRIGGER business_shared_update AFTER UPDATE ON business WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'business', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'business' AND row_gid = 'one');
END;

CREATE TRIGGER business_shared_delete AFTER DELETE ON business WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'business', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'business' AND row_gid = 'one');
END;

-- plan_settings

CREATE TRIGGER plan_settings_shared_insert AFTER INSERT ON plan_settings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'plan_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'plan_settings' AND row_gid = 'one');
END;

CREATE TRIGGER plan_settings_shared_update AFTER UPDATE ON plan_settings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'plan_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'plan_settings' AND row_gid = 'one');
END;

CREATE TRIGGER plan_settings_shared_delete AFTER DELETE ON plan_settings WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'plan_settings', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'plan_settings' AND row_gid = 'one');
END;

-- safety_checklist, shared as part of business

CREATE TRIGGER safety_checklist_shared_insert AFTER INSERT ON safety_checklist WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'business', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'business' AND row_gid = 'one');
END;

CREATE TRIGGER safety_checklist_shared_update AFTER UPDATE ON safety_checklist WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'business', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'business' AND row_gid = 'one');
END;

CREATE TRIGGER safety_checklist_shared_delete AFTER DELETE ON safety_checklist WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'business', 'one'
        WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'business' AND row_gid = 'one');
END;

-- contact_phones, shared as part of contacts

CREATE TRIGGER contact_phones_shared_insert AFTER INSERT ON contact_phones WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', o.gid FROM contacts AS o
        WHERE o.id = NEW.contact_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = o.gid);
END;

CREATE TRIGGER contact_phones_shared_update AFTER UPDATE ON contact_phones WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', o.gid FROM contacts AS o
        WHERE o.id = NEW.contact_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', o.gid FROM contacts AS o
        WHERE o.id = OLD.contact_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = o.gid);
END;

CREATE TRIGGER contact_phones_shared_delete AFTER DELETE ON contact_phones WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'contacts', o.gid FROM contacts AS o
        WHERE o.id = OLD.contact_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'contacts' AND row_gid = o.gid);
END;

-- service_contacts, shared as part of services

CREATE TRIGGER service_contacts_shared_insert AFTER INSERT ON service_contacts WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', o.gid FROM services AS o
        WHERE o.id = NEW.service_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = o.gid);
END;

CREATE TRIGGER service_contacts_shared_update AFTER UPDATE ON service_contacts WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', o.gid FROM services AS o
        WHERE o.id = NEW.service_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', o.gid FROM services AS o
        WHERE o.id = OLD.service_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = o.gid);
END;

CREATE TRIGGER service_contacts_shared_delete AFTER DELETE ON service_contacts WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'services', o.gid FROM services AS o
        WHERE o.id = OLD.service_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'services' AND row_gid = o.gid);
END;

-- workaround_contacts, shared as part of workarounds

CREATE TRIGGER workaround_contacts_shared_insert AFTER INSERT ON workaround_contacts WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = NEW.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
END;

CREATE TRIGGER workaround_contacts_shared_update AFTER UPDATE ON workaround_contacts WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = NEW.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = OLD.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
END;

CREATE TRIGGER workaround_contacts_shared_delete AFTER DELETE ON workaround_contacts WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = OLD.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
END;

-- workaround_services, shared as part of workarounds

CREATE TRIGGER workaround_services_shared_insert AFTER INSERT ON workaround_services WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = NEW.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
END;

CREATE TRIGGER workaround_services_shared_update AFTER UPDATE ON workaround_services WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = NEW.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = OLD.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
END;

CREATE TRIGGER workaround_services_shared_delete AFTER DELETE ON workaround_services WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'workarounds', o.gid FROM workarounds AS o
        WHERE o.id = OLD.workaround_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'workarounds' AND row_gid = o.gid);
END;

-- runbook_steps, shared as part of runbooks

CREATE TRIGGER runbook_steps_shared_insert AFTER INSERT ON runbook_steps WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'runbooks', o.gid FROM runbooks AS o
        WHERE o.id = NEW.runbook_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'runbooks' AND row_gid = o.gid);
END;

CREATE TRIGGER runbook_steps_shared_update AFTER UPDATE ON runbook_steps WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'runbooks', o.gid FROM runbooks AS o
        WHERE o.id = NEW.runbook_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'runbooks' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'runbooks', o.gid FROM runbooks AS o
        WHERE o.id = OLD.runbook_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'runbooks' AND row_gid = o.gid);
END;

CREATE TRIGGER runbook_steps_shared_delete AFTER DELETE ON runbook_steps WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'runbooks', o.gid FROM runbooks AS o
        WHERE o.id = OLD.runbook_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'runbooks' AND row_gid = o.gid);
END;

-- incident_checks, shared as part of incidents

CREATE TRIGGER incident_checks_shared_insert AFTER INSERT ON incident_checks WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = NEW.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
END;

CREATE TRIGGER incident_checks_shared_update AFTER UPDATE ON incident_checks WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = NEW.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = OLD.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
END;

CREATE TRIGGER incident_checks_shared_delete AFTER DELETE ON incident_checks WHEN EXISTS (SELECT 1 FROM sync_mark)
BEGIN
    INSERT INTO sync_outbox (shared_table, row_gid) SELECT 'incidents', o.gid FROM incidents AS o
        WHERE o.id = OLD.incident_id AND o.gid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE shared_table = 'incidents' AND row_gid = o.gid);
END;

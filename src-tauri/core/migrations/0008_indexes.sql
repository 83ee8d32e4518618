-- Indexes for the lookups every screen makes, and for the foreign keys SQLite checks when a
-- row they point at is deleted: without them each is a scan of the whole table, which a shop
-- with years of history feels (10,000 incidents: 50 s to list them before, milliseconds after).

-- An incident's parts, read whenever it is shown.
CREATE INDEX incident_services_by_incident ON incident_services (incident_id);
CREATE INDEX calls_by_incident ON calls (incident_id, called_at);
CREATE INDEX notices_sent_by_incident ON notices_sent (incident_id, sent_at);
CREATE INDEX workaround_activations_by_incident ON workaround_activations (incident_id);
CREATE INDEX prevention_actions_by_incident ON prevention_actions (incident_id, position);

-- The open incident, and the list filtered by cause.
CREATE INDEX incidents_open ON incidents (started_at) WHERE resolved_at IS NULL;
CREATE INDEX incidents_by_cause ON incidents (cause, started_at);

-- What points at a service, a contact or a workaround (the list's service filter, the
-- recurrence of a service, and deleting any of them).
CREATE INDEX incident_services_by_service ON incident_services (service_id);
CREATE INDEX calls_by_contact ON calls (contact_id);
CREATE INDEX workaround_activations_by_workaround ON workaround_activations (workaround_id);
CREATE INDEX workarounds_by_service ON workarounds (service_id, position);
CREATE INDEX service_contacts_by_contact ON service_contacts (contact_id);
CREATE INDEX workaround_contacts_by_contact ON workaround_contacts (contact_id);
CREATE INDEX workaround_services_by_service ON workaround_services (service_id);
CREATE INDEX runbooks_by_service ON runbooks (service_id);
CREATE INDEX call_tree_by_caller ON call_tree (caller_id);

-- A timeline entry's particulars become a JSON object of named fields (its kind stays in
-- its own column), so the window and the report read fields instead of parsing sentences
-- such as "critical: the owner's reason" or "update · sms".

UPDATE incident_events SET detail = CASE kind
    WHEN 'started' THEN json_object('what', detail)
    WHEN 'severity_changed' THEN json_object('severity', detail)
    WHEN 'severity_overridden' THEN
        CASE WHEN instr(detail, ': ') = 0 THEN json_object('severity', NULL, 'reason', '')
        ELSE json_object(
            'severity', substr(detail, 1, instr(detail, ': ') - 1),
            'reason', substr(detail, instr(detail, ': ') + 2))
        END
    WHEN 'call_logged' THEN
        CASE WHEN instr(detail, ' · ') = 0 THEN json_object('contact', detail, 'ticket', '')
        ELSE json_object(
            'contact', substr(detail, 1, instr(detail, ' · ') - 1),
            'ticket', substr(detail, instr(detail, ' · ') + 3))
        END
    WHEN 'notice_sent' THEN json_object(
        'stage', substr(detail, 1, instr(detail, ' · ') - 1),
        'channel', substr(detail, instr(detail, ' · ') + 3))
    WHEN 'workaround_activated' THEN json_object('title', detail)
    WHEN 'service_restored' THEN json_object('service', detail)
    WHEN 'note' THEN json_object('text', detail)
    WHEN 'checked' THEN json_object('item', detail)
    WHEN 'unchecked' THEN json_object('item', detail)
    ELSE '{}'
END;

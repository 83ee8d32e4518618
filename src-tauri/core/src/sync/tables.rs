//! Which tables the computers share, and how each row is shared: its columns, the columns that
//! name a row of another shared table (by integer id here, by global id in the history), the
//! fields whose concurrent edits the owner settles, and the rows it owns (phones, steps,
//! links) as one field. Tables come in an order where every table a row names comes first.
//!
//! Every table here, and every table of its children, has the triggers of
//! `migrations/0015_sync_outbox.sql` that name its changed rows for the next sync.

/// A table whose rows the computers share, by global id.
pub(super) struct Synced {
    pub table: &'static str,
    /// A table of one row (`id` 1: the business, the safety plan's settings), named `one` in
    /// the history. It is never deleted by a sync.
    pub one_row: bool,
    /// The SQL condition a row meets to be shared, if not every row is (a drill's outage is
    /// this computer's rehearsal).
    pub only: Option<&'static str>,
    pub columns: &'static [&'static str],
    /// `(column, table)`: the column names a row of that shared table.
    pub refs: &'static [(&'static str, &'static str)],
    /// Fields whose concurrent edits are kept for the owner to choose between; of any other
    /// field's, the later shows.
    pub conflicts: &'static [&'static str],
    pub children: &'static [Children],
}

/// Rows owned by one row of a shared table, shared as one field named `name`: a JSON array of
/// their `columns`, in `order` (or sorted, for links whose order means nothing).
pub(super) struct Children {
    pub name: &'static str,
    pub table: &'static str,
    /// The column naming the row they belong to; `None`: the whole table belongs to the one
    /// row of a one-row table.
    pub parent: Option<&'static str>,
    pub order: Option<&'static str>,
    pub columns: &'static [&'static str],
    pub refs: &'static [(&'static str, &'static str)],
}

impl Children {
    /// The SQL condition for the rows owned by row `?1`.
    pub(super) fn owned_by(&self) -> String {
        match self.parent {
            Some(parent) => format!("{parent} = ?1"),
            // Every row, with `?1` still bound.
            None => "?1 = ?1".to_owned(),
        }
    }
}

impl Synced {
    /// What names a row in SQL: its global id, or `'one'` for a one-row table.
    pub(super) fn gid_sql(&self) -> &'static str {
        if self.one_row {
            "'one'"
        } else {
            "gid"
        }
    }

    pub(super) fn fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns
            .iter()
            .copied()
            .chain(self.children.iter().map(|c| c.name))
    }
}

pub(super) const SYNCED: &[Synced] = &[
    Synced {
        table: "business",
        one_row: true,
        only: None,
        columns: &[
            "name",
            "business_type",
            "language",
            "country",
            "created_at",
            "updated_at",
        ],
        refs: &[],
        // The safety checklist has no owner: the business's one row carries it.
        conflicts: &["safety_checklist"],
        children: &[Children {
            name: "safety_checklist",
            table: "safety_checklist",
            parent: None,
            order: Some("position"),
            columns: &["text"],
            refs: &[],
        }],
    },
    Synced {
        table: "plan_settings",
        one_row: true,
        only: None,
        columns: &["assembly_point", "reviewed_at", "updated_at"],
        refs: &[],
        conflicts: &["assembly_point"],
        children: &[],
    },
    Synced {
        table: "contacts",
        one_row: false,
        only: None,
        columns: &[
            "kind",
            "organisation",
            "person",
            "email",
            "website",
            "outage_page",
            "status_page",
            "account_number",
            "customer_id",
            "support_hours",
            "notes",
            "created_at",
            "updated_at",
        ],
        refs: &[],
        conflicts: &["account_number", "customer_id", "phones"],
        children: &[Children {
            name: "phones",
            table: "contact_phones",
            parent: Some("contact_id"),
            order: Some("position"),
            columns: &["label", "number"],
            refs: &[],
        }],
    },
    Synced {
        table: "services",
        one_row: false,
        only: None,
        columns: &[
            "name",
            "priority",
            "customer_facing",
            "max_downtime_minutes",
            "customers_affected",
            "customers_per",
            "no_workaround",
            "notes",
            "starter_key",
            "created_at",
            "updated_at",
        ],
        refs: &[],
        conflicts: &[],
        children: &[Children {
            name: "providers",
            table: "service_contacts",
            parent: Some("service_id"),
            order: None,
            columns: &["contact_id"],
            refs: &[("contact_id", "contacts")],
        }],
    },
    Synced {
        table: "workarounds",
        one_row: false,
        only: None,
        columns: &[
            "service_id",
            "position",
            "title",
            "steps",
            "customer_message",
            "limits",
            "created_at",
            "updated_at",
        ],
        refs: &[("service_id", "services")],
        conflicts: &["steps", "customer_message"],
        children: &[
            Children {
                name: "contacts",
                table: "workaround_contacts",
                parent: Some("workaround_id"),
                order: None,
                columns: &["contact_id"],
                refs: &[("contact_id", "contacts")],
            },
            Children {
                name: "also_for",
                table: "workaround_services",
                parent: Some("workaround_id"),
                order: None,
                columns: &["service_id"],
                refs: &[("service_id", "services")],
            },
        ],
    },
    Synced {
        table: "runbooks",
        one_row: false,
        only: None,
        columns: &[
            "title",
            "service_id",
            "starter_key",
            "created_at",
            "updated_at",
        ],
        refs: &[("service_id", "services")],
        conflicts: &["steps"],
        children: &[Children {
            name: "steps",
            table: "runbook_steps",
            parent: Some("runbook_id"),
            order: Some("position"),
            columns: &["text"],
            refs: &[],
        }],
    },
    Synced {
        table: "incidents",
        one_row: false,
        only: Some("drill = 0"),
        columns: &[
            "started_at",
            "something_else",
            "summary",
            "cause",
            "danger",
            "customers_affected",
            "expected_minutes",
            "severity_override",
            "override_reason",
            "resolved_at",
            "root_cause",
            "could_recur",
            "reviewed_at",
            "updated_at",
            "drill",
        ],
        refs: &[],
        conflicts: &[],
        // Ticked on either computer: the latest list of ticks shows.
        children: &[Children {
            name: "checks",
            table: "incident_checks",
            parent: Some("incident_id"),
            order: None,
            columns: &["item", "done_at"],
            refs: &[],
        }],
    },
    Synced {
        table: "incident_services",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &[
            "incident_id",
            "service_id",
            "name",
            "priority",
            "customer_facing",
            "max_downtime_minutes",
            "customers_affected",
            "customers_per",
            "restored_at",
        ],
        refs: &[("incident_id", "incidents"), ("service_id", "services")],
        conflicts: &[],
        children: &[],
    },
    Synced {
        table: "calls",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &[
            "incident_id",
            "contact_id",
            "contact_name",
            "called_at",
            "ticket",
            "spoke_to",
            "eta",
            "call_back_at",
            "notes",
        ],
        refs: &[("incident_id", "incidents"), ("contact_id", "contacts")],
        conflicts: &[],
        children: &[],
    },
    Synced {
        table: "notices_sent",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &["incident_id", "sent_at", "stage", "channel", "text"],
        refs: &[("incident_id", "incidents")],
        conflicts: &[],
        children: &[],
    },
    Synced {
        table: "workaround_activations",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &["incident_id", "workaround_id", "title", "activated_at"],
        refs: &[
            ("incident_id", "incidents"),
            ("workaround_id", "workarounds"),
        ],
        conflicts: &[],
        children: &[],
    },
    Synced {
        table: "prevention_actions",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &["incident_id", "position", "text", "owner", "due_on"],
        refs: &[("incident_id", "incidents")],
        conflicts: &[],
        children: &[],
    },
    Synced {
        table: "incident_events",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &["incident_id", "at", "kind", "detail"],
        refs: &[("incident_id", "incidents")],
        conflicts: &[],
        children: &[],
    },
    Synced {
        table: "team_check_ins",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &[
            "incident_id",
            "contact_id",
            "name",
            "state",
            "at",
            "arrival_at",
        ],
        refs: &[("incident_id", "incidents"), ("contact_id", "contacts")],
        conflicts: &[],
        children: &[],
    },
];

/// The rows of an outage that is not a drill's.
const OF_A_REAL_OUTAGE: &str = "incident_id IN (SELECT id FROM incidents WHERE drill = 0)";

//! Which tables the computers share, and how each row is shared: its columns, the columns that
//! name a row of another shared table (by integer id here, by global id in the history), the
//! fields whose concurrent edits the owner settles, and the rows it owns (phones, steps,
//! links) as one field. Tables come in an order where every table a row names comes first.
//!
//! Every table here, and every table of its children, has the triggers of
//! `migrations/0015_sync_outbox.sql` that name its changed rows for the next sync.

/// In `refs`, a column naming a task of an outage ("call:<contact>", "workaround:<id>",
/// "step:<step>"): the row a task names goes by its global id in the history, as a column
/// naming a row does; a task naming a row that is not here is left out.
pub(super) const TASK: &str = "(task)";

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
    /// Parts (ticks) whose concurrent edits are merged: every row either computer set shows,
    /// so a tick made on one computer while the other ticked something else is not lost.
    pub unions: &'static [&'static str],
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
    /// Of `refs`, the columns whose row stays (naming nothing) when what they name is not
    /// here: a call-tree entry whose caller is gone is called by the owner. A row naming
    /// something gone by any other is left out.
    pub keep_without: &'static [&'static str],
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
        // The safety checklist and the owner's wording of the notices have no owner: the
        // business's one row carries them.
        conflicts: &["safety_checklist"],
        unions: &[],
        children: &[
            Children {
                name: "safety_checklist",
                table: "safety_checklist",
                parent: None,
                order: Some("position"),
                columns: &["text"],
                refs: &[],
                keep_without: &[],
            },
            Children {
                name: "notice_templates",
                table: "notice_templates",
                parent: None,
                order: None,
                columns: &[
                    "language",
                    "stage",
                    "channel",
                    "subject",
                    "body",
                    "updated_at",
                ],
                refs: &[],
                keep_without: &[],
            },
        ],
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
        unions: &[],
        children: &[
            Children {
                name: "phones",
                table: "contact_phones",
                parent: Some("contact_id"),
                order: Some("position"),
                columns: &["label", "number"],
                refs: &[],
                keep_without: &[],
            },
            // How the person's role card is made: none, or one.
            Children {
                name: "role_card",
                table: "team_people",
                parent: Some("contact_id"),
                order: None,
                columns: &["language", "account_numbers", "updated_at"],
                refs: &[],
                keep_without: &[],
            },
        ],
    },
    // After the contacts: its call tree names them.
    Synced {
        table: "plan_settings",
        one_row: true,
        only: None,
        columns: &["assembly_point", "reviewed_at", "updated_at"],
        refs: &[],
        conflicts: &["assembly_point"],
        unions: &[],
        // Saved with the safety plan, whose one row carries it.
        children: &[Children {
            name: "call_tree",
            table: "call_tree",
            parent: None,
            order: Some("position"),
            columns: &["contact_id", "caller_id"],
            refs: &[("contact_id", "contacts"), ("caller_id", "contacts")],
            keep_without: &["caller_id"],
        }],
    },
    Synced {
        table: "team_settings",
        one_row: true,
        only: None,
        columns: &["owner_name", "owner_phone", "deputy_id", "updated_at"],
        refs: &[("deputy_id", "contacts")],
        conflicts: &["owner_phone"],
        unions: &[],
        children: &[],
    },
    Synced {
        table: "cost_settings",
        one_row: true,
        only: None,
        columns: &[
            "currency",
            "staff_per_hour",
            "subscribed_kva",
            "utility",
            "insurer",
            "policy_number",
            "waiting_hours",
            "updated_at",
        ],
        refs: &[],
        conflicts: &["policy_number"],
        unions: &[],
        // Saved with the cost settings, whose one row carries them.
        children: &[Children {
            name: "opening_days",
            table: "opening_days",
            parent: None,
            order: None,
            columns: &["weekday", "opens", "closes", "takings_per_hour"],
            refs: &[],
            keep_without: &[],
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
        unions: &[],
        children: &[
            Children {
                name: "providers",
                table: "service_contacts",
                parent: Some("service_id"),
                order: None,
                columns: &["contact_id"],
                refs: &[("contact_id", "contacts")],
                keep_without: &[],
            },
            Children {
                name: "takings",
                table: "service_takings",
                parent: Some("service_id"),
                order: None,
                columns: &["weekday", "takings_per_hour"],
                refs: &[],
                keep_without: &[],
            },
        ],
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
        unions: &[],
        children: &[
            Children {
                name: "contacts",
                table: "workaround_contacts",
                parent: Some("workaround_id"),
                order: None,
                columns: &["contact_id"],
                refs: &[("contact_id", "contacts")],
                keep_without: &[],
            },
            Children {
                name: "also_for",
                table: "workaround_services",
                parent: Some("workaround_id"),
                order: None,
                columns: &["service_id"],
                refs: &[("service_id", "services")],
                keep_without: &[],
            },
            // What can still be sold while it runs: none, or one.
            Children {
                name: "sales",
                table: "workaround_sales",
                parent: Some("workaround_id"),
                order: None,
                columns: &["kept_percent"],
                refs: &[],
                keep_without: &[],
            },
        ],
    },
    Synced {
        table: "roles",
        one_row: false,
        only: None,
        columns: &[
            "kind",
            "name",
            "position",
            "stand_in_id",
            "starter_key",
            "created_at",
            "updated_at",
        ],
        refs: &[("stand_in_id", "contacts")],
        conflicts: &["duties"],
        unions: &[],
        children: &[
            Children {
                name: "duties",
                table: "role_duties",
                parent: Some("role_id"),
                order: Some("position"),
                columns: &["text"],
                refs: &[],
                keep_without: &[],
            },
            Children {
                name: "holders",
                table: "role_holders",
                parent: Some("role_id"),
                order: Some("position"),
                columns: &["contact_id"],
                refs: &[("contact_id", "contacts")],
                keep_without: &[],
            },
            // The name stays when the contact or service is gone (plan health says so).
            Children {
                name: "about_contacts",
                table: "role_contacts",
                parent: Some("role_id"),
                order: Some("position"),
                columns: &["contact_id", "name"],
                refs: &[("contact_id", "contacts")],
                keep_without: &["contact_id"],
            },
            Children {
                name: "about_services",
                table: "role_services",
                parent: Some("role_id"),
                order: Some("position"),
                columns: &["service_id", "name"],
                refs: &[("service_id", "services")],
                keep_without: &["service_id"],
            },
        ],
    },
    Synced {
        table: "cold_stores",
        one_row: false,
        only: None,
        columns: &[
            "position",
            "name",
            "kind",
            "safe_minutes",
            "service_id",
            "created_at",
            "updated_at",
        ],
        refs: &[("service_id", "services")],
        conflicts: &[],
        unions: &[],
        children: &[],
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
        unions: &[],
        children: &[Children {
            name: "steps",
            table: "runbook_steps",
            parent: Some("runbook_id"),
            order: Some("position"),
            columns: &["text"],
            refs: &[],
            keep_without: &[],
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
        unions: &["checks", "claims_sent", "handoffs"],
        // Ticked or handed off on both computers at once: every tick and handoff of either
        // shows (`unions`; of one task handed to two people, the later).
        children: &[
            Children {
                name: "handoffs",
                table: "incident_handoffs",
                parent: Some("incident_id"),
                order: None,
                // The task first: a union keeps one handoff per task.
                columns: &["task", "label", "contact_id", "name", "at"],
                refs: &[("task", TASK), ("contact_id", "contacts")],
                // Here, a person deleted leaves the handoff under their name.
                keep_without: &["contact_id"],
            },
            Children {
                name: "checks",
                table: "incident_checks",
                parent: Some("incident_id"),
                order: None,
                columns: &["item", "done_at"],
                refs: &[],
                keep_without: &[],
            },
            Children {
                name: "claims_sent",
                table: "claims_sent",
                parent: Some("incident_id"),
                order: None,
                columns: &["rule", "sent_on"],
                refs: &[],
                keep_without: &[],
            },
        ],
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
        unions: &[],
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
        unions: &[],
        children: &[],
    },
    Synced {
        table: "notices_sent",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &["incident_id", "sent_at", "stage", "channel", "text"],
        refs: &[("incident_id", "incidents")],
        conflicts: &[],
        unions: &[],
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
        unions: &[],
        children: &[],
    },
    Synced {
        table: "prevention_actions",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &["incident_id", "position", "text", "owner", "due_on"],
        refs: &[("incident_id", "incidents")],
        conflicts: &[],
        unions: &[],
        children: &[],
    },
    Synced {
        table: "incident_events",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &["incident_id", "at", "kind", "detail"],
        refs: &[("incident_id", "incidents")],
        conflicts: &[],
        unions: &[],
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
        unions: &[],
        children: &[],
    },
    Synced {
        table: "cold_readings",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &["incident_id", "cold_store_id", "store_name", "at", "tenths"],
        refs: &[
            ("incident_id", "incidents"),
            ("cold_store_id", "cold_stores"),
        ],
        conflicts: &[],
        unions: &[],
        children: &[],
    },
    Synced {
        table: "incident_expenses",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &["incident_id", "what", "amount", "spent_on", "created_at"],
        refs: &[("incident_id", "incidents")],
        conflicts: &[],
        unions: &[],
        children: &[],
    },
    Synced {
        table: "spoiled_stock",
        one_row: false,
        only: Some(OF_A_REAL_OUTAGE),
        columns: &[
            "incident_id",
            "cold_store_id",
            "item",
            "quantity_milli",
            "unit",
            "unit_cost",
            "thrown_at",
            "why",
            "created_at",
        ],
        refs: &[
            ("incident_id", "incidents"),
            ("cold_store_id", "cold_stores"),
        ],
        conflicts: &[],
        unions: &[],
        children: &[],
    },
    // Announced outages (a planned cut known days ahead): each becomes an outage when the
    // owner starts it, on either computer.
    Synced {
        table: "announced_outages",
        one_row: false,
        only: None,
        columns: &[
            "what",
            "label",
            "starts_at",
            "expected_minutes",
            "source",
            "outcome",
            "incident_id",
            "created_at",
            "updated_at",
        ],
        refs: &[("incident_id", "incidents")],
        conflicts: &[],
        unions: &["checks"],
        children: &[
            Children {
                name: "services",
                table: "announced_services",
                parent: Some("announced_id"),
                order: None,
                columns: &["service_id"],
                refs: &[("service_id", "services")],
                keep_without: &[],
            },
            Children {
                name: "checks",
                table: "announced_checks",
                parent: Some("announced_id"),
                order: None,
                columns: &["item", "done_at"],
                refs: &[],
                keep_without: &[],
            },
        ],
    },
];

/// The rows of an outage that is not a drill's.
const OF_A_REAL_OUTAGE: &str = "incident_id IN (SELECT id FROM incidents WHERE drill = 0)";

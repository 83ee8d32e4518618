//! Which tables the computers share, and how each row is shared: its columns, the columns that
//! name a row of another shared table (by integer id here, by global id in the history), the
//! fields whose concurrent edits the owner settles, and the rows it owns (phones, steps,
//! links) as one field. Tables come in an order where every table a row names comes first.

/// A table whose rows the computers share, by global id.
pub(super) struct Synced {
    pub table: &'static str,
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
    pub parent: &'static str,
    pub order: Option<&'static str>,
    pub columns: &'static [&'static str],
    pub refs: &'static [(&'static str, &'static str)],
}

impl Synced {
    pub(super) fn fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns
            .iter()
            .copied()
            .chain(self.children.iter().map(|c| c.name))
    }
}

pub(super) const SYNCED: &[Synced] = &[
    Synced {
        table: "contacts",
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
            parent: "contact_id",
            order: Some("position"),
            columns: &["label", "number"],
            refs: &[],
        }],
    },
    Synced {
        table: "services",
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
            parent: "service_id",
            order: None,
            columns: &["contact_id"],
            refs: &[("contact_id", "contacts")],
        }],
    },
    Synced {
        table: "workarounds",
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
                parent: "workaround_id",
                order: None,
                columns: &["contact_id"],
                refs: &[("contact_id", "contacts")],
            },
            Children {
                name: "also_for",
                table: "workaround_services",
                parent: "workaround_id",
                order: None,
                columns: &["service_id"],
                refs: &[("service_id", "services")],
            },
        ],
    },
    Synced {
        table: "runbooks",
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
            parent: "runbook_id",
            order: Some("position"),
            columns: &["text"],
            refs: &[],
        }],
    },
];

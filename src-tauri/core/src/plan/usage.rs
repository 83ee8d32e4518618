//! What in the plan depends on a contact, so deleting one can say what it would break.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::CoreResult;
use crate::store::Store;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactUsage {
    /// Services that depend on the contact.
    pub services: Vec<String>,
    /// Workarounds that depend on the contact, as "Service: workaround".
    pub workarounds: Vec<String>,
    pub in_call_tree: bool,
}

impl ContactUsage {
    pub fn is_empty(&self) -> bool {
        self.services.is_empty() && self.workarounds.is_empty() && !self.in_call_tree
    }
}

impl Store {
    pub fn contact_usage(&self, contact_id: i64) -> CoreResult<ContactUsage> {
        self.contact(contact_id)?;
        let names = |sql: &str| -> CoreResult<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt
                .query_map([contact_id], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(rows)
        };
        Ok(ContactUsage {
            services: names(
                "SELECT s.name FROM services s JOIN service_contacts sc ON sc.service_id = s.id
                 WHERE sc.contact_id = ?1 ORDER BY s.name COLLATE NOCASE",
            )?,
            workarounds: names(
                "SELECT s.name || ': ' || w.title FROM workarounds w
                 JOIN workaround_contacts wc ON wc.workaround_id = w.id
                 JOIN services s ON s.id = w.service_id
                 WHERE wc.contact_id = ?1 ORDER BY s.name COLLATE NOCASE, w.position",
            )?,
            in_call_tree: self
                .conn
                .prepare_cached("SELECT 1 FROM call_tree WHERE contact_id = ?1 OR caller_id = ?1")?
                .exists([contact_id])?,
        })
    }
}

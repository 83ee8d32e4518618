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
    /// The roles the contact holds, by name.
    pub holds: Vec<String>,
    /// The roles the contact stands in for.
    pub stands_in_for: Vec<String>,
    /// The roles whose duties name the contact (a provider they call).
    pub named_by: Vec<String>,
    /// Whether the team calls them when the owner cannot be reached.
    pub owner_deputy: bool,
}

impl ContactUsage {
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
            && self.workarounds.is_empty()
            && !self.in_call_tree
            && self.holds.is_empty()
            && self.stands_in_for.is_empty()
            && self.named_by.is_empty()
            && !self.owner_deputy
    }
}

impl Store {
    pub fn contact_usage(&self, contact_id: i64) -> CoreResult<ContactUsage> {
        self.contact(contact_id)?;
        let team = self.team(self.business_language()?)?;
        let roles = |pick: &dyn Fn(&crate::team::Role) -> bool| -> Vec<String> {
            team.roles
                .iter()
                .filter(|r| pick(r))
                .map(|r| r.title.clone())
                .collect()
        };
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
            holds: roles(&|r| r.details.holder_ids.contains(&contact_id)),
            stands_in_for: roles(&|r| r.details.stand_in_id == Some(contact_id)),
            named_by: roles(&|r| r.details.contact_ids.contains(&contact_id)),
            owner_deputy: team.settings.deputy_id == Some(contact_id),
        })
    }
}

//! People and safety: the checklist to run first in any incident, where everyone meets, and
//! the call tree — who calls whom so the whole team is reached. Also when the plan was last
//! reviewed.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::{Country, Language};
use crate::contacts::{Contact, ContactFilter, ContactKind, Phone};
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::SafetyField;
use crate::fields::{check_list_len, Problems, LINE_MAX};
use crate::store::Store;

/// One person in the call tree and who calls them (`None`: the owner does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallTreeEntry {
    #[ts(type = "number")]
    pub contact_id: i64,
    #[ts(type = "number | null")]
    pub caller_id: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SafetyDetails {
    pub assembly_point: String,
    /// What to check first in any incident, in order.
    pub checklist: Vec<String>,
    /// Staff contacts in the order they are called.
    pub call_tree: Vec<CallTreeEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SafetyPlan {
    #[serde(flatten)]
    pub details: SafetyDetails,
    /// When the owner last marked the whole plan reviewed.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The numbers to call in an emergency, by [`emergency_numbers`]: read, never saved.
    #[serde(default)]
    pub emergency: Vec<Phone>,
}

/// Where the numbers to call in an emergency come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmergencyFrom {
    /// The plan's own emergency contacts: paper prints them under their names.
    Plan,
    /// The business's country.
    Country,
    /// Neither (no country, or another one): the usual number stands in, and the plan's
    /// health asks for the real ones.
    Usual,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmergencyNumbers {
    pub from: EmergencyFrom,
    pub numbers: Vec<Phone>,
}

/// The one rule for the numbers to call in an emergency, for the window and paper alike: the
/// plan's own (every phone of its emergency contacts) when it lists any, else the country's.
pub fn emergency_numbers(
    contacts: &[Contact],
    country: Option<Country>,
    language: Language,
) -> EmergencyNumbers {
    let listed: Vec<Phone> = contacts
        .iter()
        .filter(|c| c.details.kind == ContactKind::Emergency)
        .flat_map(|c| c.details.phones.iter().cloned())
        .collect();
    if !listed.is_empty() {
        return EmergencyNumbers {
            from: EmergencyFrom::Plan,
            numbers: listed,
        };
    }
    let from = match country {
        Some(country) if country != Country::Other => EmergencyFrom::Country,
        _ => EmergencyFrom::Usual,
    };
    let country = country.unwrap_or(Country::Other);
    let numbers = country
        .emergency_numbers(language)
        .into_iter()
        .map(|n| Phone {
            label: crate::vocabulary::emergency_service(language, country, n.service).to_owned(),
            number: n.number,
        })
        .collect();
    EmergencyNumbers { from, numbers }
}

impl SafetyDetails {
    fn validated(&self, store: &Store) -> CoreResult<Self> {
        check_list_len(SafetyField::Checklist, self.checklist.len())?;
        check_list_len(SafetyField::CallTree, self.call_tree.len())?;
        let mut p = Problems::default();
        let assembly_point = p.text(SafetyField::AssemblyPoint, &self.assembly_point, LINE_MAX);
        let checklist: Vec<String> = self
            .checklist
            .iter()
            .enumerate()
            .map(|(i, item)| p.text(SafetyField::ChecklistItem(i), item, LINE_MAX))
            .filter(|item| !item.is_empty())
            .collect();

        let staff: HashMap<i64, ContactKind> = store
            .list_contacts(&Default::default())?
            .into_iter()
            .map(|c| (c.id, c.details.kind))
            .collect();
        let mut seen = Vec::new();
        for (i, entry) in self.call_tree.iter().enumerate() {
            let field = SafetyField::Called(i);
            if staff.get(&entry.contact_id) != Some(&ContactKind::Staff)
                || seen.contains(&entry.contact_id)
            {
                p.add(field, FieldProblem::Unknown);
                continue;
            }
            seen.push(entry.contact_id);
        }
        for (i, entry) in self.call_tree.iter().enumerate() {
            if let Some(caller) = entry.caller_id {
                if !seen.contains(&caller) || caller == entry.contact_id {
                    p.add(SafetyField::Caller(i), FieldProblem::Unknown);
                } else if reaches_itself(&self.call_tree, entry.contact_id) {
                    p.add(SafetyField::Caller(i), FieldProblem::Cycle);
                }
            }
        }
        p.into_result().map_err(CoreError::Validation)?;
        Ok(Self {
            assembly_point,
            checklist,
            call_tree: self.call_tree.clone(),
        })
    }
}

/// Whether following callers up from `start` comes back to it (nobody would ever call them).
fn reaches_itself(tree: &[CallTreeEntry], start: i64) -> bool {
    let caller_of = |id: i64| {
        tree.iter()
            .find(|e| e.contact_id == id)
            .and_then(|e| e.caller_id)
    };
    let mut current = caller_of(start);
    for _ in 0..=tree.len() {
        match current {
            None => return false,
            Some(id) if id == start => return true,
            Some(id) => current = caller_of(id),
        }
    }
    true
}

impl Store {
    pub fn safety_plan(&self) -> CoreResult<SafetyPlan> {
        let settings: Option<(String, Option<DateTime<Utc>>)> = self
            .conn
            .query_row(
                "SELECT assembly_point, reviewed_at FROM plan_settings WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (assembly_point, reviewed_at) = settings.unwrap_or_default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT text FROM safety_checklist ORDER BY position")?;
        let checklist = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT contact_id, caller_id FROM call_tree ORDER BY position")?;
        let call_tree = stmt
            .query_map([], |r| {
                Ok(CallTreeEntry {
                    contact_id: r.get(0)?,
                    caller_id: r.get(1)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let emergency_contacts = self.list_contacts(&ContactFilter {
            query: String::new(),
            kind: Some(ContactKind::Emergency),
        })?;
        let business = self.business()?;
        let emergency = emergency_numbers(
            &emergency_contacts,
            business.as_ref().and_then(|b| b.country),
            business.map_or(Language::En, |b| b.language),
        )
        .numbers;
        Ok(SafetyPlan {
            details: SafetyDetails {
                assembly_point,
                checklist,
                call_tree,
            },
            reviewed_at,
            emergency,
        })
    }

    pub fn save_safety(
        &mut self,
        details: &SafetyDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<SafetyPlan> {
        let details = details.validated(self)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO plan_settings (id, assembly_point, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET assembly_point = excluded.assembly_point,
                updated_at = excluded.updated_at",
            params![details.assembly_point, now],
        )?;
        tx.execute("DELETE FROM safety_checklist", [])?;
        for (position, text) in details.checklist.iter().enumerate() {
            tx.execute(
                "INSERT INTO safety_checklist (position, text) VALUES (?1, ?2)",
                params![position as i64, text],
            )?;
        }
        tx.execute("DELETE FROM call_tree", [])?;
        for (position, entry) in details.call_tree.iter().enumerate() {
            tx.execute(
                "INSERT INTO call_tree (contact_id, caller_id, position) VALUES (?1, ?2, ?3)",
                params![entry.contact_id, entry.caller_id, position as i64],
            )?;
        }
        tx.commit()?;
        self.safety_plan()
    }

    /// Records that the owner went through the whole plan at `now`.
    pub fn mark_plan_reviewed(&mut self, now: DateTime<Utc>) -> CoreResult<SafetyPlan> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO plan_settings (id, reviewed_at, updated_at) VALUES (1, ?1, ?1)
             ON CONFLICT (id) DO UPDATE SET reviewed_at = excluded.reviewed_at",
            params![now],
        )?;
        tx.commit()?;
        self.safety_plan()
    }
}

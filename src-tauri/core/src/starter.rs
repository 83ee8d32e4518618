//! Starter plans: the usual critical services, workarounds, runbooks, providers and safety
//! checklist for each kind of business, in the owner's language — so a first plan is a matter
//! of filling in numbers, not inventing structure. The content is data (`starter/*.json`);
//! applying it only ever adds, never overwrites what the owner wrote.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::{BusinessType, Language};
use crate::contacts::{insert_contact, ContactDetails, ContactFilter, ContactKind, Phone};
use crate::error::{CoreError, CoreResult};
use crate::fields::fold_for_search;
use crate::plan::runbooks::{insert_runbook, RunbookDetails};
use crate::plan::services::{
    insert_service, insert_workaround, CustomersPer, Priority, ServiceDetails, WorkaroundDetails,
};
use crate::store::Store;
use crate::team::{role_count, write_role, RoleDetails, RoleKind, MAX_ROLES};

const STRUCTURE: &str = include_str!("../starter/types.json");
/// The starter plans' words in every language (`starter/<language>.json`).
const TEXTS: &[(Language, &str)] = &[
    (Language::En, include_str!("../starter/en.json")),
    (Language::Fr, include_str!("../starter/fr.json")),
];

#[derive(Deserialize)]
struct Structure {
    services: HashMap<String, ServiceLinks>,
    workarounds: HashMap<String, Vec<WorkaroundLinks>>,
    business_types: HashMap<BusinessType, TypePlan>,
    runbooks: HashMap<String, RunbookLinks>,
    roles: HashMap<String, RoleLinks>,
}

#[derive(Deserialize)]
struct RoleLinks {
    kind: RoleKind,
    /// The kinds of contact whose numbers the role needs (the providers it calls).
    contacts: Vec<ContactKind>,
    /// The services its duties are about.
    services: Vec<String>,
}

#[derive(Deserialize)]
struct ServiceLinks {
    contacts: Vec<ContactKind>,
}

#[derive(Deserialize)]
struct WorkaroundLinks {
    key: String,
    contacts: Vec<ContactKind>,
    services: Vec<String>,
}

#[derive(Deserialize)]
struct RunbookLinks {
    service: Option<String>,
}

#[derive(Deserialize)]
struct TypePlan {
    /// (key, priority, customer facing, max downtime in minutes, customers, per)
    services: Vec<(String, Priority, bool, u32, Option<u32>, CustomersPer)>,
    runbooks: Vec<String>,
    roles: Vec<String>,
}

#[derive(Deserialize)]
struct Texts {
    contacts: HashMap<ContactKind, String>,
    placeholder_note: String,
    emergency: EmergencyTexts,
    services: HashMap<String, ServiceTexts>,
    workarounds: HashMap<String, WorkaroundTexts>,
    runbooks: HashMap<String, RunbookTexts>,
    roles: HashMap<String, RoleTexts>,
    safety_checklist: Vec<String>,
}

#[derive(Deserialize)]
struct RoleTexts {
    /// The role's own name: empty for the usual kinds (their word is the vocabulary's).
    name: String,
    /// In order: the first three are what a person does first.
    duties: Vec<String>,
}

#[derive(Deserialize)]
struct EmergencyTexts {
    phones: Vec<(String, String)>,
    notes: String,
}

#[derive(Deserialize)]
struct ServiceTexts {
    name: String,
    notes: String,
}

#[derive(Deserialize)]
struct WorkaroundTexts {
    title: String,
    steps: String,
    customer_message: String,
    limits: String,
}

#[derive(Deserialize)]
struct RunbookTexts {
    title: String,
    steps: Vec<String>,
}

/// What applying a starter plan added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StarterSummary {
    pub services: u32,
    pub workarounds: u32,
    pub runbooks: u32,
    pub contacts: u32,
    pub checklist_items: u32,
    pub roles: u32,
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, json: &str) -> CoreResult<T> {
    serde_json::from_str(json)
        .map_err(|err| CoreError::Corrupt(format!("starter plan {name}: {err}")))
}

fn texts(language: Language) -> CoreResult<Texts> {
    let (_, json) = TEXTS
        .iter()
        .find(|(l, _)| *l == language)
        .ok_or_else(|| missing("language", language.as_str()))?;
    parse(&format!("{}.json", language.as_str()), json)
}

/// The generic names starter plans give placeholder contacts ("Internet provider"), in every
/// language: they name no real provider, so notices may say them. Read from the starter
/// texts once: the notice check asks for them at every keystroke.
pub fn placeholder_names() -> &'static [String] {
    static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
        Language::ALL
            .iter()
            .filter_map(|language| texts(*language).ok())
            .flat_map(|t| t.contacts.into_values())
            .collect()
    });
    &NAMES
}

/// The note starter plans put on the contacts they add ("fill in the name…"), in every
/// language: a to-do on screen, noise on paper.
pub fn placeholder_notes() -> &'static [String] {
    static NOTES: LazyLock<Vec<String>> = LazyLock::new(|| {
        Language::ALL
            .iter()
            .filter_map(|language| texts(*language).ok())
            .map(|t| t.placeholder_note)
            .collect()
    });
    &NOTES
}

fn missing(what: &str, key: &str) -> CoreError {
    CoreError::Corrupt(format!("starter plan has no {what} {key:?}"))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Store {
    /// Adds the starter plan for `business_type` in `language`: services, their workarounds
    /// and runbooks the plan does not have yet (by origin or by name), a placeholder contact
    /// for each kind of provider the plan needs but has none of, and the safety checklist if
    /// it is empty. Nothing that exists is changed.
    pub fn apply_starter_plan(
        &mut self,
        business_type: BusinessType,
        language: Language,
        now: DateTime<Utc>,
    ) -> CoreResult<StarterSummary> {
        let structure: Structure = parse("types.json", STRUCTURE)?;
        let texts = texts(language)?;
        let plan = structure
            .business_types
            .get(&business_type)
            .ok_or_else(|| missing("business type", business_type.as_str()))?;

        let country = self.country()?;
        let existing_contacts = self.list_contacts(&ContactFilter::default())?;
        let existing_services = self.list_services()?;
        let existing_runbooks = self.list_runbooks()?;
        let starter_keys = |table: &str| -> CoreResult<Vec<String>> {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT starter_key FROM {table} WHERE starter_key IS NOT NULL"
            ))?;
            let keys = stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            Ok(keys)
        };
        let service_keys = starter_keys("services")?;
        let runbook_keys = starter_keys("runbooks")?;
        let safety = self.safety_plan()?;
        let existing_roles = self.team(language)?.roles;
        let role_keys = starter_keys("roles")?;

        let mut summary = StarterSummary::default();
        // A savepoint, so that the first run can make this and the starter plan one transaction.
        let tx = self.conn.savepoint()?;

        // One contact per kind the plan needs: the owner's own if there is one.
        let mut contact_for: HashMap<ContactKind, i64> = HashMap::new();
        for contact in &existing_contacts {
            contact_for
                .entry(contact.details.kind)
                .or_insert(contact.id);
        }
        let mut needed: Vec<ContactKind> = vec![ContactKind::Emergency];
        for (key, ..) in &plan.services {
            let links = structure
                .services
                .get(key)
                .ok_or_else(|| missing("service", key))?;
            needed.extend(&links.contacts);
            for workaround in structure.workarounds.get(key).into_iter().flatten() {
                needed.extend(&workaround.contacts);
            }
        }
        for kind in needed {
            if contact_for.contains_key(&kind) {
                continue;
            }
            let name = texts
                .contacts
                .get(&kind)
                .ok_or_else(|| missing("contact", kind.as_str()))?;
            let mut details = ContactDetails {
                organisation: name.clone(),
                notes: texts.placeholder_note.clone(),
                ..ContactDetails::new(kind)
            };
            if kind == ContactKind::Emergency {
                // The country's own numbers when it is known; else what the language's
                // starter text says (where the owner most likely is, with a note).
                (details.phones, details.notes) = match country {
                    Some(country) => (
                        country
                            .emergency_numbers(language)
                            .into_iter()
                            .map(|n| Phone {
                                label: n.label,
                                number: n.number,
                            })
                            .collect(),
                        String::new(),
                    ),
                    None => (
                        texts
                            .emergency
                            .phones
                            .iter()
                            .map(|(label, number)| Phone {
                                label: label.clone(),
                                number: number.clone(),
                            })
                            .collect(),
                        texts.emergency.notes.clone(),
                    ),
                };
            }
            let details = details.validated()?;
            contact_for.insert(kind, insert_contact(&tx, None, None, &details, now, now)?);
            summary.contacts += 1;
        }
        let ids_for = |kinds: &[ContactKind]| -> Vec<i64> {
            let mut ids: Vec<i64> = kinds
                .iter()
                .filter_map(|k| contact_for.get(k).copied())
                .collect();
            ids.dedup();
            ids
        };

        // Services the plan does not have yet, by origin or by name.
        let mut service_for: HashMap<&str, i64> = HashMap::new();
        let mut added = Vec::new();
        for (key, priority, facing, minutes, customers, per) in &plan.services {
            let words = texts
                .services
                .get(key)
                .ok_or_else(|| missing("service text", key))?;
            let same_name = existing_services
                .iter()
                .find(|s| fold_for_search(&s.details.name) == fold_for_search(&words.name));
            if let Some(service) = same_name {
                service_for.insert(key, service.id);
                continue;
            }
            if service_keys.contains(key) {
                let id: i64 = tx.query_row(
                    "SELECT id FROM services WHERE starter_key = ?1",
                    [key],
                    |r| r.get(0),
                )?;
                service_for.insert(key, id);
                continue;
            }
            let links = structure
                .services
                .get(key)
                .ok_or_else(|| missing("service", key))?;
            let details = ServiceDetails {
                name: words.name.clone(),
                priority: *priority,
                customer_facing: *facing,
                max_downtime_minutes: *minutes,
                customers_affected: *customers,
                customers_per: *per,
                no_workaround: false,
                notes: words.notes.clone(),
                contact_ids: ids_for(&links.contacts),
            }
            .validated(&tx)?;
            let id = insert_service(&tx, &details, Some(key), now)?;
            service_for.insert(key, id);
            added.push((key.as_str(), id));
            summary.services += 1;
        }

        // Workarounds only for the services just added: the owner's own are left alone.
        for (key, service_id) in &added {
            for links in structure.workarounds.get(*key).into_iter().flatten() {
                let words = texts
                    .workarounds
                    .get(&links.key)
                    .ok_or_else(|| missing("workaround", &links.key))?;
                let details = WorkaroundDetails {
                    title: words.title.clone(),
                    steps: words.steps.clone(),
                    customer_message: words.customer_message.clone(),
                    limits: words.limits.clone(),
                    contact_ids: ids_for(&links.contacts),
                    service_ids: links
                        .services
                        .iter()
                        .filter_map(|k| service_for.get(k.as_str()).copied())
                        .collect(),
                }
                .validated(&tx, *service_id)?;
                insert_workaround(&tx, *service_id, &details, now)?;
                summary.workarounds += 1;
            }
        }

        for key in &plan.runbooks {
            let words = texts
                .runbooks
                .get(key)
                .ok_or_else(|| missing("runbook", key))?;
            let same_title = existing_runbooks
                .iter()
                .any(|r| fold_for_search(&r.details.title) == fold_for_search(&words.title));
            if same_title || runbook_keys.contains(key) {
                continue;
            }
            let links = structure
                .runbooks
                .get(key)
                .ok_or_else(|| missing("runbook", key))?;
            let details = RunbookDetails {
                title: words.title.clone(),
                service_id: links
                    .service
                    .as_deref()
                    .and_then(|k| service_for.get(k).copied()),
                steps: words.steps.clone(),
            };
            insert_runbook(&tx, &details, Some(key), now)?;
            summary.runbooks += 1;
        }

        // Roles the plan has no role of the same kind (or name) for. Nobody holds them yet:
        // the owner knows who, and plan health asks.
        for key in &plan.roles {
            let links = structure
                .roles
                .get(key)
                .ok_or_else(|| missing("role", key))?;
            let words = texts
                .roles
                .get(key)
                .ok_or_else(|| missing("role text", key))?;
            let same = existing_roles.iter().any(|r| {
                if links.kind == RoleKind::Own {
                    fold_for_search(&r.details.name) == fold_for_search(&words.name)
                } else {
                    r.details.kind == links.kind
                }
            });
            if same || role_keys.contains(key) || role_count(&tx)? >= MAX_ROLES {
                continue;
            }
            let role = RoleDetails {
                kind: links.kind,
                name: words.name.clone(),
                duties: words.duties.clone(),
                holder_ids: Vec::new(),
                stand_in_id: None,
                contact_ids: ids_for(&links.contacts),
                service_ids: links
                    .services
                    .iter()
                    .filter_map(|k| service_for.get(k.as_str()).copied())
                    .collect(),
            }
            .validated(&tx)?;
            write_role(&tx, None, &role, Some(key), now)?;
            summary.roles += 1;
        }

        if safety.details.checklist.is_empty() {
            for (position, text) in texts.safety_checklist.iter().enumerate() {
                tx.execute(
                    "INSERT INTO safety_checklist (position, text) VALUES (?1, ?2)",
                    params![position as i64, text],
                )?;
            }
            summary.checklist_items = count(texts.safety_checklist.len());
        }
        tx.commit()?;
        Ok(summary)
    }
}

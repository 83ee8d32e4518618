//! Plan health: what is missing from the plan, in terms the owner can act on ("Card payments
//! has no workaround", "3 contacts have no phone number"). Pure over the stored plan and the
//! current time, so it is checked without a window.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::{Country, Language};
use crate::contacts::{Contact, ContactFilter, ContactKind};
use crate::error::CoreResult;
use crate::plan::runbooks::Runbook;
use crate::plan::safety::{emergency_numbers, EmergencyFrom, SafetyPlan};
use crate::plan::services::CriticalService;
use crate::store::Store;
use crate::team::Team;

/// How often the plan should be gone through.
pub const REVIEW_EVERY_MONTHS: u32 = 6;

/// One gap in the plan. Names are the owner's own; the UI words the sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Finding {
    /// No critical service is listed yet.
    NoServices,
    /// A service with no workaround that is not marked "no workaround".
    NoWorkaround {
        #[ts(type = "number")]
        service_id: i64,
        service: String,
    },
    /// A service nobody is listed to call for.
    NoContactToCall {
        #[ts(type = "number")]
        service_id: i64,
        service: String,
    },
    /// A workaround that depends on a contact its own service depends on: it may fail too.
    SharedDependency {
        #[ts(type = "number")]
        service_id: i64,
        service: String,
        workaround: String,
        contact: String,
    },
    /// A provider the owner will call without the number they will be asked for.
    NoAccountNumber {
        #[ts(type = "number")]
        contact_id: i64,
        contact: String,
    },
    /// A provider the plan counts on has no number, and another contact of the same kind
    /// has one (a new owner who added their power company instead of filling the starter
    /// plan's "Electricity supplier"): use that one for `services` instead?
    UseInstead {
        #[ts(type = "number")]
        placeholder_id: i64,
        placeholder: String,
        #[ts(type = "number")]
        contact_id: i64,
        contact: String,
        /// What the placeholder is linked to: services, and the services whose workarounds
        /// need it.
        services: Vec<String>,
    },
    /// Contacts nobody can call.
    NoPhone {
        count: u32,
    },
    NoEmergencyNumber,
    NoSafetyChecklist,
    NoAssemblyPoint,
    /// Staff are listed but nobody is in the call tree.
    NoCallTree,
    /// A runbook with no steps.
    EmptyRunbook {
        #[ts(type = "number")]
        runbook_id: i64,
        runbook: String,
    },
    /// Staff are listed but no role is in the plan: nobody knows what they do.
    NoRoles,
    /// A role nobody holds.
    RoleNobody {
        #[ts(type = "number")]
        role_id: i64,
        role: String,
    },
    /// A role held by one person, with nobody to take it when they are away.
    RoleNoStandIn {
        #[ts(type = "number")]
        role_id: i64,
        role: String,
        person: String,
    },
    /// Someone who holds or stands in for a role has no phone number: nobody can reach them.
    TeamPersonNoPhone {
        #[ts(type = "number")]
        contact_id: i64,
        person: String,
    },
    /// A role whose duties name contacts or services that have been deleted.
    RoleNamesGone {
        #[ts(type = "number")]
        role_id: i64,
        role: String,
        names: Vec<String>,
    },
    /// The role cards would have no number for the owner.
    NoOwnerPhone,
    NeverReviewed,
    ReviewDue {
        reviewed_at: DateTime<Utc>,
    },
    /// Something a drill found to fix ("Fix from the drill of 5 Dec: …"), not done yet.
    DrillAction {
        #[ts(type = "number")]
        action_id: i64,
        /// When the drill that found it started (`None`: the drill was deleted).
        drill_started_at: Option<DateTime<Utc>>,
        /// What to fix, in the words of the language it was found in.
        text: String,
        owner: String,
        due_on: Option<NaiveDate>,
        /// The contact it is about (a number that did not work), to open it.
        #[ts(type = "number | null")]
        contact_id: Option<i64>,
    },
}

/// An open action a drill found, as plan health reads it (`plan_actions`, written by
/// `drills::actions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAction {
    pub id: i64,
    pub drill_started_at: Option<DateTime<Utc>>,
    pub text: String,
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub contact_id: Option<i64>,
}

/// Kinds whose staff ask for an account, meter or customer number on the phone.
fn is_provider(kind: ContactKind) -> bool {
    matches!(
        kind,
        ContactKind::PowerUtility
            | ContactKind::InternetProvider
            | ContactKind::PhoneProvider
            | ContactKind::CardPayments
            | ContactKind::WebsiteVendor
            | ContactKind::SoftwareVendor
    )
}

/// A provider without a number, and the contact of the same kind with one that stands in
/// for it — on the card, in the binder and in the "use … instead?" finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandIn<'a> {
    pub placeholder: &'a Contact,
    pub contact: &'a Contact,
}

/// Every provider without a number for whose kind another contact has one, paired with the
/// one to use instead: the first by name of those the plan already links to, else the first
/// by name. Contacts are taken in the order given (by name, as listed).
pub fn stand_ins<'a>(contacts: &'a [Contact], services: &[CriticalService]) -> Vec<StandIn<'a>> {
    let linked = linked_contacts(services);
    contacts
        .iter()
        .filter(|c| is_provider(c.details.kind) && c.details.phones.is_empty())
        .filter_map(|placeholder| {
            let same_kind = || {
                contacts.iter().filter(|c| {
                    c.details.kind == placeholder.details.kind && !c.details.phones.is_empty()
                })
            };
            let contact = same_kind()
                .find(|c| linked.contains(&c.id))
                .or_else(|| same_kind().next())?;
            Some(StandIn {
                placeholder,
                contact,
            })
        })
        .collect()
}

/// The contacts a service or one of its workarounds is linked to.
fn linked_contacts(services: &[CriticalService]) -> Vec<i64> {
    services
        .iter()
        .flat_map(|s| {
            s.details.contact_ids.iter().chain(
                s.workarounds
                    .iter()
                    .flat_map(|w| w.details.contact_ids.iter()),
            )
        })
        .copied()
        .collect()
}

/// The names of the services that link to `contact`, directly or through a workaround.
fn services_linking(services: &[CriticalService], contact: i64) -> Vec<String> {
    services
        .iter()
        .filter(|s| {
            s.details.contact_ids.contains(&contact)
                || s.workarounds
                    .iter()
                    .any(|w| w.details.contact_ids.contains(&contact))
        })
        .map(|s| s.details.name.clone())
        .collect()
}

fn name_of(contacts: &[Contact], id: i64) -> Option<&str> {
    contacts
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.details.display_name())
}

/// Every finding, most urgent first. The business's `country` stands in for an emergency
/// contact: its numbers are known, shown and printed.
pub fn findings(
    country: Option<Country>,
    contacts: &[Contact],
    services: &[CriticalService],
    runbooks: &[Runbook],
    safety: &SafetyPlan,
    team: &Team,
    now: DateTime<Utc>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !safety.details.checklist.iter().any(|s| !s.is_empty()) {
        out.push(Finding::NoSafetyChecklist);
    }
    let emergency = emergency_numbers(contacts, country, Language::En);
    if emergency.from == EmergencyFrom::Usual {
        out.push(Finding::NoEmergencyNumber);
    }
    if services.is_empty() {
        out.push(Finding::NoServices);
    }
    for service in services {
        let name = || service.details.name.clone();
        if service.workarounds.is_empty() && !service.details.no_workaround {
            out.push(Finding::NoWorkaround {
                service_id: service.id,
                service: name(),
            });
        }
        if service.details.contact_ids.is_empty() {
            out.push(Finding::NoContactToCall {
                service_id: service.id,
                service: name(),
            });
        }
        for workaround in &service.workarounds {
            let shared = workaround
                .details
                .contact_ids
                .iter()
                .find(|id| service.details.contact_ids.contains(id));
            if let Some(contact) = shared.and_then(|id| name_of(contacts, *id)) {
                out.push(Finding::SharedDependency {
                    service_id: service.id,
                    service: name(),
                    workaround: workaround.details.title.clone(),
                    contact: contact.to_owned(),
                });
            }
        }
    }
    for contact in contacts {
        let d = &contact.details;
        if is_provider(d.kind) && d.account_number.is_empty() && d.customer_id.is_empty() {
            out.push(Finding::NoAccountNumber {
                contact_id: contact.id,
                contact: d.display_name().to_owned(),
            });
        }
    }
    for StandIn {
        placeholder,
        contact,
    } in stand_ins(contacts, services)
    {
        let linking = services_linking(services, placeholder.id);
        if !linking.is_empty() {
            out.push(Finding::UseInstead {
                placeholder_id: placeholder.id,
                placeholder: placeholder.details.display_name().to_owned(),
                contact_id: contact.id,
                contact: contact.details.display_name().to_owned(),
                services: linking,
            });
        }
    }
    let without_phone = contacts
        .iter()
        .filter(|c| c.details.phones.is_empty())
        .count();
    if without_phone > 0 {
        out.push(Finding::NoPhone {
            count: u32::try_from(without_phone).unwrap_or(u32::MAX),
        });
    }
    if safety.details.assembly_point.is_empty() {
        out.push(Finding::NoAssemblyPoint);
    }
    let has_staff = contacts
        .iter()
        .any(|c| c.details.kind == ContactKind::Staff);
    if has_staff && safety.details.call_tree.is_empty() {
        out.push(Finding::NoCallTree);
    }
    if has_staff {
        team_findings(team, &mut out);
    }
    for runbook in runbooks {
        if runbook.details.steps.is_empty() {
            out.push(Finding::EmptyRunbook {
                runbook_id: runbook.id,
                runbook: runbook.details.title.clone(),
            });
        }
    }
    match safety.reviewed_at {
        None => out.push(Finding::NeverReviewed),
        Some(at) => {
            let due = at.checked_add_months(Months::new(REVIEW_EVERY_MONTHS));
            if due.is_some_and(|due| now >= due) {
                out.push(Finding::ReviewDue { reviewed_at: at });
            }
        }
    }
    out
}

/// What drills found to fix and is not done yet: before every other finding, as a rehearsal
/// showed it fails.
pub fn drill_action_findings(actions: &[OpenAction]) -> Vec<Finding> {
    actions
        .iter()
        .map(|action| Finding::DrillAction {
            action_id: action.id,
            drill_started_at: action.drill_started_at,
            text: action.text.clone(),
            owner: action.owner.clone(),
            due_on: action.due_on,
            contact_id: action.contact_id,
        })
        .collect()
}

/// What the team plan is missing. Asked only when the business has staff: an owner on their
/// own is the whole team, and the starter plan's roles are theirs until someone joins.
fn team_findings(team: &Team, out: &mut Vec<Finding>) {
    if team.roles.is_empty() {
        out.push(Finding::NoRoles);
        return;
    }
    let name_of = |id: i64| {
        team.person(id)
            .map(|p| p.contact.details.display_name().to_owned())
    };
    for role in &team.roles {
        let d = &role.details;
        match d.holder_ids.as_slice() {
            [] => out.push(Finding::RoleNobody {
                role_id: role.id,
                role: role.title.clone(),
            }),
            [only] if d.stand_in_id.is_none() => {
                if let Some(person) = name_of(*only) {
                    out.push(Finding::RoleNoStandIn {
                        role_id: role.id,
                        role: role.title.clone(),
                        person,
                    });
                }
            }
            _ => {}
        }
        if !role.gone.is_empty() {
            out.push(Finding::RoleNamesGone {
                role_id: role.id,
                role: role.title.clone(),
                names: role.gone.iter().map(|g| g.name.clone()).collect(),
            });
        }
    }
    for person in &team.people {
        let counted = !person.role_ids.is_empty() || !person.stand_in_for.is_empty();
        if counted && person.contact.details.phones.is_empty() {
            out.push(Finding::TeamPersonNoPhone {
                contact_id: person.contact.id,
                person: person.contact.details.display_name().to_owned(),
            });
        }
    }
    if team.settings.owner_phone.is_empty() {
        out.push(Finding::NoOwnerPhone);
    }
}

/// The plan at a glance, for its overview screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanOverview {
    pub services: u32,
    pub workarounds: u32,
    pub runbooks: u32,
    pub contacts: u32,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_due_at: Option<DateTime<Utc>>,
    pub findings: Vec<Finding>,
}

impl Store {
    /// The actions drills found that are not done yet, soonest due first.
    pub fn open_plan_actions(&self) -> CoreResult<Vec<OpenAction>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT a.id, d.started_at, a.text, a.owner, a.due_on, a.contact_id
                 FROM plan_actions a LEFT JOIN drills d ON d.id = a.drill_id
                 WHERE a.done_at IS NULL
                 ORDER BY a.due_on IS NULL, a.due_on, a.id",
            )?
            .query_map([], |r| {
                Ok(OpenAction {
                    id: r.get(0)?,
                    drill_started_at: r.get(1)?,
                    text: r.get(2)?,
                    owner: r.get(3)?,
                    due_on: r.get(4)?,
                    contact_id: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?)
    }

    pub fn plan_overview(&self, now: DateTime<Utc>) -> CoreResult<PlanOverview> {
        let contacts = self.list_contacts(&ContactFilter::default())?;
        let services = self.list_services()?;
        let runbooks = self.list_runbooks()?;
        let safety = self.safety_plan()?;
        let team = self.team(self.business_language()?)?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut findings = drill_action_findings(&self.open_plan_actions()?);
        findings.extend(self::findings(
            self.country()?,
            &contacts,
            &services,
            &runbooks,
            &safety,
            &team,
            now,
        ));
        Ok(PlanOverview {
            services: count(services.len()),
            workarounds: count(services.iter().map(|s| s.workarounds.len()).sum()),
            runbooks: count(runbooks.len()),
            contacts: count(contacts.len()),
            reviewed_at: safety.reviewed_at,
            review_due_at: safety
                .reviewed_at
                .and_then(|at| at.checked_add_months(Months::new(REVIEW_EVERY_MONTHS))),
            findings,
        })
    }
}

//! The whole team: who does what when something goes down. Each role (the usual ones, or one
//! the owner writes) is held by staff contacts, has a stand-in for when they are away, and says
//! what its people do first and which providers and services that is about. Each person's role
//! card is made from it; the outage's Team panel and the team message read it too.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::Language;
use crate::contacts::{Contact, ContactFilter, ContactKind};
use crate::error::CoreResult;
use crate::store::Store;
use crate::text_enum;
use crate::vocabulary::Choice;

mod write;
pub(crate) use write::{role_count, write_role};

#[cfg(test)]
mod tests;

text_enum! {
    /// What a role is: one of the usual ones, whose words are the vocabulary's, or the owner's
    /// own (named by the owner).
    pub enum RoleKind {
        Opens = "opens",
        CallsProviders = "calls_providers",
        TalksToCustomers = "talks_to_customers",
        RunsWorkaround = "runs_workaround",
        SafetyLead = "safety_lead",
        It = "it",
        Own = "own",
    }
}

/// Most roles a plan may have, duties a role may list, and people or things a role may name.
pub const MAX_ROLES: usize = 40;
pub const MAX_DUTIES: usize = 20;
pub const MAX_NAMED: usize = 30;
/// Most check-ins one outage may record (a person's state changes, everyone's together).
pub const MAX_CHECK_INS: usize = 1000;

/// What the owner writes about a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoleDetails {
    pub kind: RoleKind,
    /// The owner's name for it: required for [`RoleKind::Own`], empty for the others.
    pub name: String,
    /// What the role does, in order: its first lines are the first things its people do.
    pub duties: Vec<String>,
    /// The staff contacts who hold it, first holder first.
    #[ts(type = "number[]")]
    pub holder_ids: Vec<i64>,
    /// Who takes it when its people are away: never one of them.
    #[ts(type = "number | null")]
    pub stand_in_id: Option<i64>,
    /// The contacts its duties are about (the providers it calls), whose numbers go on the
    /// card.
    #[ts(type = "number[]")]
    pub contact_ids: Vec<i64>,
    /// The services its duties are about.
    #[ts(type = "number[]")]
    pub service_ids: Vec<i64>,
}

/// A contact or service a role names that has since been deleted: its name as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Gone {
    /// `true`: a contact; `false`: a service.
    pub contact: bool,
    pub name: String,
}

/// A saved role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    pub details: RoleDetails,
    /// The role's name as people read it: the owner's, else the kind's word.
    pub title: String,
    /// What its duties named that is no longer in the plan.
    pub gone: Vec<Gone>,
    pub updated_at: DateTime<Utc>,
}

/// How one person's role card is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardSettings {
    #[ts(type = "number")]
    pub contact_id: i64,
    /// The card's language; `None`: the owner's.
    pub language: Option<Language>,
    /// Whether the card may carry account numbers (only where the person's role calls
    /// providers).
    pub account_numbers: bool,
}

/// The owner as the team reaches them, and who to call when the owner cannot be reached.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamSettings {
    pub owner_name: String,
    pub owner_phone: String,
    #[ts(type = "number | null")]
    pub deputy_id: Option<i64>,
}

/// One member of staff and what the team plan says of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamPerson {
    pub contact: Contact,
    /// The roles they hold, in the plan's order.
    #[ts(type = "number[]")]
    pub role_ids: Vec<i64>,
    /// The roles they stand in for.
    #[ts(type = "number[]")]
    pub stand_in_for: Vec<i64>,
    pub card: CardSettings,
}

/// The team plan: every role in order, every member of staff (call-tree order first, then by
/// name), and the owner's details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Team {
    pub roles: Vec<Role>,
    pub people: Vec<TeamPerson>,
    pub settings: TeamSettings,
    /// The owner's `tel:` link, empty when the number cannot be dialled.
    pub owner_tel: String,
}

impl Role {
    /// The people who hold it, then its stand-in.
    pub fn everyone(&self) -> impl Iterator<Item = i64> + '_ {
        self.details
            .holder_ids
            .iter()
            .copied()
            .chain(self.details.stand_in_id)
    }
}

/// A role's name as people read it.
pub fn role_title(kind: RoleKind, name: &str, language: Language) -> String {
    if kind == RoleKind::Own || !name.is_empty() {
        name.to_owned()
    } else {
        kind.label(language).to_owned()
    }
}

impl Team {
    pub fn role(&self, id: i64) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn person(&self, contact_id: i64) -> Option<&TeamPerson> {
        self.people.iter().find(|p| p.contact.id == contact_id)
    }

    /// The roles `contact_id` holds, in the plan's order.
    pub fn roles_of(&self, contact_id: i64) -> impl Iterator<Item = &Role> {
        self.roles
            .iter()
            .filter(move |r| r.details.holder_ids.contains(&contact_id))
    }
}

impl Store {
    /// The team plan, with role names in `language`.
    pub fn team(&self, language: Language) -> CoreResult<Team> {
        let roles = self.roles(language)?;
        let staff = self.list_contacts(&ContactFilter {
            query: String::new(),
            kind: Some(ContactKind::Staff),
        })?;
        let order: Vec<i64> = self
            .conn
            .prepare_cached("SELECT contact_id FROM call_tree ORDER BY position")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut staff = staff;
        staff.sort_by_key(|c| {
            order
                .iter()
                .position(|id| *id == c.id)
                .unwrap_or(usize::MAX)
        });
        let mut people = Vec::with_capacity(staff.len());
        for contact in staff {
            let card = self.card_settings(contact.id)?;
            people.push(TeamPerson {
                role_ids: roles
                    .iter()
                    .filter(|r| r.details.holder_ids.contains(&contact.id))
                    .map(|r| r.id)
                    .collect(),
                stand_in_for: roles
                    .iter()
                    .filter(|r| r.details.stand_in_id == Some(contact.id))
                    .map(|r| r.id)
                    .collect(),
                card,
                contact,
            });
        }
        let settings = self.team_settings()?;
        let owner_tel = crate::fields::tel_link(&settings.owner_phone).unwrap_or_default();
        Ok(Team {
            roles,
            people,
            settings,
            owner_tel,
        })
    }

    fn roles(&self, language: Language) -> CoreResult<Vec<Role>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, name, stand_in_id, updated_at FROM roles ORDER BY position, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, DateTime<Utc>>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut roles = Vec::with_capacity(rows.len());
        for (id, kind, name, stand_in_id, updated_at) in rows {
            let kind = RoleKind::parse_stored(&kind)?;
            let ids = |sql: &str| -> CoreResult<Vec<i64>> {
                Ok(self
                    .conn
                    .prepare_cached(sql)?
                    .query_map([id], |r| r.get(0))?
                    .collect::<Result<_, _>>()?)
            };
            let named = |sql: &str| -> CoreResult<Vec<(Option<i64>, String)>> {
                Ok(self
                    .conn
                    .prepare_cached(sql)?
                    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<_, _>>()?)
            };
            let duties: Vec<String> = self
                .conn
                .prepare_cached(
                    "SELECT text FROM role_duties WHERE role_id = ?1 ORDER BY position",
                )?
                .query_map([id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let holder_ids =
                ids("SELECT contact_id FROM role_holders WHERE role_id = ?1 ORDER BY position")?;
            let contacts = named(
                "SELECT contact_id, name FROM role_contacts WHERE role_id = ?1 ORDER BY position",
            )?;
            let services = named(
                "SELECT service_id, name FROM role_services WHERE role_id = ?1 ORDER BY position",
            )?;
            let mut gone = Vec::new();
            let mut keep = |list: Vec<(Option<i64>, String)>, contact: bool| -> Vec<i64> {
                list.into_iter()
                    .filter_map(|(id, name)| {
                        if id.is_none() {
                            gone.push(Gone { contact, name });
                        }
                        id
                    })
                    .collect()
            };
            let contact_ids = keep(contacts, true);
            let service_ids = keep(services, false);
            roles.push(Role {
                id,
                title: role_title(kind, &name, language),
                details: RoleDetails {
                    kind,
                    name,
                    duties,
                    holder_ids,
                    stand_in_id,
                    contact_ids,
                    service_ids,
                },
                gone,
                updated_at,
            });
        }
        Ok(roles)
    }

    fn card_settings(&self, contact_id: i64) -> CoreResult<CardSettings> {
        let row: Option<(Option<String>, bool)> = self
            .conn
            .prepare_cached(
                "SELECT language, account_numbers FROM team_people WHERE contact_id = ?1",
            )?
            .query_row([contact_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (language, account_numbers) = row.unwrap_or_default();
        Ok(CardSettings {
            contact_id,
            language: language
                .as_deref()
                .map(Language::parse_stored)
                .transpose()?,
            account_numbers,
        })
    }

    pub fn team_settings(&self) -> CoreResult<TeamSettings> {
        Ok(self
            .conn
            .query_row(
                "SELECT owner_name, owner_phone, deputy_id FROM team_settings WHERE id = 1",
                [],
                |r| {
                    Ok(TeamSettings {
                        owner_name: r.get(0)?,
                        owner_phone: r.get(1)?,
                        deputy_id: r.get(2)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }
}

//! Writing the team plan: roles (with their holders, stand-in, duties and what they name), their
//! order, the owner's details and each person's card settings. Each write is one transaction
//! and refuses bad input next to its field with nothing saved.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::business::Country;
use crate::contacts::ContactKind;
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::{CardSettingsField, RoleField, TeamSettingsField};
use crate::fields::{check_list_len, check_phone, check_phone_in, Problems, LINE_MAX};
use crate::store::Store;

use super::{
    CardSettings, Role, RoleDetails, RoleKind, TeamSettings, MAX_DUTIES, MAX_NAMED, MAX_ROLES,
};

/// The kind and display name of a contact, when it exists.
fn contact_of(conn: &Connection, id: i64) -> CoreResult<Option<(String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT kind, CASE WHEN organisation <> '' THEN organisation ELSE person END
             FROM contacts WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn is_staff(conn: &Connection, id: i64) -> CoreResult<bool> {
    Ok(contact_of(conn, id)?.is_some_and(|(kind, _)| kind == ContactKind::Staff.as_str()))
}

fn service_name(conn: &Connection, id: i64) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT name FROM services WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

fn too_many(max: usize) -> FieldProblem {
    FieldProblem::TooLarge { max: max as u32 }
}

fn unique(ids: &[i64]) -> Vec<i64> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out
}

/// A role as it will be written: tidied, with the names of what it names copied in.
pub(crate) struct ValidRole {
    pub details: RoleDetails,
    pub contacts: Vec<(i64, String)>,
    pub services: Vec<(i64, String)>,
}

impl RoleDetails {
    /// The role tidied (trimmed, blank duties dropped, the same contact or service named once),
    /// or every problem found.
    pub(crate) fn validated(&self, conn: &Connection) -> CoreResult<ValidRole> {
        check_list_len(RoleField::Duties, self.duties.len())?;
        check_list_len(RoleField::HolderIds, self.holder_ids.len())?;
        check_list_len(RoleField::ContactIds, self.contact_ids.len())?;
        check_list_len(RoleField::ServiceIds, self.service_ids.len())?;
        let mut p = Problems::default();
        let name = if self.kind == RoleKind::Own {
            let name = p.text(RoleField::Name, &self.name, LINE_MAX);
            if name.is_empty() {
                p.add(RoleField::Name, FieldProblem::Required);
            }
            name
        } else {
            // A usual role is named by its kind, in the reader's language.
            String::new()
        };
        let duties: Vec<String> = self
            .duties
            .iter()
            .enumerate()
            .map(|(i, duty)| p.text(RoleField::Duty(i), duty, LINE_MAX))
            .filter(|duty| !duty.is_empty())
            .collect();
        if duties.len() > MAX_DUTIES {
            p.add(RoleField::Duties, too_many(MAX_DUTIES));
        }

        if self.holder_ids.len() > MAX_NAMED {
            p.add(RoleField::HolderIds, too_many(MAX_NAMED));
        }
        for (i, id) in self.holder_ids.iter().enumerate() {
            if self.holder_ids[..i].contains(id) {
                p.add(RoleField::Holder(i), FieldProblem::Twice);
            } else if !is_staff(conn, *id)? {
                p.add(RoleField::Holder(i), FieldProblem::Unknown);
            }
        }
        if let Some(stand_in) = self.stand_in_id {
            if self.holder_ids.contains(&stand_in) {
                p.add(RoleField::StandInId, FieldProblem::SamePerson);
            } else if !is_staff(conn, stand_in)? {
                p.add(RoleField::StandInId, FieldProblem::Unknown);
            }
        }

        let contact_ids = unique(&self.contact_ids);
        let mut contacts = Vec::with_capacity(contact_ids.len());
        if contact_ids.len() > MAX_NAMED {
            p.add(RoleField::ContactIds, too_many(MAX_NAMED));
        } else {
            for id in &contact_ids {
                match contact_of(conn, *id)? {
                    Some((_, name)) => contacts.push((*id, name)),
                    None => {
                        p.add(RoleField::ContactIds, FieldProblem::Unknown);
                        break;
                    }
                }
            }
        }
        let service_ids = unique(&self.service_ids);
        let mut services = Vec::with_capacity(service_ids.len());
        if service_ids.len() > MAX_NAMED {
            p.add(RoleField::ServiceIds, too_many(MAX_NAMED));
        } else {
            for id in &service_ids {
                match service_name(conn, *id)? {
                    Some(name) => services.push((*id, name)),
                    None => {
                        p.add(RoleField::ServiceIds, FieldProblem::Unknown);
                        break;
                    }
                }
            }
        }
        p.into_result().map_err(CoreError::Validation)?;
        Ok(ValidRole {
            details: RoleDetails {
                kind: self.kind,
                name,
                duties,
                holder_ids: self.holder_ids.clone(),
                stand_in_id: self.stand_in_id,
                contact_ids,
                service_ids,
            },
            contacts,
            services,
        })
    }
}

/// Writes a validated role: a new one at the end of the plan when `id` is `None`. Its lists
/// are written afresh, so what the owner saw as gone is dropped with the save.
pub(crate) fn write_role(
    conn: &Connection,
    id: Option<i64>,
    role: &ValidRole,
    starter_key: Option<&str>,
    now: DateTime<Utc>,
) -> CoreResult<i64> {
    let d = &role.details;
    let id = match id {
        Some(id) => {
            let changed = conn.execute(
                "UPDATE roles SET kind = ?2, name = ?3, stand_in_id = ?4, updated_at = ?5
                 WHERE id = ?1",
                params![id, d.kind.as_str(), d.name, d.stand_in_id, now],
            )?;
            if changed == 0 {
                return Err(CoreError::NotFound(format!("role {id}")));
            }
            for table in [
                "role_duties",
                "role_holders",
                "role_contacts",
                "role_services",
            ] {
                conn.execute(&format!("DELETE FROM {table} WHERE role_id = ?1"), [id])?;
            }
            id
        }
        None => {
            conn.execute(
                "INSERT INTO roles (kind, name, position, stand_in_id, starter_key, created_at,
                                    updated_at)
                 VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM roles), ?3, ?4,
                         ?5, ?5)",
                params![d.kind.as_str(), d.name, d.stand_in_id, starter_key, now],
            )?;
            conn.last_insert_rowid()
        }
    };
    for (position, text) in d.duties.iter().enumerate() {
        conn.execute(
            "INSERT INTO role_duties (role_id, position, text) VALUES (?1, ?2, ?3)",
            params![id, position as i64, text],
        )?;
    }
    for (position, holder) in d.holder_ids.iter().enumerate() {
        conn.execute(
            "INSERT INTO role_holders (role_id, contact_id, position) VALUES (?1, ?2, ?3)",
            params![id, holder, position as i64],
        )?;
    }
    for (position, (contact, name)) in role.contacts.iter().enumerate() {
        conn.execute(
            "INSERT INTO role_contacts (role_id, contact_id, name, position)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, contact, name, position as i64],
        )?;
    }
    for (position, (service, name)) in role.services.iter().enumerate() {
        conn.execute(
            "INSERT INTO role_services (role_id, service_id, name, position)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, service, name, position as i64],
        )?;
    }
    Ok(id)
}

/// How many roles the plan has.
pub(crate) fn role_count(conn: &Connection) -> CoreResult<usize> {
    let n: i64 = conn.query_row("SELECT count(*) FROM roles", [], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

impl Store {
    /// Saves a role: a new one at the end of the plan when `id` is `None`, else the role `id`
    /// rewritten whole. Refused next to its field, with nothing saved: an own role with no
    /// name, a holder who is not staff or is listed twice, a stand-in who holds the role or is
    /// not staff, a contact or service that does not exist, too many of anything.
    pub fn save_role(
        &mut self,
        id: Option<i64>,
        details: &RoleDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Role> {
        let language = self.business_language()?;
        let tx = self.conn.transaction()?;
        let role = details.validated(&tx)?;
        if id.is_none() && role_count(&tx)? >= MAX_ROLES {
            return Err(CoreError::Validation(vec![crate::error::FieldError::new(
                RoleField::Kind,
                too_many(MAX_ROLES),
            )]));
        }
        let id = write_role(&tx, id, &role, None, now)?;
        tx.commit()?;
        self.role(id, language)
    }

    /// The role `id`, with its name in `language`.
    pub fn role(&self, id: i64, language: crate::business::Language) -> CoreResult<Role> {
        self.team(language)?
            .roles
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| CoreError::NotFound(format!("role {id}")))
    }

    pub fn delete_role(&mut self, id: i64) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        if tx.execute("DELETE FROM roles WHERE id = ?1", [id])? == 0 {
            return Err(CoreError::NotFound(format!("role {id}")));
        }
        tx.commit()?;
        Ok(())
    }

    /// Moves the role `id` to `to` in the plan's order (0: first; past the end: last).
    pub fn move_role(&mut self, id: i64, to: u32, now: DateTime<Utc>) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        let mut ids: Vec<i64> = tx
            .prepare("SELECT id FROM roles ORDER BY position, id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let from = ids
            .iter()
            .position(|r| *r == id)
            .ok_or_else(|| CoreError::NotFound(format!("role {id}")))?;
        ids.remove(from);
        let to = (to as usize).min(ids.len());
        ids.insert(to, id);
        for (position, role) in ids.iter().enumerate() {
            tx.execute(
                "UPDATE roles SET position = ?2 WHERE id = ?1",
                params![role, position as i64],
            )?;
        }
        tx.execute(
            "UPDATE roles SET updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Saves the owner's name and phone as the team reaches them, and who to call when the
    /// owner cannot be reached. The phone is checked as a number of the business's country.
    pub fn save_team_settings(
        &mut self,
        settings: &TeamSettings,
        now: DateTime<Utc>,
    ) -> CoreResult<TeamSettings> {
        let region = self.country()?.and_then(Country::phone_region);
        let tx = self.conn.transaction()?;
        let mut p = Problems::default();
        let owner_name = p.text(TeamSettingsField::OwnerName, &settings.owner_name, LINE_MAX);
        let owner_phone =
            p.optional(
                TeamSettingsField::OwnerPhone,
                &settings.owner_phone,
                |n| match region {
                    Some(region) => check_phone_in(n, region),
                    None => check_phone(n),
                },
            );
        if let Some(deputy) = settings.deputy_id {
            if !is_staff(&tx, deputy)? {
                p.add(TeamSettingsField::DeputyId, FieldProblem::Unknown);
            }
        }
        p.into_result().map_err(CoreError::Validation)?;
        tx.execute(
            "INSERT INTO team_settings (id, owner_name, owner_phone, deputy_id, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET owner_name = excluded.owner_name,
                owner_phone = excluded.owner_phone, deputy_id = excluded.deputy_id,
                updated_at = excluded.updated_at",
            params![owner_name, owner_phone, settings.deputy_id, now],
        )?;
        tx.commit()?;
        self.team_settings()
    }

    /// Saves how one person's role card is made: its language and whether it may carry
    /// account numbers.
    pub fn save_card_settings(
        &mut self,
        card: &CardSettings,
        now: DateTime<Utc>,
    ) -> CoreResult<CardSettings> {
        let tx = self.conn.transaction()?;
        if !is_staff(&tx, card.contact_id)? {
            let mut p = Problems::default();
            p.add(CardSettingsField::ContactId, FieldProblem::Unknown);
            p.into_result().map_err(CoreError::Validation)?;
        }
        tx.execute(
            "INSERT INTO team_people (contact_id, language, account_numbers, updated_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (contact_id) DO UPDATE SET language = excluded.language,
                account_numbers = excluded.account_numbers, updated_at = excluded.updated_at",
            params![
                card.contact_id,
                card.language.map(|l| l.as_str()),
                card.account_numbers,
                now
            ],
        )?;
        tx.commit()?;
        self.card_settings(card.contact_id)
    }
}

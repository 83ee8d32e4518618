//! Critical services — what the business cannot live without — and the workarounds that keep
//! it going while one is down.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::Language;
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::{ServiceField, WorkaroundField};
use crate::fields::{check_list_len, Problems, LINE_MAX, NOTES_MAX};
use crate::moments::utc_at;
use crate::store::Store;
use crate::text_enum;
use crate::vocabulary::duration;

/// A year: longer than that, "tolerable downtime" means nothing.
pub const MAX_DOWNTIME_MINUTES: u32 = 365 * 24 * 60;

text_enum! {
    /// How much a service matters.
    pub enum Priority {
        Essential = "essential",
        Important = "important",
        CanWait = "can_wait",
    }
}

text_enum! {
    /// The period a customer count is given for.
    pub enum CustomersPer {
        Hour = "hour",
        Day = "day",
    }
}

/// Everything the owner writes about a critical service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceDetails {
    pub name: String,
    pub priority: Priority,
    /// Whether customers notice when it is down.
    pub customer_facing: bool,
    /// How long it can be down before it really hurts.
    pub max_downtime_minutes: u32,
    /// Roughly how many customers it touches per `customers_per`, when known.
    pub customers_affected: Option<u32>,
    pub customers_per: CustomersPer,
    /// The owner has decided there is no workaround (shown plainly, not as a gap).
    pub no_workaround: bool,
    pub notes: String,
    /// The contacts it depends on (e.g. card payments → POS vendor, internet, power).
    #[ts(type = "number[]")]
    pub contact_ids: Vec<i64>,
}

/// A saved critical service with its workarounds, in the owner's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CriticalService {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    pub details: ServiceDetails,
    /// How long it can be down, in the owner's words and language ("2 hours").
    pub tolerates: String,
    pub workarounds: Vec<Workaround>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Everything the owner writes about one way to keep going.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkaroundDetails {
    pub title: String,
    /// What staff do, one step per line.
    pub steps: String,
    /// What to tell customers meanwhile.
    pub customer_message: String,
    /// Its limits ("cash only; keep a float of 200").
    pub limits: String,
    /// The contacts the workaround itself depends on.
    #[ts(type = "number[]")]
    pub contact_ids: Vec<i64>,
    /// Other services it needs working (a phone hotspot needs the phone network).
    #[ts(type = "number[]")]
    pub service_ids: Vec<i64>,
}

impl WorkaroundDetails {
    /// Whether it can be offered while `services` are down and `providers` with them: a
    /// workaround that needs one of them may fail too, and is never promised to customers.
    pub fn works_without(&self, services: &[i64], providers: &[i64]) -> bool {
        !self.service_ids.iter().any(|id| services.contains(id))
            && !self.contact_ids.iter().any(|id| providers.contains(id))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Workaround {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub service_id: i64,
    #[serde(flatten)]
    pub details: WorkaroundDetails,
}

fn ids_exist(conn: &Connection, table: &str, ids: &[i64]) -> CoreResult<bool> {
    let mut stmt = conn.prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?;
    for id in ids {
        if !stmt.exists([id])? {
            return Ok(false);
        }
    }
    Ok(true)
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

impl ServiceDetails {
    pub(crate) fn validated(&self, conn: &Connection) -> CoreResult<Self> {
        check_list_len(ServiceField::ContactIds, self.contact_ids.len())?;
        let mut p = Problems::default();
        let name = p.text(ServiceField::Name, &self.name, LINE_MAX);
        if name.is_empty() {
            p.add(ServiceField::Name, FieldProblem::Required);
        }
        if self.max_downtime_minutes == 0 {
            p.add(ServiceField::MaxDowntimeMinutes, FieldProblem::NotPositive);
        } else if self.max_downtime_minutes > MAX_DOWNTIME_MINUTES {
            p.add(
                ServiceField::MaxDowntimeMinutes,
                FieldProblem::TooLarge {
                    max: MAX_DOWNTIME_MINUTES,
                },
            );
        }
        let contact_ids = unique(&self.contact_ids);
        if !ids_exist(conn, "contacts", &contact_ids)? {
            p.add(ServiceField::ContactIds, FieldProblem::Unknown);
        }
        let tidy = Self {
            name,
            notes: p.text(ServiceField::Notes, &self.notes, NOTES_MAX),
            contact_ids,
            ..self.clone()
        };
        p.into_result().map_err(CoreError::Validation)?;
        Ok(tidy)
    }
}

impl WorkaroundDetails {
    pub(crate) fn validated(&self, conn: &Connection, own_service: i64) -> CoreResult<Self> {
        check_list_len(WorkaroundField::ContactIds, self.contact_ids.len())?;
        check_list_len(WorkaroundField::ServiceIds, self.service_ids.len())?;
        let mut p = Problems::default();
        let title = p.text(WorkaroundField::Title, &self.title, LINE_MAX);
        if title.is_empty() {
            p.add(WorkaroundField::Title, FieldProblem::Required);
        }
        let contact_ids = unique(&self.contact_ids);
        if !ids_exist(conn, "contacts", &contact_ids)? {
            p.add(WorkaroundField::ContactIds, FieldProblem::Unknown);
        }
        let service_ids: Vec<i64> = unique(&self.service_ids)
            .into_iter()
            .filter(|id| *id != own_service)
            .collect();
        if !ids_exist(conn, "services", &service_ids)? {
            p.add(WorkaroundField::ServiceIds, FieldProblem::Unknown);
        }
        let tidy = Self {
            title,
            steps: tidy_lines(&p.text(WorkaroundField::Steps, &self.steps, NOTES_MAX)),
            customer_message: p.text(
                WorkaroundField::CustomerMessage,
                &self.customer_message,
                NOTES_MAX,
            ),
            limits: p.text(WorkaroundField::Limits, &self.limits, NOTES_MAX),
            contact_ids,
            service_ids,
        };
        p.into_result().map_err(CoreError::Validation)?;
        Ok(tidy)
    }

    /// The steps, one per non-blank line.
    pub fn step_list(&self) -> Vec<&str> {
        self.steps
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// Trims each line and drops blank ones, so "one step per line" survives sloppy typing.
fn tidy_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

impl Store {
    /// Every critical service, most important first, then by name.
    pub fn list_services(&self) -> CoreResult<Vec<CriticalService>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, priority, customer_facing, max_downtime_minutes, customers_affected,
                    customers_per, no_workaround, notes, created_at, updated_at
             FROM services ORDER BY
                CASE priority WHEN 'essential' THEN 0 WHEN 'important' THEN 1 ELSE 2 END,
                name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, bool>(3)?,
                row.get::<_, u32>(4)?,
                row.get::<_, Option<u32>>(5)?,
                row.get::<_, String>(6)?,
                row.get::<_, bool>(7)?,
                row.get::<_, String>(8)?,
                utc_at(row, 9)?,
                utc_at(row, 10)?,
            ))
        })?;
        let language = self.business()?.map_or(Language::En, |b| b.language);
        let mut services = Vec::new();
        for row in rows {
            let (id, name, priority, facing, mtd, customers, per, none, notes, created, updated) =
                row?;
            services.push(CriticalService {
                id,
                tolerates: duration(i64::from(mtd), language),
                details: ServiceDetails {
                    name,
                    priority: Priority::parse_stored(&priority)?,
                    customer_facing: facing,
                    max_downtime_minutes: mtd,
                    customers_affected: customers,
                    customers_per: CustomersPer::parse_stored(&per)?,
                    no_workaround: none,
                    notes,
                    contact_ids: self.linked_ids(
                        "SELECT contact_id FROM service_contacts WHERE service_id = ?1 ORDER BY contact_id",
                        id,
                    )?,
                },
                workarounds: self.workarounds_of(id)?,
                created_at: created,
                updated_at: updated,
            });
        }
        Ok(services)
    }

    pub fn service(&self, id: i64) -> CoreResult<CriticalService> {
        self.list_services()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| CoreError::NotFound(format!("service {id}")))
    }

    pub fn create_service(
        &mut self,
        details: &ServiceDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<CriticalService> {
        let details = details.validated(&self.conn)?;
        let tx = self.conn.transaction()?;
        let id = insert_service(&tx, &details, None, now)?;
        tx.commit()?;
        self.service(id)
    }

    pub fn update_service(
        &mut self,
        id: i64,
        details: &ServiceDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<CriticalService> {
        let details = details.validated(&self.conn)?;
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE services SET name = ?2, priority = ?3, customer_facing = ?4,
                max_downtime_minutes = ?5, customers_affected = ?6, customers_per = ?7,
                no_workaround = ?8, notes = ?9, updated_at = ?10
             WHERE id = ?1",
            params![
                id,
                details.name,
                details.priority.as_str(),
                details.customer_facing,
                details.max_downtime_minutes,
                details.customers_affected,
                details.customers_per.as_str(),
                details.no_workaround,
                details.notes,
                now
            ],
        )?;
        if changed == 0 {
            return Err(CoreError::NotFound(format!("service {id}")));
        }
        tx.execute("DELETE FROM service_contacts WHERE service_id = ?1", [id])?;
        link_ids(
            &tx,
            "service_contacts",
            "service_id",
            "contact_id",
            id,
            &details.contact_ids,
        )?;
        tx.commit()?;
        self.service(id)
    }

    /// Links to `contact` every service and workaround that links to `placeholder`, and
    /// unlinks the placeholder from them, in one transaction (the plan-health "use … instead?"
    /// answer). The placeholder itself is kept, for the owner to delete or fill in.
    pub fn use_contact_instead(
        &mut self,
        placeholder: i64,
        contact: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        for id in [placeholder, contact] {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(CoreError::NotFound(format!("contact {id}")));
            }
        }
        if placeholder == contact {
            return Ok(());
        }
        tx.execute(
            "UPDATE services SET updated_at = ?2 WHERE id IN
                (SELECT service_id FROM service_contacts WHERE contact_id = ?1)",
            params![placeholder, now],
        )?;
        tx.execute(
            "UPDATE workarounds SET updated_at = ?2 WHERE id IN
                (SELECT workaround_id FROM workaround_contacts WHERE contact_id = ?1)",
            params![placeholder, now],
        )?;
        for (table, owner) in [
            ("service_contacts", "service_id"),
            ("workaround_contacts", "workaround_id"),
        ] {
            tx.execute(
                &format!(
                    "INSERT OR IGNORE INTO {table} ({owner}, contact_id)
                     SELECT {owner}, ?2 FROM {table} WHERE contact_id = ?1"
                ),
                params![placeholder, contact],
            )?;
            tx.execute(
                &format!("DELETE FROM {table} WHERE contact_id = ?1"),
                [placeholder],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn delete_service(&mut self, id: i64) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        if tx.execute("DELETE FROM services WHERE id = ?1", [id])? == 0 {
            return Err(CoreError::NotFound(format!("service {id}")));
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds a workaround at the end of the service's list. A service that gets a workaround
    /// is no longer marked "no workaround".
    pub fn create_workaround(
        &mut self,
        service_id: i64,
        details: &WorkaroundDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Workaround> {
        if !ids_exist(&self.conn, "services", &[service_id])? {
            return Err(CoreError::NotFound(format!("service {service_id}")));
        }
        let details = details.validated(&self.conn, service_id)?;
        let tx = self.conn.transaction()?;
        let id = insert_workaround(&tx, service_id, &details, now)?;
        tx.commit()?;
        self.workaround(id)
    }

    pub fn update_workaround(
        &mut self,
        id: i64,
        details: &WorkaroundDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Workaround> {
        let service_id = self.workaround(id)?.service_id;
        let details = details.validated(&self.conn, service_id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE workarounds SET title = ?2, steps = ?3, customer_message = ?4, limits = ?5,
                updated_at = ?6 WHERE id = ?1",
            params![
                id,
                details.title,
                details.steps,
                details.customer_message,
                details.limits,
                now
            ],
        )?;
        tx.execute(
            "DELETE FROM workaround_contacts WHERE workaround_id = ?1",
            [id],
        )?;
        tx.execute(
            "DELETE FROM workaround_services WHERE workaround_id = ?1",
            [id],
        )?;
        link_workaround(&tx, id, &details)?;
        tx.commit()?;
        self.workaround(id)
    }

    pub fn delete_workaround(&mut self, id: i64) -> CoreResult<()> {
        let tx = self.conn.transaction()?;
        if tx.execute("DELETE FROM workarounds WHERE id = ?1", [id])? == 0 {
            return Err(CoreError::NotFound(format!("workaround {id}")));
        }
        tx.commit()?;
        Ok(())
    }

    pub fn workaround(&self, id: i64) -> CoreResult<Workaround> {
        let service_id: Option<i64> = self
            .conn
            .query_row(
                "SELECT service_id FROM workarounds WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let service_id =
            service_id.ok_or_else(|| CoreError::NotFound(format!("workaround {id}")))?;
        self.workarounds_of(service_id)?
            .into_iter()
            .find(|w| w.id == id)
            .ok_or_else(|| CoreError::NotFound(format!("workaround {id}")))
    }

    fn workarounds_of(&self, service_id: i64) -> CoreResult<Vec<Workaround>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, steps, customer_message, limits FROM workarounds
             WHERE service_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt.query_map([service_id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, steps, customer_message, limits) = row?;
            out.push(Workaround {
                id,
                service_id,
                details: WorkaroundDetails {
                    title,
                    steps,
                    customer_message,
                    limits,
                    contact_ids: self.linked_ids(
                        "SELECT contact_id FROM workaround_contacts WHERE workaround_id = ?1 ORDER BY contact_id",
                        id,
                    )?,
                    service_ids: self.linked_ids(
                        "SELECT service_id FROM workaround_services WHERE workaround_id = ?1 ORDER BY service_id",
                        id,
                    )?,
                },
            });
        }
        Ok(out)
    }

    pub(crate) fn linked_ids(&self, sql: &str, id: i64) -> CoreResult<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let ids = stmt
            .query_map([id], |row| row.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(ids)
    }
}

pub(crate) fn insert_service(
    tx: &Connection,
    details: &ServiceDetails,
    starter_key: Option<&str>,
    now: DateTime<Utc>,
) -> CoreResult<i64> {
    tx.execute(
        "INSERT INTO services (name, priority, customer_facing, max_downtime_minutes,
            customers_affected, customers_per, no_workaround, notes, starter_key,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            details.name,
            details.priority.as_str(),
            details.customer_facing,
            details.max_downtime_minutes,
            details.customers_affected,
            details.customers_per.as_str(),
            details.no_workaround,
            details.notes,
            starter_key,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    link_ids(
        tx,
        "service_contacts",
        "service_id",
        "contact_id",
        id,
        &details.contact_ids,
    )?;
    Ok(id)
}

pub(crate) fn insert_workaround(
    tx: &Connection,
    service_id: i64,
    details: &WorkaroundDetails,
    now: DateTime<Utc>,
) -> CoreResult<i64> {
    tx.execute(
        "INSERT INTO workarounds (service_id, position, title, steps, customer_message, limits,
            created_at, updated_at)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM workarounds WHERE service_id = ?1),
            ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            service_id,
            details.title,
            details.steps,
            details.customer_message,
            details.limits,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    link_workaround(tx, id, details)?;
    tx.execute(
        "UPDATE services SET no_workaround = 0 WHERE id = ?1",
        [service_id],
    )?;
    Ok(id)
}

fn link_workaround(tx: &Connection, id: i64, details: &WorkaroundDetails) -> CoreResult<()> {
    link_ids(
        tx,
        "workaround_contacts",
        "workaround_id",
        "contact_id",
        id,
        &details.contact_ids,
    )?;
    link_ids(
        tx,
        "workaround_services",
        "workaround_id",
        "service_id",
        id,
        &details.service_ids,
    )
}

fn link_ids(
    tx: &Connection,
    table: &str,
    owner_column: &str,
    target_column: &str,
    owner: i64,
    targets: &[i64],
) -> CoreResult<()> {
    let mut stmt = tx.prepare_cached(&format!(
        "INSERT OR IGNORE INTO {table} ({owner_column}, {target_column}) VALUES (?1, ?2)"
    ))?;
    for target in targets {
        stmt.execute([owner, *target])?;
    }
    Ok(())
}

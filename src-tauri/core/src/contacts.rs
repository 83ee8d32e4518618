//! The provider directory: who to call when something breaks, with every number the owner
//! will be asked for on the phone (account, meter or customer ID).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::business::Country;
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::ContactField;
use crate::fields::{
    check_email, check_list_len, check_phone, check_phone_in, check_url, fold_for_search,
    fold_into, tel_link, Problems, LINE_MAX, NOTES_MAX,
};
use crate::moments::utc_at;
use crate::store::Store;
use crate::text_enum;

text_enum! {
    /// What a contact is to the business; decides where it is listed and, later, which
    /// outages it is called for.
    pub enum ContactKind {
        PowerUtility = "power_utility",
        InternetProvider = "internet_provider",
        PhoneProvider = "phone_provider",
        CardPayments = "card_payments",
        WebsiteVendor = "website_vendor",
        SoftwareVendor = "software_vendor",
        ItSupport = "it_support",
        Landlord = "landlord",
        Insurance = "insurance",
        Bank = "bank",
        Staff = "staff",
        Emergency = "emergency",
        Supplier = "supplier",
        Other = "other",
    }
}

/// One labelled phone number ("Outage line", "Account manager").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Phone {
    pub label: String,
    pub number: String,
}

/// Everything the owner writes about a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactDetails {
    pub kind: ContactKind,
    pub organisation: String,
    pub person: String,
    pub phones: Vec<Phone>,
    pub email: String,
    pub website: String,
    pub outage_page: String,
    pub status_page: String,
    pub account_number: String,
    pub customer_id: String,
    pub support_hours: String,
    /// What to say when calling.
    pub notes: String,
}

/// A saved contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    pub details: ContactDetails,
    /// The `tel:` link of each phone number, in the same order (empty for one that cannot be
    /// dialled): the window links to them, it does not parse numbers itself.
    pub tel_links: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Which contacts to list: all words of `query` must appear somewhere in the contact
/// (accents and case ignored), and the kind must match when one is given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactFilter {
    pub query: String,
    pub kind: Option<ContactKind>,
}

impl ContactDetails {
    /// A contact of `kind` with nothing written yet.
    pub fn new(kind: ContactKind) -> Self {
        Self {
            kind,
            organisation: String::new(),
            person: String::new(),
            phones: Vec::new(),
            email: String::new(),
            website: String::new(),
            outage_page: String::new(),
            status_page: String::new(),
            account_number: String::new(),
            customer_id: String::new(),
            support_hours: String::new(),
            notes: String::new(),
        }
    }

    /// The details tidied (trimmed, blank phone rows dropped, `https://` added), or every
    /// problem found. Phone numbers are checked by their shape: what an imported address
    /// book holds is kept as written.
    pub fn validated(&self) -> CoreResult<Self> {
        self.validated_in(None)
    }

    /// As [`ContactDetails::validated`], with the phone numbers checked as numbers of
    /// `country` (or, written with `+`, of the country their code names) and tidied into the
    /// form people there write them.
    pub fn validated_in(&self, country: Option<Country>) -> CoreResult<Self> {
        let region = country.and_then(Country::phone_region);
        let check_number = |number: &str| match region {
            Some(region) => check_phone_in(number, region),
            None => check_phone(number),
        };
        check_list_len(ContactField::Phones, self.phones.len())?;
        let mut p = Problems::default();
        let organisation = p.text(ContactField::Organisation, &self.organisation, LINE_MAX);
        let person = p.text(ContactField::Person, &self.person, LINE_MAX);
        if organisation.is_empty() && person.is_empty() {
            p.add(ContactField::Organisation, FieldProblem::Required);
        }
        let mut phones = Vec::new();
        for (i, phone) in self.phones.iter().enumerate() {
            let label = p.text(ContactField::PhoneLabel(i), &phone.label, LINE_MAX);
            let field = ContactField::PhoneNumber(i);
            let number = p.optional(field, &phone.number, check_number);
            if number.is_empty() && !label.is_empty() {
                p.add(field, FieldProblem::Required);
            }
            if !number.is_empty() || !label.is_empty() {
                phones.push(Phone { label, number });
            }
        }
        let tidy = Self {
            kind: self.kind,
            organisation,
            person,
            phones,
            email: p.optional(ContactField::Email, &self.email, check_email),
            website: p.optional(ContactField::Website, &self.website, check_url),
            outage_page: p.optional(ContactField::OutagePage, &self.outage_page, check_url),
            status_page: p.optional(ContactField::StatusPage, &self.status_page, check_url),
            account_number: p.text(ContactField::AccountNumber, &self.account_number, LINE_MAX),
            customer_id: p.text(ContactField::CustomerId, &self.customer_id, LINE_MAX),
            support_hours: p.text(ContactField::SupportHours, &self.support_hours, LINE_MAX),
            notes: p.text(ContactField::Notes, &self.notes, NOTES_MAX),
        };
        p.into_result().map_err(CoreError::Validation)?;
        Ok(tidy)
    }

    /// What the details hold in `field`, to quote it back when it is refused; empty for the
    /// list of phones as a whole or a phone that is not there.
    pub fn field_text(&self, field: ContactField) -> String {
        let phone = |i: usize| self.phones.get(i);
        match field {
            ContactField::Phones => None,
            ContactField::PhoneLabel(i) => phone(i).map(|p| &p.label),
            ContactField::PhoneNumber(i) => phone(i).map(|p| &p.number),
            text => self.text(text),
        }
        .cloned()
        .unwrap_or_default()
    }

    /// The one-line or free text `field` of the details (`None` for the phones, a list).
    pub fn text(&self, field: ContactField) -> Option<&String> {
        Some(match field {
            ContactField::Organisation => &self.organisation,
            ContactField::Person => &self.person,
            ContactField::Email => &self.email,
            ContactField::Website => &self.website,
            ContactField::OutagePage => &self.outage_page,
            ContactField::StatusPage => &self.status_page,
            ContactField::AccountNumber => &self.account_number,
            ContactField::CustomerId => &self.customer_id,
            ContactField::SupportHours => &self.support_hours,
            ContactField::Notes => &self.notes,
            ContactField::Phones | ContactField::PhoneLabel(_) | ContactField::PhoneNumber(_) => {
                return None
            }
        })
    }

    /// As [`ContactDetails::text`], to change it.
    pub fn text_mut(&mut self, field: ContactField) -> Option<&mut String> {
        Some(match field {
            ContactField::Organisation => &mut self.organisation,
            ContactField::Person => &mut self.person,
            ContactField::Email => &mut self.email,
            ContactField::Website => &mut self.website,
            ContactField::OutagePage => &mut self.outage_page,
            ContactField::StatusPage => &mut self.status_page,
            ContactField::AccountNumber => &mut self.account_number,
            ContactField::CustomerId => &mut self.customer_id,
            ContactField::SupportHours => &mut self.support_hours,
            ContactField::Notes => &mut self.notes,
            ContactField::Phones | ContactField::PhoneLabel(_) | ContactField::PhoneNumber(_) => {
                return None
            }
        })
    }

    /// The name to show and sort by: the organisation, else the person.
    pub fn display_name(&self) -> &str {
        if self.organisation.is_empty() {
            &self.person
        } else {
            &self.organisation
        }
    }

    /// Whether every one of the folded `words` is in one of the contact's fields (a number
    /// also matches by its digits alone). `haystack` is a buffer reused from one contact to
    /// the next, so a search through a thousand contacts allocates nothing per contact.
    fn matches(&self, words: &[String], haystack: &mut String) -> bool {
        if words.is_empty() {
            return true;
        }
        haystack.clear();
        for field in [
            self.organisation.as_str(),
            &self.person,
            &self.email,
            &self.account_number,
            &self.customer_id,
            &self.notes,
        ] {
            fold_into(haystack, field);
            haystack.push('\n');
        }
        for phone in &self.phones {
            fold_into(haystack, &phone.label);
            haystack.push('\n');
            fold_into(haystack, &phone.number);
            haystack.push('\n');
            haystack.extend(phone.number.chars().filter(char::is_ascii_digit));
            haystack.push('\n');
        }
        words.iter().all(|w| haystack.contains(w.as_str()))
    }
}

const CONTACT_COLUMNS: &str = "id, kind, organisation, person, email, website, outage_page,
    status_page, account_number, customer_id, support_hours, notes, created_at, updated_at";

fn contact_from_row(row: &Row<'_>) -> rusqlite::Result<(Contact, String)> {
    let contact = Contact {
        id: row.get(0)?,
        details: ContactDetails {
            kind: ContactKind::Other,
            organisation: row.get(2)?,
            person: row.get(3)?,
            phones: Vec::new(),
            email: row.get(4)?,
            website: row.get(5)?,
            outage_page: row.get(6)?,
            status_page: row.get(7)?,
            account_number: row.get(8)?,
            customer_id: row.get(9)?,
            support_hours: row.get(10)?,
            notes: row.get(11)?,
        },
        tel_links: Vec::new(),
        created_at: utc_at(row, 12)?,
        updated_at: utc_at(row, 13)?,
    };
    Ok((contact, row.get(1)?))
}

impl Store {
    /// Contacts matching `filter`, sorted by name.
    pub fn list_contacts(&self, filter: &ContactFilter) -> CoreResult<Vec<Contact>> {
        let words: Vec<String> = fold_for_search(&filter.query)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let mut contacts = self.load_contacts(None)?;
        let mut haystack = String::new();
        contacts.retain(|c| {
            filter.kind.is_none_or(|k| c.details.kind == k)
                && c.details.matches(&words, &mut haystack)
        });
        contacts.sort_by_cached_key(|c| (fold_for_search(c.details.display_name()), c.id));
        with_tel_links(&mut contacts);
        Ok(contacts)
    }

    pub fn contact(&self, id: i64) -> CoreResult<Contact> {
        let mut found = self.load_contacts(Some(id))?;
        with_tel_links(&mut found);
        found
            .pop()
            .ok_or_else(|| CoreError::NotFound(format!("contact {id}")))
    }

    pub fn create_contact(
        &mut self,
        details: &ContactDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Contact> {
        let details = details.validated_in(self.country()?)?;
        let tx = self.conn.transaction()?;
        let id = insert_contact(&tx, None, None, &details, now, now)?;
        tx.commit()?;
        self.contact(id)
    }

    pub fn update_contact(
        &mut self,
        id: i64,
        details: &ContactDetails,
        now: DateTime<Utc>,
    ) -> CoreResult<Contact> {
        let details = details.validated_in(self.country()?)?;
        let tx = self.conn.transaction()?;
        update_contact_in(&tx, id, &details, now)?;
        tx.commit()?;
        self.contact(id)
    }

    /// Deletes a contact and returns it as it was, with every row that named it, so the UI
    /// can offer to undo.
    pub fn delete_contact(&mut self, id: i64) -> CoreResult<DeletedContact> {
        let contact = self.contact(id)?;
        let tx = self.conn.transaction()?;
        let links = undo::links_of(&tx, id)?;
        let gid = tx.query_row("SELECT gid FROM contacts WHERE id = ?1", [id], |row| {
            row.get(0)
        })?;
        tx.execute("DELETE FROM contacts WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(DeletedContact::new(contact, gid, links))
    }

    /// Puts back a deleted contact (the undo of [`Store::delete_contact`]), under its old id
    /// unless that id has been reused meanwhile (and its old global id unless the contact is
    /// back already, from another computer), and names it again wherever it was named (a
    /// service's provider, a role, a call), in one transaction.
    pub fn restore_contact(&mut self, deleted: &DeletedContact) -> CoreResult<Contact> {
        let contact = &deleted.contact;
        let details = contact.details.validated()?;
        let tx = self.conn.transaction()?;
        let taken = tx
            .query_row("SELECT 1 FROM contacts WHERE id = ?1", [contact.id], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        let gid_taken = tx
            .query_row(
                "SELECT 1 FROM contacts WHERE gid = ?1",
                [&deleted.gid],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        let id = insert_contact(
            &tx,
            (!taken).then_some(contact.id),
            deleted.gid.as_deref().filter(|_| !gid_taken),
            &details,
            contact.created_at,
            contact.updated_at,
        )?;
        deleted.relink(&tx, id)?;
        tx.commit()?;
        self.contact(id)
    }

    fn load_contacts(&self, only: Option<i64>) -> CoreResult<Vec<Contact>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts WHERE ?1 IS NULL OR id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([only], contact_from_row)?;
        let mut contacts = Vec::new();
        for row in rows {
            let (mut contact, kind) = row?;
            contact.details.kind = ContactKind::parse_stored(&kind)?;
            contacts.push(contact);
        }

        // Both in the order of the contacts' ids: each contact takes the phones at the front.
        let mut stmt = self.conn.prepare_cached(
            "SELECT contact_id, label, number FROM contact_phones
             WHERE ?1 IS NULL OR contact_id = ?1 ORDER BY contact_id, position",
        )?;
        let rows = stmt.query_map([only], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                Phone {
                    label: row.get(1)?,
                    number: row.get(2)?,
                },
            ))
        })?;
        let mut phones = rows.peekable();
        for contact in &mut contacts {
            while let Some(phone) =
                phones.next_if(|row| row.as_ref().map_or(true, |(id, _)| *id <= contact.id))
            {
                let (contact_id, phone) = phone?;
                if contact_id == contact.id {
                    contact.details.phones.push(phone);
                }
            }
        }
        Ok(contacts)
    }
}

/// Which of a contact's own links to open: the window names one, never an address, so a
/// script in the page can only open what the owner wrote for a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ContactLink {
    /// The `index`-th phone number (from 0), to call.
    Phone {
        index: u32,
    },
    Email,
    Website,
    OutagePage,
    StatusPage,
}

impl Store {
    /// The link to hand to the system for one of contact `id`'s links, rebuilt from what is
    /// stored (and checked again by [`crate::links::safe_link`]); `None` when that link is
    /// empty or not one Steady opens.
    pub fn contact_link(&self, id: i64, link: ContactLink) -> CoreResult<Option<String>> {
        let d = self.contact(id)?.details;
        let web = |page: &str| {
            (!page.is_empty())
                .then(|| crate::links::safe_link(page))
                .flatten()
        };
        Ok(match link {
            ContactLink::Phone { index } => usize::try_from(index)
                .ok()
                .and_then(|i| d.phones.get(i))
                .and_then(|phone| tel_link(&phone.number))
                .and_then(|tel| crate::links::safe_link(&tel)),
            ContactLink::Email => crate::links::mailto_link(&d.email),
            ContactLink::Website => web(&d.website),
            ContactLink::OutagePage => web(&d.outage_page),
            ContactLink::StatusPage => web(&d.status_page),
        })
    }
}

/// Fills in each contact's `tel:` links: only for the contacts a search kept.
fn with_tel_links(contacts: &mut [Contact]) {
    for contact in contacts {
        contact.tel_links = contact
            .details
            .phones
            .iter()
            .map(|p| tel_link(&p.number).unwrap_or_default())
            .collect();
    }
}

/// Inserts a contact under `id` and global id `gid`, or new ones when `None`.
pub(crate) fn insert_contact(
    tx: &Connection,
    id: Option<i64>,
    gid: Option<&str>,
    details: &ContactDetails,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
) -> CoreResult<i64> {
    tx.execute(
        "INSERT INTO contacts (id, kind, organisation, person, email, website, outage_page,
            status_page, account_number, customer_id, support_hours, notes, created_at, updated_at,
            gid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            id,
            details.kind.as_str(),
            details.organisation,
            details.person,
            details.email,
            details.website,
            details.outage_page,
            details.status_page,
            details.account_number,
            details.customer_id,
            details.support_hours,
            details.notes,
            created_at,
            updated_at,
            gid
        ],
    )?;
    let id = tx.last_insert_rowid();
    insert_phones(tx, id, &details.phones)?;
    Ok(id)
}

/// Replaces a contact's details and phones with `details`, already validated.
pub(crate) fn update_contact_in(
    tx: &Connection,
    id: i64,
    details: &ContactDetails,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let changed = tx.execute(
        "UPDATE contacts SET kind = ?2, organisation = ?3, person = ?4, email = ?5,
            website = ?6, outage_page = ?7, status_page = ?8, account_number = ?9,
            customer_id = ?10, support_hours = ?11, notes = ?12, updated_at = ?13
         WHERE id = ?1",
        params![
            id,
            details.kind.as_str(),
            details.organisation,
            details.person,
            details.email,
            details.website,
            details.outage_page,
            details.status_page,
            details.account_number,
            details.customer_id,
            details.support_hours,
            details.notes,
            now
        ],
    )?;
    if changed == 0 {
        return Err(CoreError::NotFound(format!("contact {id}")));
    }
    if details.kind != ContactKind::Staff {
        // No longer on the staff: out of the team as if deleted, so no role, stand-in or
        // deputy points at someone who is not staff (and the plan's health says what is left
        // uncovered).
        tx.execute("DELETE FROM role_holders WHERE contact_id = ?1", [id])?;
        tx.execute(
            "UPDATE roles SET stand_in_id = NULL WHERE stand_in_id = ?1",
            [id],
        )?;
        tx.execute(
            "UPDATE team_settings SET deputy_id = NULL WHERE deputy_id = ?1",
            [id],
        )?;
        tx.execute("DELETE FROM team_people WHERE contact_id = ?1", [id])?;
    }
    tx.execute("DELETE FROM contact_phones WHERE contact_id = ?1", [id])?;
    insert_phones(tx, id, &details.phones)?;
    numbers_fixed(tx, id, &details.phones, now)
}

/// The digits of a number, so that "02 99 12 34 56" and "0299123456" are the same number.
fn digits(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

/// A drill found a number of this contact did not work: once the contact no longer has it,
/// the plan action about it is done (`plan_actions`, kind `bad_number`, the number as its
/// subject).
fn numbers_fixed(tx: &Connection, id: i64, phones: &[Phone], now: DateTime<Utc>) -> CoreResult<()> {
    let open: Vec<(i64, String)> = tx
        .prepare_cached(
            "SELECT id, subject FROM plan_actions
             WHERE kind = 'bad_number' AND contact_id = ?1 AND done_at IS NULL",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (action, number) in open {
        if !phones.iter().any(|p| digits(&p.number) == digits(&number)) {
            tx.execute(
                "UPDATE plan_actions SET done_at = ?2 WHERE id = ?1",
                params![action, now],
            )?;
        }
    }
    Ok(())
}

fn insert_phones(tx: &Connection, contact_id: i64, phones: &[Phone]) -> CoreResult<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO contact_phones (contact_id, position, label, number) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, phone) in phones.iter().enumerate() {
        stmt.execute(params![
            contact_id,
            position as i64,
            phone.label,
            phone.number
        ])?;
    }
    Ok(())
}

mod undo;
pub mod vcard;

pub use undo::DeletedContact;

#[cfg(test)]
mod tests;

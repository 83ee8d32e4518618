//! Contacts in and out as vCard (`.vcf`), the one format every phone and mail program reads
//! and writes. Reading is tolerant of what real exports contain — vCard 2.1, 3.0 and 4.0,
//! folded lines, QUOTED-PRINTABLE, Latin-1, Apple's labels, photos to skip — and strict about
//! what Steady keeps: a number or address Steady would refuse when typed in refuses the file,
//! with its line. Writing is vCard 4.0, with Steady's own fields as `X-STEADY-*` so a round
//! trip loses nothing.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{insert_contact, update_contact_in, Contact, ContactDetails, ContactKind, Phone};
use crate::backups::BackupReason;
use crate::business::Language;
use crate::contentline::{escape, fold_into};
use crate::datafolder::{BackupOutcome, DataFolder};
use crate::error::{CoreError, CoreResult, FileProblem, FileReason};
use crate::fields::{fold_for_search, international_tel_link};
use crate::store::Store;

/// The largest file read, and the most cards in it.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
pub const MAX_CARDS: usize = 5_000;

/// What importing one card does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardAction {
    /// A new contact.
    Add,
    /// Adds numbers or fills empty fields of a contact Steady has (same name or number).
    Update,
    /// Steady already has all of it.
    Unchanged,
}

/// One card of the file, as the import would treat it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardPreview {
    pub name: String,
    pub action: CardAction,
    /// The phone numbers the card brings that Steady does not have yet.
    pub new_phones: Vec<String>,
    /// The fields it fills that were empty (`email`, `website`…).
    pub filled: Vec<String>,
}

/// What importing a vCard file would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VcardPreview {
    pub cards: Vec<CardPreview>,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
}

/// A contact read from a card, with the line each field came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub details: ContactDetails,
    /// The line of `BEGIN:VCARD`.
    pub line: u32,
    lines: HashMap<String, u32>,
}

/// One property line, unfolded and decoded: `item1.TEL;TYPE=cell:+33 6 12`.
#[derive(Debug)]
struct Property {
    line: u32,
    group: Option<String>,
    name: String,
    params: Vec<(String, String)>,
    raw: String,
}

impl Property {
    fn param_values(&self, key: &str) -> impl Iterator<Item = String> + '_ {
        let key = key.to_ascii_uppercase();
        self.params
            .iter()
            .filter(move |(k, _)| *k == key)
            .flat_map(|(_, v)| {
                v.split(',')
                    .map(|s| s.trim().trim_matches('"').to_ascii_lowercase())
            })
    }

    fn has_param(&self, key: &str, value: &str) -> bool {
        self.param_values(key).any(|v| v == value)
    }

    fn quoted_printable(&self) -> bool {
        self.has_param("ENCODING", "quoted-printable")
    }

    fn base64(&self) -> bool {
        self.has_param("ENCODING", "b") || self.has_param("ENCODING", "base64")
    }

    /// The value as text: quoted-printable and charset decoded, backslash escapes undone.
    fn text(&self) -> String {
        unescape(&self.decoded()).replace("\r\n", "\n")
    }

    /// The value's `;`-separated components, each unescaped.
    fn components(&self) -> Vec<String> {
        split_unescaped(&self.decoded(), ';')
            .into_iter()
            .map(|c| unescape(&c))
            .collect()
    }

    fn decoded(&self) -> String {
        if !self.quoted_printable() {
            return self.raw.clone();
        }
        let bytes = decode_qp(&self.raw);
        let latin = self
            .param_values("CHARSET")
            .any(|c| c.contains("8859") || c.contains("1252") || c == "latin1");
        if latin {
            bytes.iter().map(|b| char::from(*b)).collect()
        } else {
            String::from_utf8(bytes.clone())
                .unwrap_or_else(|_| bytes.iter().map(|b| char::from(*b)).collect())
        }
    }
}

fn problem(line: u32, place: &str, reason: FileReason) -> CoreError {
    CoreError::BadFile(FileProblem {
        line: Some(line),
        place: place.to_owned(),
        reason,
    })
}

/// Reads every card of a `.vcf` file, in the business's `language` (for phone labels).
pub fn parse(bytes: &[u8], language: Language) -> CoreResult<Vec<Card>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CoreError::BadFile(FileProblem {
            line: None,
            place: String::new(),
            reason: FileReason::TooLarge {
                max: MAX_FILE_BYTES as u32,
            },
        }));
    }
    let text = decode_file(bytes);
    let properties = unfold(&text)?;
    let mut cards = Vec::new();
    let mut current: Option<(u32, Vec<Property>)> = None;
    for property in properties {
        match (property.name.as_str(), &mut current) {
            ("BEGIN", None) if property.raw.eq_ignore_ascii_case("vcard") => {
                current = Some((property.line, Vec::new()));
            }
            ("END", Some(_)) if property.raw.eq_ignore_ascii_case("vcard") => {
                if let Some((line, props)) = current.take() {
                    cards.push(card(line, &props, language)?);
                    if cards.len() > MAX_CARDS {
                        return Err(problem(
                            line,
                            "BEGIN",
                            FileReason::TooLarge {
                                max: MAX_CARDS as u32,
                            },
                        ));
                    }
                }
            }
            (_, Some((_, props))) if property.name != "BEGIN" => props.push(property),
            _ => return Err(problem(property.line, &property.name, FileReason::BadLine)),
        }
    }
    if let Some((line, _)) = current {
        return Err(problem(line, "END", FileReason::BadLine));
    }
    if cards.is_empty() {
        return Err(CoreError::BadFile(FileProblem {
            line: None,
            place: String::new(),
            reason: if text.to_ascii_uppercase().contains("BEGIN:VCARD") {
                FileReason::NoContacts
            } else {
                FileReason::NotVcard
            },
        }));
    }
    Ok(cards)
}

/// UTF-8 (with or without a byte-order mark), else Windows-1252 as older Outlook writes.
fn decode_file(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

/// Joins folded lines (a leading space or tab continues the line before; a quoted-printable
/// value ending in `=` continues on the next line; a base64 value runs to a blank line) and
/// splits each logical line into a property.
fn unfold(text: &str) -> CoreResult<Vec<Property>> {
    let physical: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut properties: Vec<Property> = Vec::new();
    let mut i = 0;
    while i < physical.len() {
        let line_no = (i + 1) as u32;
        let line = physical[i];
        i += 1;
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match properties.last_mut() {
                Some(last) => {
                    last.raw.push_str(&line[1..]);
                    continue;
                }
                None => return Err(problem(line_no, "", FileReason::BadLine)),
            }
        }
        let mut property = split_property(line, line_no)?;
        if property.quoted_printable() {
            while property.raw.ends_with('=') && i < physical.len() {
                property.raw.pop();
                property.raw.push_str(physical[i]);
                i += 1;
            }
        } else if property.base64() {
            // vCard 2.1 photos: the data runs on, unindented, until a blank line.
            while i < physical.len() && !physical[i].trim().is_empty() && !physical[i].contains(':')
            {
                i += 1;
            }
        }
        properties.push(property);
    }
    Ok(properties)
}

fn split_property(line: &str, line_no: u32) -> CoreResult<Property> {
    // The value starts at the first colon outside a quoted parameter value.
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(at, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        ':' if !quoted => Some(at),
        _ => None,
    });
    let Some(colon) = colon else {
        return Err(problem(
            line_no,
            line.chars().take(40).collect::<String>().as_str(),
            FileReason::BadLine,
        ));
    };
    let (head, raw) = (&line[..colon], &line[colon + 1..]);
    let mut parts = split_unescaped(head, ';').into_iter();
    let full_name = parts.next().unwrap_or_default();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((group, name)) => (Some(group.to_ascii_lowercase()), name),
        None => (None, full_name.as_str()),
    };
    let name = name.trim().to_ascii_uppercase();
    let valid_name =
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !valid_name {
        return Err(problem(line_no, &name, FileReason::BadLine));
    }
    let params = parts
        .map(|param| match param.split_once('=') {
            Some((key, value)) => (key.trim().to_ascii_uppercase(), value.trim().to_owned()),
            // vCard 2.1 writes bare values: `TEL;CELL;VOICE:` and `;QUOTED-PRINTABLE`.
            None => {
                let value = param.trim().to_owned();
                let key = match value.to_ascii_uppercase().as_str() {
                    "QUOTED-PRINTABLE" | "BASE64" | "B" | "8BIT" | "7BIT" => "ENCODING",
                    _ => "TYPE",
                };
                (key.to_owned(), value)
            }
        })
        .collect();
    Ok(Property {
        line: line_no,
        group,
        name,
        params,
        raw: raw.to_owned(),
    })
}

/// Splits on `separator` where it is not escaped with a backslash (and not inside quotes).
fn split_unescaped(text: &str, separator: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push('\\');
                current.extend(chars.next());
            }
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c == separator && !quoted => parts.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    parts.push(current);
    parts
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn decode_qp(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() + 1 {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// What a phone's type words mean to the owner, in the business's language.
fn phone_label(
    property: &Property,
    labels: &HashMap<String, String>,
    language: Language,
) -> String {
    if let Some(label) = property.group.as_ref().and_then(|g| labels.get(g)) {
        return label.clone();
    }
    let words: Vec<String> = property
        .param_values("TYPE")
        .chain(property.param_values("X-SERVICE-TYPE"))
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let (en, fr) = if has("cell") || has("mobile") || has("iphone") {
        ("Mobile", "Portable")
    } else if has("fax") {
        ("Fax", "Fax")
    } else if has("pager") {
        ("Pager", "Bipeur")
    } else if has("work") {
        ("Work", "Travail")
    } else if has("home") {
        ("Home", "Domicile")
    } else if has("main") {
        ("Main", "Principal")
    } else {
        return String::new();
    };
    match language {
        Language::En => en.to_owned(),
        Language::Fr => fr.to_owned(),
    }
}

/// Apple writes a label as `itemN.X-ABLabel:_$!<Mobile>!$_` beside `itemN.TEL`.
fn apple_label(text: &str) -> String {
    text.trim()
        .strip_prefix("_$!<")
        .and_then(|t| t.strip_suffix(">!$_"))
        .unwrap_or(text.trim())
        .to_owned()
}

fn card(line: u32, props: &[Property], language: Language) -> CoreResult<Card> {
    let mut details = ContactDetails::new(ContactKind::Other);
    let mut lines = HashMap::new();
    let labels: HashMap<String, String> = props
        .iter()
        .filter(|p| p.name == "X-ABLABEL")
        .filter_map(|p| Some((p.group.clone()?, apple_label(&p.text()))))
        .collect();
    let mut formatted = String::new();
    let mut structured = String::new();
    let mut phones = Vec::new();
    for p in props {
        let mut set = |field: &str, target: &mut String, value: String| {
            if target.is_empty() && !value.trim().is_empty() {
                *target = value.trim().to_owned();
                lines.insert(field.to_owned(), p.line);
            }
        };
        match p.name.as_str() {
            "FN" => set("person", &mut formatted, p.text()),
            "N" => {
                let parts = p.components();
                let get = |i: usize| parts.get(i).map(|s| s.trim()).unwrap_or("");
                let name = [get(3), get(1), get(2), get(0), get(4)]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                set("person", &mut structured, name);
            }
            "ORG" => {
                let org = p.components().into_iter().next().unwrap_or_default();
                set("organisation", &mut details.organisation, org);
            }
            "TEL" => {
                let value = p.text();
                let number = value.trim();
                let number = number.strip_prefix("tel:").unwrap_or(number).trim();
                if !number.is_empty() {
                    let field = format!("phones.{}.number", phones.len());
                    lines.insert(field, p.line);
                    phones.push(Phone {
                        label: phone_label(p, &labels, language),
                        number: number.to_owned(),
                    });
                }
            }
            "EMAIL" => {
                let value = p.text();
                let value = value.trim();
                set(
                    "email",
                    &mut details.email,
                    value.strip_prefix("mailto:").unwrap_or(value).to_owned(),
                )
            }
            "URL" => set("website", &mut details.website, p.text()),
            "NOTE" => set("notes", &mut details.notes, p.text()),
            "X-STEADY-KIND" => {
                let value = p.text();
                details.kind = ContactKind::parse_stored(value.trim())
                    .map_err(|_| problem(p.line, "X-STEADY-KIND", FileReason::BadValue))?;
            }
            "X-STEADY-ACCOUNT-NUMBER" => {
                set("accountNumber", &mut details.account_number, p.text())
            }
            "X-STEADY-CUSTOMER-ID" => set("customerId", &mut details.customer_id, p.text()),
            "X-STEADY-OUTAGE-PAGE" => set("outagePage", &mut details.outage_page, p.text()),
            "X-STEADY-STATUS-PAGE" => set("statusPage", &mut details.status_page, p.text()),
            "X-STEADY-SUPPORT-HOURS" => set("supportHours", &mut details.support_hours, p.text()),
            _ => {}
        }
    }
    details.phones = phones;
    let person = if formatted.is_empty() {
        structured
    } else {
        formatted
    };
    if fold_for_search(&person) != fold_for_search(&details.organisation) {
        details.person = person;
    }
    let card = Card {
        details,
        line,
        lines,
    };
    card.validated()
}

impl Card {
    /// The card's details as Steady would keep them, or the line of the first field it refuses.
    fn validated(mut self) -> CoreResult<Self> {
        match self.details.validated() {
            Ok(details) => {
                self.details = details;
                Ok(self)
            }
            Err(CoreError::Validation(fields)) => {
                let first = fields.into_iter().next();
                let field = first.map(|f| f.field).unwrap_or_default();
                let line = self.lines.get(&field).copied().unwrap_or(self.line);
                let name = self.details.display_name().trim().to_owned();
                let value = self.details.field_text(&field);
                Err(problem(line, &name, FileReason::BadField { field, value }))
            }
            Err(other) => Err(other),
        }
    }
}

/// The contacts as a vCard 4.0 file.
pub fn write(contacts: &[Contact]) -> String {
    let mut out = String::new();
    for contact in contacts {
        let d = &contact.details;
        let mut lines = vec!["BEGIN:VCARD".to_owned(), "VERSION:4.0".to_owned()];
        lines.push(format!("FN:{}", escape(d.display_name())));
        if !d.person.is_empty() {
            lines.push(format!("N:;{};;;", escape(&d.person)));
        }
        if !d.organisation.is_empty() {
            lines.push(format!("ORG:{}", escape(&d.organisation)));
        }
        for (i, phone) in d.phones.iter().enumerate() {
            let group = format!("item{}", i + 1);
            lines.push(format!("{group}.TEL;VALUE=text:{}", escape(&phone.number)));
            if !phone.label.is_empty() {
                lines.push(format!("{group}.X-ABLabel:{}", escape(&phone.label)));
            }
        }
        let mut add = |name: &str, value: &str| {
            if !value.is_empty() {
                lines.push(format!("{name}:{}", escape(value)));
            }
        };
        add("EMAIL", &d.email);
        add("URL", &d.website);
        add("NOTE", &d.notes);
        add("X-STEADY-KIND", d.kind.as_str());
        add("X-STEADY-ACCOUNT-NUMBER", &d.account_number);
        add("X-STEADY-CUSTOMER-ID", &d.customer_id);
        add("X-STEADY-OUTAGE-PAGE", &d.outage_page);
        add("X-STEADY-STATUS-PAGE", &d.status_page);
        add("X-STEADY-SUPPORT-HOURS", &d.support_hours);
        lines.push("END:VCARD".to_owned());
        for line in lines {
            fold_into(&mut out, &line);
        }
    }
    out
}

/// The contacts as the smallest vCard 3.0 a phone takes in one scan (name, organisation and
/// numbers in international form, [`international_tel_link`]): what the emergency card's code
/// holds. Nothing else goes in, account numbers least of all.
pub fn write_for_phone(contacts: &[Contact], region: Option<phonenumber::country::Id>) -> String {
    let mut out = String::new();
    for contact in contacts {
        let d = &contact.details;
        out.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        out.push_str(&format!("FN:{}\r\n", escape(d.display_name())));
        out.push_str(&format!("N:{};;;;\r\n", escape(d.display_name())));
        if !d.organisation.is_empty() && d.organisation != d.display_name() {
            out.push_str(&format!("ORG:{}\r\n", escape(&d.organisation)));
        }
        for phone in &d.phones {
            // Digits and "+" only, an extension after a pause (","), as phones dial it: not
            // text, so nothing in it is escaped (a phone would keep the backslash).
            let Some(link) = international_tel_link(&phone.number, region) else {
                continue;
            };
            let number = link.trim_start_matches("tel:").replace(";ext=", ",");
            out.push_str(&format!("TEL;TYPE=VOICE:{number}\r\n"));
        }
        out.push_str("END:VCARD\r\n");
    }
    out
}

/// The digits of a number that identify it, whatever the national or international prefix.
fn number_key(number: &str) -> Option<String> {
    let digits: String = number
        .split(['x', '#'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    (digits.len() >= 6).then(|| digits[digits.len().saturating_sub(9)..].to_owned())
}

/// A contact as an import leaves it: its id when Steady has it, `None` when it is new.
type Landing = (Option<i64>, ContactDetails);

/// How each card would land: the contact it matches (same name, or a shared number) gets
/// what it lacks; the others are added. Returns the previews and the resulting contacts,
/// each as Steady would save it — or the card whose merge Steady would refuse.
fn plan(existing: &[Contact], cards: &[Card]) -> CoreResult<(Vec<CardPreview>, Vec<Landing>)> {
    let mut result: Vec<Landing> = existing
        .iter()
        .map(|c| (Some(c.id), c.details.clone()))
        .collect();
    let mut touched = vec![false; result.len()];
    let mut previews = Vec::new();
    for card in cards {
        let card = card.clone();
        let name = fold_for_search(card.details.display_name());
        let keys: Vec<String> = card
            .details
            .phones
            .iter()
            .filter_map(|p| number_key(&p.number))
            .collect();
        let matched = result.iter().position(|(_, d)| {
            fold_for_search(d.display_name()) == name
                || d.phones
                    .iter()
                    .filter_map(|p| number_key(&p.number))
                    .any(|k| keys.contains(&k))
        });
        let Some(at) = matched else {
            previews.push(CardPreview {
                name: card.details.display_name().to_owned(),
                action: CardAction::Add,
                new_phones: card
                    .details
                    .phones
                    .iter()
                    .map(|p| p.number.clone())
                    .collect(),
                filled: Vec::new(),
            });
            result.push((None, card.details));
            touched.push(true);
            continue;
        };
        let target = &mut result[at].1;
        let mut new_phones = Vec::new();
        for phone in &card.details.phones {
            let known = target.phones.iter().any(|p| {
                p.number == phone.number
                    || number_key(&p.number).is_some_and(|k| Some(k) == number_key(&phone.number))
            });
            if !known {
                new_phones.push(phone.number.clone());
                target.phones.push(phone.clone());
            }
        }
        let mut filled = Vec::new();
        let incoming = &card.details;
        for (field, mine, theirs) in [
            (
                "organisation",
                &mut target.organisation,
                &incoming.organisation,
            ),
            ("person", &mut target.person, &incoming.person),
            ("email", &mut target.email, &incoming.email),
            ("website", &mut target.website, &incoming.website),
            ("outagePage", &mut target.outage_page, &incoming.outage_page),
            ("statusPage", &mut target.status_page, &incoming.status_page),
            (
                "accountNumber",
                &mut target.account_number,
                &incoming.account_number,
            ),
            ("customerId", &mut target.customer_id, &incoming.customer_id),
            (
                "supportHours",
                &mut target.support_hours,
                &incoming.support_hours,
            ),
            ("notes", &mut target.notes, &incoming.notes),
        ] {
            if mine.is_empty() && !theirs.is_empty() {
                *mine = theirs.clone();
                filled.push(field.to_owned());
            }
        }
        let action = if new_phones.is_empty() && filled.is_empty() {
            CardAction::Unchanged
        } else {
            touched[at] = true;
            // What the merge makes must be a contact Steady accepts (say, not too many
            // numbers): refused here, with the card's line, before anything is written.
            *target = Card {
                details: target.clone(),
                line: card.line,
                lines: HashMap::new(),
            }
            .validated()?
            .details;
            CardAction::Update
        };
        previews.push(CardPreview {
            name: target.display_name().to_owned(),
            action,
            new_phones,
            filled,
        });
    }
    let changed = result
        .into_iter()
        .zip(touched)
        .filter_map(|(contact, touched)| touched.then_some(contact))
        .collect();
    Ok((previews, changed))
}

fn summary(cards: Vec<CardPreview>) -> VcardPreview {
    let count = |action| cards.iter().filter(|c| c.action == action).count() as u32;
    VcardPreview {
        added: count(CardAction::Add),
        updated: count(CardAction::Update),
        unchanged: count(CardAction::Unchanged),
        cards,
    }
}

impl Store {
    /// The language phone labels are read in (the business's).
    pub fn business_language(&self) -> CoreResult<Language> {
        Ok(self.business()?.map_or(Language::En, |b| b.language))
    }

    /// What importing the cards of a vCard file ([`parse`]) would do, or the first card
    /// Steady would refuse.
    pub fn preview_vcard(&self, cards: &[Card]) -> CoreResult<VcardPreview> {
        let existing = self.list_contacts(&Default::default())?;
        Ok(summary(plan(&existing, cards)?.0))
    }

    /// Adds and completes contacts from the cards of a vCard file, after a backup, in one
    /// transaction; nothing at all when a card is refused.
    pub fn import_vcard(
        &mut self,
        folder: &DataFolder,
        cards: &[Card],
        now: DateTime<FixedOffset>,
    ) -> CoreResult<(VcardPreview, Option<BackupOutcome>)> {
        let existing = self.list_contacts(&Default::default())?;
        let (previews, changed) = plan(&existing, cards)?;
        let saved = self.back_up_before(folder, BackupReason::BeforeImport, now)?;
        let at: DateTime<Utc> = now.with_timezone(&Utc);
        let tx = self.conn.transaction()?;
        for (id, details) in &changed {
            match id {
                None => {
                    insert_contact(&tx, None, details, at, at)?;
                }
                Some(id) => update_contact_in(&tx, *id, details, at)?,
            }
        }
        tx.commit()?;
        Ok((summary(previews), saved))
    }

    /// Every contact as a vCard 4.0 file.
    pub fn export_vcard(&self) -> CoreResult<String> {
        Ok(write(&self.list_contacts(&Default::default())?))
    }
}

#[cfg(test)]
mod tests;

//! Printouts for when the computer is down too: the recovery-plan binder, the one-page
//! emergency card and the report of one incident. Each is rendered here as a self-contained,
//! print-styled HTML page (so it is tested without a window and reads the same everywhere);
//! the shell has the WebView print it or save it as PDF.

mod after_action;
mod binder;
mod card;
mod claim_pack;
mod door;
pub(crate) mod html;
mod report;
pub(crate) mod roles;
#[cfg(test)]
mod tests;
pub mod words;
pub(crate) mod year;

use chrono::{DateTime, FixedOffset, Offset, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::business::{Business, Language};
use crate::contacts::Contact;
use crate::error::{CoreError, CoreResult};
use crate::plan::safety::{emergency_numbers, EmergencyFrom};
use crate::store::Store;
use crate::text_enum;
use crate::vocabulary::Clock;
pub(crate) use card::card_contacts;
use html::{markup, Doc, Html, PageSetup};
use words::{words, Words};

/// Lays the document out on sheets with a running head and page numbers (served beside it).
pub const PAGINATE_JS: &str = include_str!("../../print/paginate.js");
const PRINT_CSS: &str = include_str!("../../print/print.css");

text_enum! {
    /// The paper the documents are laid out for.
    pub enum Paper {
        A4 = "a4",
        Letter = "letter",
    }
}

impl Paper {
    /// US Letter where it is the usual paper (the Americas that use it, the Philippines), A4
    /// elsewhere; `locale` is a system locale such as `en_US.UTF-8` or `fr-CA`.
    pub fn for_locale(locale: &str) -> Self {
        const LETTER: [&str; 12] = [
            "US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "PA", "GT", "SV", "PR",
        ];
        let region = locale
            .split(['.', '@'])
            .next()
            .unwrap_or_default()
            .split(['_', '-'])
            .nth(1)
            .unwrap_or_default()
            .to_ascii_uppercase();
        if LETTER.contains(&region.as_str()) {
            Self::Letter
        } else {
            Self::A4
        }
    }
}

text_enum! {
    pub enum PrintDocument {
        Binder = "binder",
        EmergencyCard = "emergency_card",
        IncidentReport = "incident_report",
        DoorSign = "door_sign",
        RoleCards = "role_cards",
        AfterAction = "after_action",
        ClaimPack = "claim_pack",
        YearInOutages = "year_in_outages",
    }
}

/// What to print and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintOptions {
    pub document: PrintDocument,
    /// The incident, for an incident report or a claim pack.
    #[ts(type = "number | null")]
    pub incident_id: Option<i64>,
    /// The drill, for an after-action report.
    #[serde(default)]
    #[ts(optional = nullable, type = "number | null")]
    pub drill_id: Option<i64>,
    pub paper: Paper,
    /// Account numbers and customer IDs are printed only when this is on.
    pub include_sensitive: bool,
    /// For a door sign: its text, as the owner left it (a notice for the door channel).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub text: Option<String>,
    /// For a door sign: the language of its notice, which may not be the business's, and so
    /// of the paper's own words (title, header, footer). Every other document is in the
    /// business's language (the binder's "out of date" check compares it so).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub language: Option<Language>,
}

/// A rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printout {
    /// The document's title, for the print job and the window.
    pub title: String,
    /// A file name to suggest when saving it ("Corner Café - Recovery plan.pdf").
    pub file_name: String,
    pub html: String,
}

/// When the plan was last printed, and whether it changed since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintStatus {
    pub binder_printed_at: Option<DateTime<Utc>>,
    /// The plan as printed today would differ from the last printed binder.
    pub changed_since_printed: bool,
    pub card_printed_at: Option<DateTime<Utc>>,
    /// How many people get a role card: those who hold or stand in for a role.
    pub role_cards: u32,
}

/// What every renderer needs.
pub(crate) struct Context<'a> {
    pub business: &'a Business,
    /// The language of the paper's words: the options', else the business's.
    pub language: Language,
    pub words: &'static Words,
    pub options: &'a PrintOptions,
    pub now: DateTime<Utc>,
    /// The shop's UTC offset at a given time (it changes with daylight saving).
    pub local: &'a dyn Fn(DateTime<Utc>) -> FixedOffset,
    /// Whether numbers get their QR codes: not for the binder's fingerprint, as a code says
    /// only what the number printed beside it says (and a thousand of them take a while).
    pub codes: bool,
}

impl Context<'_> {
    pub fn language(&self) -> Language {
        self.language
    }

    /// A stored time as the shop's local date and time then.
    pub fn local_time(&self, at: DateTime<Utc>) -> String {
        let clock = Clock::of(self.business.country, self.language);
        self.words.date_time(at, (self.local)(at), clock)
    }

    pub fn local_date(&self, at: DateTime<Utc>) -> chrono::NaiveDate {
        at.with_timezone(&(self.local)(at)).date_naive()
    }

    /// The owner's sensitive value, or the words saying it was left out of this copy.
    pub fn sensitive<'v>(&self, value: &'v str) -> &'v str {
        if self.options.include_sensitive {
            value
        } else {
            self.words.hidden
        }
    }

    fn finish(&self, doc: Doc, title: &str) -> Printout {
        self.finish_as(doc, title, "")
    }

    /// As [`Self::finish`], the page's body of the class `layout` (its own sheet layout).
    fn finish_as(&self, doc: Doc, title: &str, layout: &'static str) -> Printout {
        let w = self.words;
        let printed = w.printed_on.replace("{date}", &self.local_time(self.now));
        let head = format!("{} · {title}", self.business.name);
        let html = doc.finish(&PageSetup {
            language: self.language(),
            paper: self.options.paper,
            head: &head,
            foot: &printed,
            page_label: w.page_label,
            layout,
        });
        Printout {
            title: head.clone(),
            file_name: file_name(&self.business.name, title),
            html,
        }
    }
}

/// The numbers that reach emergency services on one line ("112 — Emergency services · 15 —
/// Ambulance"), for a plan that lists none of its own (`None` when it does: they are printed
/// under their contacts); a plan whose country is not known gets the line that names the
/// usual ones. The rule is [`emergency_numbers`], the window's too.
pub(crate) fn emergency_line(cx: &Context<'_>, contacts: &[Contact]) -> Option<Html> {
    let to_call = emergency_numbers(contacts, cx.business.country, cx.language);
    match to_call.from {
        EmergencyFrom::Plan => None,
        EmergencyFrom::Usual => Some(markup!(
            "<p class=\"phone\">{}</p>",
            Html::text(cx.words.emergency_default)
        )),
        EmergencyFrom::Country => {
            let numbers = to_call.numbers.iter().map(|n| {
                markup!(
                    "<span class=\"phone\">{} — {}</span>",
                    Html::text(&n.number),
                    Html::text(&n.label)
                )
            });
            Some(markup!("<p>{}</p>", Html::join(numbers, markup!(" · "))))
        }
    }
}

/// The longest file name written, in bytes with `.pdf`: well under the 255 of most file
/// systems, and under the 143 of encrypted home folders (eCryptfs).
const FILE_NAME_MAX: usize = 140;

/// "{business} - {document}.pdf" as a file name every system accepts. A long business name is
/// cut (with "…"), never the document's name, so the files of one business stay apart.
fn file_name(business: &str, document: &str) -> String {
    file_name_with(business, document, "pdf")
}

/// As [`file_name`], with another extension.
pub(crate) fn file_name_with(business: &str, document: &str, extension: &str) -> String {
    let budget = FILE_NAME_MAX - " - ".len() - ".".len() - extension.len();
    // A document's own name is short; one that is not keeps half the room.
    let document = safe_for_files(document);
    let document = if document.len() <= budget {
        document
    } else {
        cut_to(&document, budget / 2)
    };
    let business = cut_to(
        &safe_for_files(business),
        budget.saturating_sub(document.len()),
    );
    let stem = if business.is_empty() {
        document
    } else {
        format!("{business} - {document}")
    };
    format!("{}.{extension}", stem.trim().trim_start_matches('.'))
}

/// `text` in at most `max` bytes, cut at a character and marked with "…" when cut.
fn cut_to(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let room = max.saturating_sub("…".len());
    let mut end = room;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let kept = text[..end].trim_end();
    if kept.is_empty() {
        String::new()
    } else {
        format!("{kept}…")
    }
}

/// `name` with what no file system accepts (slashes, controls, Windows' reserved marks)
/// replaced.
fn safe_for_files(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

impl Store {
    /// Renders a document as it would print now; `local` gives the shop's UTC offset at a
    /// given time.
    pub fn render_printout(
        &self,
        options: &PrintOptions,
        now: DateTime<Utc>,
        local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
    ) -> CoreResult<Printout> {
        self.render_with(options, now, local, true)
    }

    fn render_with(
        &self,
        options: &PrintOptions,
        now: DateTime<Utc>,
        local: &dyn Fn(DateTime<Utc>) -> FixedOffset,
        codes: bool,
    ) -> CoreResult<Printout> {
        let business = self
            .business()?
            .ok_or_else(|| CoreError::NotFound("business".into()))?;
        let language = match options.document {
            PrintDocument::DoorSign => options.language.unwrap_or(business.language),
            _ => business.language,
        };
        let context = Context {
            business: &business,
            language,
            words: words(language),
            options,
            now,
            local,
            codes,
        };
        match options.document {
            PrintDocument::Binder => binder::render(self, &context),
            PrintDocument::EmergencyCard => card::render(self, &context),
            PrintDocument::IncidentReport => {
                let id = options
                    .incident_id
                    .ok_or_else(|| CoreError::NotFound("incident".into()))?;
                report::render(self, &context, id)
            }
            PrintDocument::ClaimPack => {
                let id = options
                    .incident_id
                    .ok_or_else(|| CoreError::NotFound("incident".into()))?;
                claim_pack::render(self, &context, id)
            }
            PrintDocument::DoorSign => door::render(&context, options.text.as_deref()),
            PrintDocument::RoleCards => roles::render(self, &context),
            PrintDocument::AfterAction => {
                let id = options
                    .drill_id
                    .ok_or_else(|| CoreError::NotFound("drill".into()))?;
                after_action::render(self, &context, id)
            }
            PrintDocument::YearInOutages => year::render(self, &context),
        }
    }

    /// What the binder says, whatever the date, paper or switches: two binders with the same
    /// fingerprint read the same. Rendered again only once the plan changed.
    fn binder_fingerprint(&self) -> CoreResult<String> {
        let state = self.plan_state()?;
        if let Some((at, fingerprint)) = &*crate::store::lock(&self.binder_fingerprint) {
            if *at == state {
                return Ok(fingerprint.clone());
            }
        }
        let options = PrintOptions {
            document: PrintDocument::Binder,
            incident_id: None,
            drill_id: None,
            paper: Paper::A4,
            include_sensitive: true,
            text: None,
            language: None,
        };
        let printout = self.render_with(&options, DateTime::UNIX_EPOCH, &|_| utc(), false)?;
        let fingerprint = format!("{:x}", Sha256::digest(printout.html.as_bytes()));
        *crate::store::lock(&self.binder_fingerprint) = Some((state, fingerprint.clone()));
        Ok(fingerprint)
    }

    /// Remembers that `document` was printed (or saved as PDF) now.
    pub fn record_printed(
        &mut self,
        document: PrintDocument,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let fingerprint = match document {
            PrintDocument::Binder => self.binder_fingerprint()?,
            PrintDocument::EmergencyCard | PrintDocument::IncidentReport => String::new(),
            // A sign for one day's door: nothing to keep up to date. Role cards are handed
            // out, not kept on file: not recorded either (yet).
            // An after-action report is of one drill, as a report is of one outage: nothing
            // to keep up to date.
            // A claim pack is of one outage too, printed when the owner claims; the year in
            // outages is a picture of a moment: nothing to keep up to date.
            PrintDocument::DoorSign
            | PrintDocument::RoleCards
            | PrintDocument::AfterAction
            | PrintDocument::ClaimPack
            | PrintDocument::YearInOutages => return Ok(()),
        };
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO printouts (document, printed_at, fingerprint) VALUES (?1, ?2, ?3)
             ON CONFLICT (document) DO UPDATE
             SET printed_at = excluded.printed_at, fingerprint = excluded.fingerprint",
            params![document.as_str(), now, fingerprint],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn print_status(&self) -> CoreResult<PrintStatus> {
        let last = |document: PrintDocument| -> CoreResult<Option<(DateTime<Utc>, String)>> {
            Ok(self
                .conn
                .query_row(
                    "SELECT printed_at, fingerprint FROM printouts WHERE document = ?1",
                    [document.as_str()],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?)
        };
        let binder = last(PrintDocument::Binder)?;
        let changed_since_printed = match &binder {
            Some((_, fingerprint)) => *fingerprint != self.binder_fingerprint()?,
            None => false,
        };
        Ok(PrintStatus {
            binder_printed_at: binder.map(|(at, _)| at),
            changed_since_printed,
            card_printed_at: last(PrintDocument::EmergencyCard)?.map(|(at, _)| at),
            role_cards: self.role_card_count()?,
        })
    }
}

impl Store {
    /// How many people get a role card.
    fn role_card_count(&self) -> CoreResult<u32> {
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM contacts WHERE kind = 'staff' AND (
                 id IN (SELECT contact_id FROM role_holders)
                 OR id IN (SELECT stand_in_id FROM roles WHERE stand_in_id IS NOT NULL))",
            [],
            |row| row.get(0),
        )?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }
}

fn utc() -> FixedOffset {
    Utc.fix()
}

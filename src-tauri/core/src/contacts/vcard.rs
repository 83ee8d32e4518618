//! Contacts in and out as vCard (`.vcf`), the one format every phone and mail program reads
//! and writes. Reading is tolerant of what real exports contain — vCard 2.1, 3.0 and 4.0,
//! folded lines, QUOTED-PRINTABLE, Latin-1, Apple's labels, photos to skip — and strict about
//! what Steady keeps: an address Steady would refuse when typed in refuses the file, with its
//! line, but a number it cannot use is set aside into the contact's notes and shown in the
//! preview, so one odd number never costs the rest of the file. The file is read one line and
//! one card at a time, each line, card and file capped while it is read, so a hostile file
//! costs memory in proportion to what it holds, not to what parsing it would make of it.
//! Writing is vCard 4.0, with Steady's own fields as `X-STEADY-*` so a round trip loses
//! nothing.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{insert_contact, update_contact_in, Contact, ContactDetails, ContactKind, Phone};
use crate::business::Language;
use crate::contentline::{escape, fold_into};
use crate::error::{CoreError, CoreResult, FieldProblem, FileProblem, FileReason};
use crate::field_paths::{ContactField, FieldPath};
use crate::fields::{
    check_phone, fold_for_search, international_tel_link, LINE_MAX, LIST_MAX, NOTES_MAX,
};
use crate::store::Store;
use crate::vocabulary::{fill, PerLanguage};

/// The largest file read, and the most cards in it.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
pub const MAX_CARDS: usize = 5_000;
/// The longest line read once unfolded (photos apart, which are skipped unread): a note of
/// `NOTES_MAX` characters, quoted-printable, fits several times over.
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// The longest part of a line before its value (name and parameters).
pub const MAX_HEAD_BYTES: usize = 1024;
/// The most parameters one line may carry (`TEL;TYPE=cell;PREF=1` has two).
pub const MAX_PARAMS: usize = 32;
/// The most lines one card may have: `LIST_MAX` numbers with their labels, and the rest.
pub const MAX_CARD_LINES: usize = 4 * LIST_MAX + 200;

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
    /// The kind the contact will have: guessed from the card for a new one (the owner may
    /// change it before importing), the contact's own for one Steady has.
    pub kind: ContactKind,
    /// The phone numbers the card brings that Steady does not have yet.
    pub new_phones: Vec<String>,
    /// The fields it fills that were empty (`email`, `website`…).
    pub filled: Vec<String>,
    /// The numbers Steady cannot use as phone numbers, kept in the contact's notes instead.
    pub set_aside: Vec<SetAsideNumber>,
}

/// A number of the file Steady cannot dial, and why: it goes into the contact's notes rather
/// than being lost or costing the whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetAsideNumber {
    /// As the file writes it (cut at `LINE_MAX` characters).
    pub number: String,
    pub label: String,
    pub reason: FieldProblem,
    /// False only when the contact's notes are too full to take it.
    pub in_notes: bool,
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
    /// The line of each named field (`email`), and of each phone number in order.
    lines: HashMap<ContactField, u32>,
    phone_lines: Vec<u32>,
    /// The numbers set aside, for the notes.
    set_aside: Vec<SetAsideNumber>,
    language: Language,
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
    let mut lines = Lines::new(&text);
    let mut cards = Vec::new();
    let mut current: Option<(u32, Vec<Property>)> = None;
    while let Some(property) = lines.next_property()? {
        match (property.name.as_str(), &mut current) {
            ("BEGIN", None) if property.raw.eq_ignore_ascii_case("vcard") => {
                if cards.len() == MAX_CARDS {
                    return Err(problem(
                        property.line,
                        "BEGIN",
                        FileReason::TooLarge {
                            max: MAX_CARDS as u32,
                        },
                    ));
                }
                current = Some((property.line, Vec::new()));
            }
            ("END", Some(_)) if property.raw.eq_ignore_ascii_case("vcard") => {
                if let Some((line, props)) = current.take() {
                    cards.push(card(line, &props, language)?);
                }
            }
            (_, Some((line, props))) if property.name != "BEGIN" => {
                if props.len() == MAX_CARD_LINES {
                    return Err(problem(
                        *line,
                        "BEGIN",
                        FileReason::TooLarge {
                            max: MAX_CARD_LINES as u32,
                        },
                    ));
                }
                props.push(property)
            }
            _ => return Err(problem(property.line, &property.name, FileReason::BadLine)),
        }
    }
    if let Some((line, _)) = current {
        return Err(problem(line, "END", FileReason::BadLine));
    }
    if cards.is_empty() {
        // Any line at all would have made a card or been refused: the file is blank.
        return Err(CoreError::BadFile(FileProblem {
            line: None,
            place: String::new(),
            reason: FileReason::NotVcard,
        }));
    }
    Ok(cards)
}

/// UTF-8 (with or without a byte-order mark), read in place; else Windows-1252 as older
/// Outlook writes.
fn decode_file(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(bytes.iter().map(|b| char::from(*b)).collect()),
    }
}

fn too_large(line: u32, place: &str, max: usize) -> CoreError {
    problem(line, place, FileReason::TooLarge { max: max as u32 })
}

/// The logical lines of a file, one at a time: folded lines joined (a leading space or tab
/// continues the line before; a quoted-printable value ending in `=` continues on the next
/// line; a base64 value runs to a blank line), each split into a property and checked
/// against the caps before anything is copied out of the file.
struct Lines<'a> {
    physical: std::iter::Peekable<std::iter::Enumerate<std::str::Split<'a, char>>>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            physical: text.split('\n').enumerate().peekable(),
        }
    }

    fn next_physical(&mut self) -> Option<(u32, &'a str)> {
        let (i, line) = self.physical.next()?;
        Some(((i + 1) as u32, line.strip_suffix('\r').unwrap_or(line)))
    }

    fn next_property(&mut self) -> CoreResult<Option<Property>> {
        let (line_no, line) = loop {
            match self.next_physical() {
                None => return Ok(None),
                Some((_, line)) if line.trim().is_empty() => continue,
                // A continuation with no line before it to continue.
                Some((n, line)) if line.starts_with([' ', '\t']) => {
                    return Err(problem(n, "", FileReason::BadLine))
                }
                Some(found) => break found,
            }
        };
        let mut property = split_property(line, line_no)?;
        // Photos, logos, sounds and keys are skipped unread, however long.
        let skipped = matches!(property.name.as_str(), "PHOTO" | "LOGO" | "SOUND" | "KEY")
            || property.base64();
        if skipped {
            property.raw.clear();
        }
        while let Some((_, next)) = self.physical.peek() {
            if !next.starts_with([' ', '\t']) {
                break;
            }
            let Some((_, next)) = self.next_physical() else {
                break;
            };
            if !skipped {
                self.append(&mut property, &next[1..])?;
            }
        }
        if property.quoted_printable() {
            while property.raw.ends_with('=') {
                let Some((_, next)) = self.next_physical() else {
                    break;
                };
                property.raw.pop();
                self.append(&mut property, next)?;
            }
        } else if property.base64() {
            // vCard 2.1 photos: the data runs on, unindented, until a blank line.
            while self
                .physical
                .peek()
                .is_some_and(|(_, l)| !l.trim().is_empty() && !l.contains(':'))
            {
                self.physical.next();
            }
        }
        Ok(Some(property))
    }

    fn append(&self, property: &mut Property, more: &str) -> CoreResult<()> {
        if property.raw.len() + more.len() > MAX_LINE_BYTES {
            return Err(too_large(property.line, &property.name, MAX_LINE_BYTES));
        }
        property.raw.push_str(more);
        Ok(())
    }
}

fn split_property(line: &str, line_no: u32) -> CoreResult<Property> {
    // The value starts at the first colon outside a quoted parameter value.
    let mut quoted = false;
    let mut params = 0;
    let colon = line.char_indices().find_map(|(at, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        ';' if !quoted => {
            params += 1;
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
    let place = || head.chars().take(40).collect::<String>();
    if head.len() > MAX_HEAD_BYTES {
        return Err(too_large(line_no, &place(), MAX_HEAD_BYTES));
    }
    // Counted before any is split out: a line of nothing but `;` costs nothing to refuse.
    if params > MAX_PARAMS {
        return Err(too_large(line_no, &place(), MAX_PARAMS));
    }
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
    let skipped = matches!(name.as_str(), "PHOTO" | "LOGO" | "SOUND" | "KEY");
    if !skipped && raw.len() > MAX_LINE_BYTES {
        return Err(too_large(line_no, &name, MAX_LINE_BYTES));
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
        raw: if skipped {
            String::new()
        } else {
            raw.to_owned()
        },
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
    let kind = if has("cell") || has("mobile") || has("iphone") {
        "mobile"
    } else if has("fax") {
        "fax"
    } else if has("pager") {
        "pager"
    } else if has("work") {
        "work"
    } else if has("home") {
        "home"
    } else if has("main") {
        "main"
    } else {
        return String::new();
    };
    vcard_words(language)
        .phone_types
        .get(kind)
        .cloned()
        .unwrap_or_default()
}

/// What a vCard import writes in the owner's language, as data (`vcard/<language>.json`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct VcardWords {
    /// A phone's label by its type (`mobile`, `fax`, `pager`, `work`, `home`, `main`).
    phone_types: HashMap<String, String>,
    /// `{label}`: the number's label, when it has one.
    set_aside_label: String,
    /// `{label}`: `set_aside_label` or nothing; `{number}`: the number as the file had it.
    set_aside_note: String,
}

static VCARD_WORDS: PerLanguage<VcardWords> = PerLanguage::new(&[
    (Language::En, include_str!("../../vcard/en.json")),
    (Language::Fr, include_str!("../../vcard/fr.json")),
]);

fn vcard_words(language: Language) -> &'static VcardWords {
    VCARD_WORDS.get(language)
}

/// Apple writes a label as `itemN.X-ABLabel:_$!<Mobile>!$_` beside `itemN.TEL`.
fn apple_label(text: &str) -> String {
    text.trim()
        .strip_prefix("_$!<")
        .and_then(|t| t.strip_suffix(">!$_"))
        .unwrap_or(text.trim())
        .to_owned()
}

/// A `tel:` URI's number as Steady writes numbers (RFC 3966): `;ext=12` becomes " ext. 12",
/// as an owner types an extension; a local number's `;phone-context=+33` goes in front of it
/// (a domain as context says nothing dialable and is dropped); other parameters (`isub`…)
/// are dropped.
fn tel_uri_number(uri: &str) -> String {
    let mut parts = uri.split(';');
    let mut number = parts.next().unwrap_or_default().trim().to_owned();
    let (mut extension, mut context) = (None, None);
    for param in parts {
        match param.split_once('=').map(|(k, v)| (k.trim(), v.trim())) {
            Some((key, value)) if key.eq_ignore_ascii_case("ext") => extension = Some(value),
            Some((key, value)) if key.eq_ignore_ascii_case("phone-context") => {
                context = Some(value)
            }
            _ => {}
        }
    }
    if let Some(context) = context.filter(|c| c.starts_with('+')) {
        if !number.starts_with('+') {
            number = format!("{context} {number}");
        }
    }
    if let Some(extension) = extension.filter(|e| !e.is_empty()) {
        number.push_str(" ext. ");
        number.push_str(extension);
    }
    number
}

/// The number of a `TEL` line as Steady would keep it, or why it cannot.
fn read_number(property: &Property) -> (String, Result<String, FieldProblem>) {
    let value = property.text();
    let value = value.trim();
    let uri = value
        .get(..4)
        .filter(|scheme| scheme.eq_ignore_ascii_case("tel:"))
        .map(|_| &value[4..]);
    let number = match uri {
        Some(uri) => tel_uri_number(uri),
        None => value.to_owned(),
    };
    let checked = if number.chars().count() > LINE_MAX as usize {
        Err(FieldProblem::TooLong { max: LINE_MAX })
    } else {
        check_phone(&number)
    };
    (number, checked)
}

/// Words that say what a contact is, in English and French, folded as
/// [`fold_for_search`] folds (lower case, no accents), each a run of whole words. The first
/// kind with a word in the text wins, so the more particular kinds come first ("site
/// internet" is a website before "internet" is a provider).
const KIND_WORDS: &[(ContactKind, &[&str])] = &[
    (
        ContactKind::Emergency,
        &[
            "emergency services",
            "police",
            "pompiers",
            "samu",
            "ambulance",
            "fire brigade",
            "fire department",
            "gendarmerie",
        ],
    ),
    (
        ContactKind::Bank,
        &[
            "bank",
            "banque",
            "credit agricole",
            "credit mutuel",
            "caisse d epargne",
            "bnp",
            "societe generale",
            "lcl",
            "barclays",
            "hsbc",
            "lloyds",
            "natwest",
        ],
    ),
    (
        ContactKind::CardPayments,
        &[
            "card terminal",
            "card payments",
            "card payment",
            "payment terminal",
            "payments",
            "payment",
            "paiement",
            "paiements",
            "tpe",
            "monetique",
            "carte bancaire",
            "sumup",
            "stripe",
            "zettle",
            "ingenico",
            "worldline",
            "verifone",
            "adyen",
        ],
    ),
    (
        ContactKind::WebsiteVendor,
        &[
            "website",
            "site web",
            "site internet",
            "web agency",
            "agence web",
            "webmaster",
            "hosting",
            "hebergement",
            "hebergeur",
            "wix",
            "shopify",
            "squarespace",
            "ovh",
        ],
    ),
    (
        ContactKind::ItSupport,
        &[
            "it support",
            "helpdesk",
            "help desk",
            "tech support",
            "informatique",
            "infogerance",
        ],
    ),
    (
        ContactKind::SoftwareVendor,
        &[
            "software",
            "logiciel",
            "logiciels",
            "saas",
            "point of sale",
            "caisse enregistreuse",
        ],
    ),
    (
        ContactKind::PowerUtility,
        &[
            "power",
            "electricity",
            "electricite",
            "energy",
            "energie",
            "edf",
            "enedis",
            "engie",
            "totalenergies",
            "british gas",
            "octopus energy",
        ],
    ),
    (
        ContactKind::InternetProvider,
        &[
            "internet",
            "broadband",
            "fibre",
            "fiber",
            "isp",
            "adsl",
            "wifi",
            "orange",
            "sfr",
            "bouygues",
            "freebox",
            "virgin media",
            "comcast",
            "xfinity",
        ],
    ),
    (
        ContactKind::PhoneProvider,
        &[
            "phone",
            "telephone",
            "telephonie",
            "telecom",
            "telecoms",
            "voip",
            "standard",
            "operateur",
        ],
    ),
    (
        ContactKind::Landlord,
        &[
            "landlord",
            "letting agent",
            "lettings",
            "property management",
            "proprietaire",
            "bailleur",
            "immobilier",
            "immobiliere",
            "agence immobiliere",
            "syndic",
            "gerance",
        ],
    ),
    (
        ContactKind::Insurance,
        &[
            "insurance",
            "insurer",
            "assurance",
            "assurances",
            "assureur",
            "axa",
            "maif",
            "macif",
            "allianz",
            "groupama",
            "matmut",
            "aviva",
        ],
    ),
    (
        ContactKind::Staff,
        &[
            "staff",
            "employee",
            "employe",
            "personnel",
            "equipe",
            "colleague",
            "collegue",
        ],
    ),
    (
        ContactKind::Supplier,
        &[
            "supplier",
            "fournisseur",
            "grossiste",
            "wholesale",
            "wholesaler",
            "plumber",
            "plombier",
            "plomberie",
            "electrician",
            "electricien",
            "locksmith",
            "serrurier",
        ],
    ),
];

/// The kind a contact most likely is, from its categories, organisation and name in that
/// order; `Other` when nothing says.
pub fn guess_kind<'a>(texts: impl IntoIterator<Item = &'a str>) -> ContactKind {
    for text in texts {
        let folded = fold_for_search(text);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for (kind, phrases) in KIND_WORDS {
            let said = phrases.iter().any(|phrase| {
                let phrase: Vec<&str> = phrase.split(' ').collect();
                words.windows(phrase.len()).any(|w| w == phrase.as_slice())
            });
            if said {
                return *kind;
            }
        }
    }
    ContactKind::Other
}

fn card(line: u32, props: &[Property], language: Language) -> CoreResult<Card> {
    let mut details = ContactDetails::new(ContactKind::Other);
    let mut lines = HashMap::new();
    let mut phone_lines = Vec::new();
    let mut set_aside = Vec::new();
    let mut kind = None;
    let mut categories = Vec::new();
    let labels: HashMap<String, String> = props
        .iter()
        .filter(|p| p.name == "X-ABLABEL")
        .filter_map(|p| Some((p.group.clone()?, apple_label(&p.text()))))
        .collect();
    let mut formatted = String::new();
    let mut structured = String::new();
    let mut phones = Vec::new();
    for p in props {
        let mut set = |field: ContactField, target: &mut String, value: String| {
            if target.is_empty() && !value.trim().is_empty() {
                *target = value.trim().to_owned();
                lines.insert(field, p.line);
            }
        };
        match p.name.as_str() {
            "FN" => set(ContactField::Person, &mut formatted, p.text()),
            "N" => {
                let parts = p.components();
                let get = |i: usize| parts.get(i).map(|s| s.trim()).unwrap_or("");
                let name = [get(3), get(1), get(2), get(0), get(4)]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                set(ContactField::Person, &mut structured, name);
            }
            "ORG" => {
                let org = p.components().into_iter().next().unwrap_or_default();
                set(ContactField::Organisation, &mut details.organisation, org);
            }
            "CATEGORIES" => categories.extend(split_unescaped(&p.decoded(), ',')),
            "TEL" => {
                let (number, checked) = read_number(p);
                let label = phone_label(p, &labels, language);
                match checked {
                    Ok(number) if number.is_empty() => {}
                    Ok(number) if phones.len() < LIST_MAX => {
                        phone_lines.push(p.line);
                        phones.push(Phone { label, number });
                    }
                    // Set aside, but not without end: each costs more than its line.
                    _ if set_aside.len() == LIST_MAX => {
                        return Err(too_large(p.line, "TEL", LIST_MAX));
                    }
                    other => set_aside.push(SetAsideNumber {
                        number: number.chars().take(LINE_MAX as usize).collect(),
                        label,
                        reason: other.err().unwrap_or(FieldProblem::TooLarge {
                            max: LIST_MAX as u32,
                        }),
                        in_notes: false,
                    }),
                }
            }
            "EMAIL" => {
                let value = p.text();
                let value = value.trim();
                set(
                    ContactField::Email,
                    &mut details.email,
                    value.strip_prefix("mailto:").unwrap_or(value).to_owned(),
                )
            }
            "URL" => set(ContactField::Website, &mut details.website, p.text()),
            "NOTE" => set(ContactField::Notes, &mut details.notes, p.text()),
            "X-STEADY-KIND" => {
                let value = p.text();
                kind = Some(
                    ContactKind::parse_stored(value.trim())
                        .map_err(|_| problem(p.line, "X-STEADY-KIND", FileReason::BadValue))?,
                );
            }
            "X-STEADY-ACCOUNT-NUMBER" => set(
                ContactField::AccountNumber,
                &mut details.account_number,
                p.text(),
            ),
            "X-STEADY-CUSTOMER-ID" => {
                set(ContactField::CustomerId, &mut details.customer_id, p.text())
            }
            "X-STEADY-OUTAGE-PAGE" => {
                set(ContactField::OutagePage, &mut details.outage_page, p.text())
            }
            "X-STEADY-STATUS-PAGE" => {
                set(ContactField::StatusPage, &mut details.status_page, p.text())
            }
            "X-STEADY-SUPPORT-HOURS" => set(
                ContactField::SupportHours,
                &mut details.support_hours,
                p.text(),
            ),
            _ => {}
        }
    }
    details.phones = phones;
    let person = if formatted.is_empty() {
        structured
    } else {
        formatted
    };
    details.kind = kind.unwrap_or_else(|| {
        guess_kind(
            categories
                .iter()
                .map(String::as_str)
                .chain([details.organisation.as_str(), &person]),
        )
    });
    if fold_for_search(&person) != fold_for_search(&details.organisation) {
        details.person = person;
    }
    let card = Card {
        details,
        line,
        lines,
        phone_lines,
        set_aside,
        language,
    };
    card.validated()
}

/// The line a set-aside number takes in the notes.
fn note_line(number: &SetAsideNumber, language: Language) -> String {
    let words = vcard_words(language);
    let label = if number.label.is_empty() {
        String::new()
    } else {
        fill(&words.set_aside_label, &[("label", &number.label)])
    };
    fill(
        &words.set_aside_note,
        &[("label", &label), ("number", &number.number)],
    )
}

/// Adds the set-aside numbers to `notes`, each once (a file imported twice adds nothing), as
/// long as the notes have room; says whether the notes changed.
fn note_set_aside(notes: &mut String, numbers: &mut [SetAsideNumber], language: Language) -> bool {
    let mut changed = false;
    for number in numbers {
        let line = note_line(number, language);
        if notes.contains(&line) {
            number.in_notes = true;
            continue;
        }
        let separator = usize::from(!notes.is_empty());
        if notes.chars().count() + separator + line.chars().count() <= NOTES_MAX as usize {
            if separator == 1 {
                notes.push('\n');
            }
            notes.push_str(&line);
            number.in_notes = true;
            changed = true;
        }
    }
    changed
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
                let named = ContactField::from_path(&field);
                let line = match named {
                    Some(ContactField::PhoneLabel(i) | ContactField::PhoneNumber(i)) => {
                        self.phone_lines.get(i).copied()
                    }
                    Some(other) => self.lines.get(&other).copied(),
                    None => None,
                }
                .unwrap_or(self.line);
                let name = self.details.display_name().trim().to_owned();
                let value = named
                    .map(|named| self.details.field_text(named))
                    .unwrap_or_default();
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

/// The digits of a number that identify it, whatever the national or international prefix:
/// its last nine digits (with how many there are, so that a leading zero counts), as one
/// integer rather than a string, so that a million of them cost no allocation.
fn number_key(number: &str) -> Option<u64> {
    const NINE: u64 = 1_000_000_000;
    let main = number.split(['x', '#']).next().unwrap_or("");
    let (mut last, mut count) = (0u64, 0u64);
    for digit in main.bytes().filter(u8::is_ascii_digit) {
        last = (last * 10 + u64::from(digit - b'0')) % NINE;
        count += 1;
    }
    (count >= 6).then(|| count.min(9) * NINE + last)
}

/// The contact's one-line and free text fields, in the order a preview names what a card
/// fills in.
const TEXT_FIELDS: [ContactField; 10] = [
    ContactField::Organisation,
    ContactField::Person,
    ContactField::Email,
    ContactField::Website,
    ContactField::OutagePage,
    ContactField::StatusPage,
    ContactField::AccountNumber,
    ContactField::CustomerId,
    ContactField::SupportHours,
    ContactField::Notes,
];

/// A contact as an import leaves it: its id when Steady has it, `None` when it is new.
type Landing = (Option<i64>, ContactDetails);

/// The contacts an import lands on: those Steady has (borrowed, and copied only when a card
/// changes one), then those the file adds; each has its place `at` in that order.
struct Landings<'a> {
    existing: &'a [Contact],
    changed: HashMap<usize, ContactDetails>,
    added: Vec<ContactDetails>,
    /// Each folded display name, with the contacts that have it (the first one wins).
    names: HashMap<String, BTreeSet<usize>>,
    /// Each number's key ([`number_key`]), with the first contact that has it.
    numbers: HashMap<u64, usize>,
}

impl<'a> Landings<'a> {
    /// The contacts Steady has, with every name and number key derived once.
    fn new(existing: &'a [Contact]) -> Self {
        let mut landings = Self {
            existing,
            changed: HashMap::new(),
            added: Vec::new(),
            names: HashMap::new(),
            numbers: HashMap::with_capacity(existing.len()),
        };
        for (at, contact) in existing.iter().enumerate() {
            landings.index(&contact.details, at);
        }
        landings
    }

    fn get(&self, at: usize) -> &ContactDetails {
        match at.checked_sub(self.existing.len()) {
            Some(new) => &self.added[new],
            None => self.changed.get(&at).unwrap_or(&self.existing[at].details),
        }
    }

    fn get_mut(&mut self, at: usize) -> &mut ContactDetails {
        match at.checked_sub(self.existing.len()) {
            Some(new) => &mut self.added[new],
            None => self
                .changed
                .entry(at)
                .or_insert_with(|| self.existing[at].details.clone()),
        }
    }

    fn index(&mut self, details: &ContactDetails, at: usize) {
        let name = fold_for_search(details.display_name());
        self.names.entry(name).or_default().insert(at);
        for phone in &details.phones {
            if let Some(key) = number_key(&phone.number) {
                self.add_number(key, at);
            }
        }
    }

    fn add_number(&mut self, key: u64, at: usize) {
        self.numbers
            .entry(key)
            .and_modify(|first| *first = (*first).min(at))
            .or_insert(at);
    }

    /// The first contact with `name` or one of the `keys`.
    fn find(&self, name: &str, keys: &[Option<u64>]) -> Option<usize> {
        let by_name = self.names.get(name).and_then(|set| set.first().copied());
        let by_number = keys
            .iter()
            .flatten()
            .filter_map(|k| self.numbers.get(k).copied())
            .min();
        by_name.into_iter().chain(by_number).min()
    }

    fn add(&mut self, details: ContactDetails) {
        let at = self.existing.len() + self.added.len();
        self.index(&details, at);
        self.added.push(details);
    }

    /// After contact `at` changed: its name may have.
    fn renamed(&mut self, before: &str, at: usize) {
        let after = fold_for_search(self.get(at).display_name());
        if after != before {
            if let Some(set) = self.names.get_mut(before) {
                set.remove(&at);
            }
            self.names.entry(after).or_default().insert(at);
        }
    }

    /// The contacts that change, in order: those Steady has, then the new ones.
    fn into_changed(self) -> Vec<Landing> {
        let mut changed: Vec<(usize, ContactDetails)> = self.changed.into_iter().collect();
        changed.sort_by_key(|(at, _)| *at);
        let existing = self.existing;
        changed
            .into_iter()
            .map(|(at, details)| (Some(existing[at].id), details))
            .chain(self.added.into_iter().map(|details| (None, details)))
            .collect()
    }
}

/// Re-checks contact details a merge made, as Steady would save them, or refuses the card at
/// `line` whose merge Steady would refuse (say, too many numbers).
fn revalidated(
    details: ContactDetails,
    line: u32,
    language: Language,
) -> CoreResult<ContactDetails> {
    let card = Card {
        details,
        line,
        lines: HashMap::new(),
        phone_lines: Vec::new(),
        set_aside: Vec::new(),
        language,
    };
    Ok(card.validated()?.details)
}

/// How each card would land: the contact it matches (same name, or a shared number) gets
/// what it lacks; the others are added. Returns the previews and the resulting contacts,
/// each as Steady would save it — or the card whose merge Steady would refuse. Every name
/// and number is looked up in an index, never compared with every contact: a file of
/// thousands of cards is matched while the store is held.
fn plan(existing: &[Contact], cards: &[Card]) -> CoreResult<(Vec<CardPreview>, Vec<Landing>)> {
    let mut landings = Landings::new(existing);
    let mut previews = Vec::with_capacity(cards.len());
    for card in cards {
        let mut set_aside = card.set_aside.clone();
        let name = fold_for_search(card.details.display_name());
        let keys: Vec<Option<u64>> = card
            .details
            .phones
            .iter()
            .map(|p| number_key(&p.number))
            .collect();
        let Some(at) = landings.find(&name, &keys) else {
            let mut details = card.details.clone();
            if note_set_aside(&mut details.notes, &mut set_aside, card.language) {
                details = revalidated(details, card.line, card.language)?;
            }
            previews.push(CardPreview {
                name: details.display_name().to_owned(),
                action: CardAction::Add,
                kind: details.kind,
                new_phones: details.phones.iter().map(|p| p.number.clone()).collect(),
                filled: Vec::new(),
                set_aside,
            });
            landings.add(details);
            continue;
        };
        // What the card brings, found without touching the contact: most cards of a file
        // imported again bring nothing, and cost no copy.
        let target = landings.get(at);
        let mut known_keys: HashSet<u64> = HashSet::new();
        let mut short: Vec<&str> = Vec::new();
        for phone in &target.phones {
            if let Some(key) = number_key(&phone.number) {
                known_keys.insert(key);
            } else {
                short.push(&phone.number);
            }
        }
        let mut new = Vec::new();
        for (phone, key) in card.details.phones.iter().zip(&keys) {
            let seen = match key {
                Some(key) => !known_keys.insert(*key),
                None if short.contains(&phone.number.as_str()) => true,
                None => {
                    short.push(&phone.number);
                    false
                }
            };
            if !seen {
                new.push(phone.clone());
            }
        }
        let incoming = &card.details;
        let text = |details: &ContactDetails, field: ContactField| {
            details.text(field).is_none_or(String::is_empty)
        };
        let filled: Vec<ContactField> = TEXT_FIELDS
            .into_iter()
            .filter(|&field| text(target, field) && !text(incoming, field))
            .collect();
        let mut notes = target.notes.clone();
        if filled.contains(&ContactField::Notes) {
            notes.clone_from(&incoming.notes);
        }
        let noted = note_set_aside(&mut notes, &mut set_aside, card.language);
        let new_phones: Vec<String> = new.iter().map(|p| p.number.clone()).collect();
        let name_before = fold_for_search(target.display_name());
        let action = if new.is_empty() && filled.is_empty() && !noted {
            CardAction::Unchanged
        } else {
            let mut merged = landings.get(at).clone();
            for key in keys.iter().flatten() {
                landings.add_number(*key, at);
            }
            merged.phones.extend(new);
            for &field in &filled {
                if field == ContactField::Notes {
                    continue;
                }
                if let (Some(value), Some(incoming)) =
                    (merged.text_mut(field), incoming.text(field))
                {
                    value.clone_from(incoming);
                }
            }
            merged.notes = notes;
            // What the merge makes must be a contact Steady accepts (say, not too many
            // numbers): refused here, with the card's line, before anything is written.
            *landings.get_mut(at) = revalidated(merged, card.line, card.language)?;
            landings.renamed(&name_before, at);
            CardAction::Update
        };
        let target = landings.get(at);
        previews.push(CardPreview {
            name: target.display_name().to_owned(),
            action,
            kind: target.kind,
            new_phones,
            filled: filled.iter().map(|field| field.path()).collect(),
            set_aside,
        });
    }
    Ok((previews, landings.into_changed()))
}

/// An import checked and planned, not written yet.
pub(crate) struct PlannedImport {
    previews: Vec<CardPreview>,
    changed: Vec<Landing>,
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

    /// What importing the cards of a vCard file will write, with `kinds` the owner left in
    /// the preview, card by card in its order: a new contact takes its card's (a contact
    /// Steady has keeps its own); a card without one keeps the guess. The first card Steady
    /// would refuse refuses the whole import. The backup before it is `transfer`'s business.
    pub(crate) fn plan_vcard_import(
        &self,
        cards: &[Card],
        kinds: &[ContactKind],
    ) -> CoreResult<PlannedImport> {
        if kinds.len() > MAX_CARDS {
            return Err(CoreError::Validation(vec![crate::error::FieldError::new(
                crate::field_paths::VcardImportField::Kinds,
                FieldProblem::TooLarge {
                    max: MAX_CARDS as u32,
                },
            )]));
        }
        let existing = self.list_contacts(&Default::default())?;
        let mut cards = cards.to_vec();
        for (card, kind) in cards.iter_mut().zip(kinds) {
            card.details.kind = *kind;
        }
        let (previews, changed) = plan(&existing, &cards)?;
        Ok(PlannedImport { previews, changed })
    }

    /// Writes a planned import in one transaction: the contacts it adds and completes.
    pub(crate) fn write_vcard_import(
        &mut self,
        planned: PlannedImport,
        at: DateTime<Utc>,
    ) -> CoreResult<VcardPreview> {
        let tx = self.conn.transaction()?;
        for (id, details) in &planned.changed {
            match id {
                None => {
                    insert_contact(&tx, None, None, details, at, at)?;
                }
                Some(id) => update_contact_in(&tx, *id, details, at)?,
            }
        }
        tx.commit()?;
        Ok(summary(planned.previews))
    }

    /// Every contact as a vCard 4.0 file.
    pub fn export_vcard(&self) -> CoreResult<String> {
        Ok(write(&self.list_contacts(&Default::default())?))
    }
}

#[cfg(test)]
mod tests;

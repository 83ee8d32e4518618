//! Checks and tidying for the free-text fields an owner types: phone numbers, email addresses,
//! web addresses and lengths. Each check returns the tidied value or the problem to show next
//! to the field.

use email_address::EmailAddress;
use unicode_normalization::UnicodeNormalization;
use url::Url;

use crate::error::{FieldError, FieldProblem};
use crate::field_paths::FieldPath;

/// Longest one-line field (names, numbers, addresses).
pub const LINE_MAX: u32 = 200;
/// Longest free-text field (notes).
pub const NOTES_MAX: u32 = 4000;
/// The longest whole notice: a one-line subject, a blank line and a body as long as notes.
pub const NOTICE_TEXT_MAX: u32 = NOTES_MAX + LINE_MAX + 2;
/// The most items any list the window sends may hold (phone numbers, checklist lines,
/// prevention actions, references to contacts or services).
pub const LIST_MAX: usize = 200;

/// Refuses a list longer than [`LIST_MAX`] before anything looks at its items.
pub fn check_list_len(field: impl FieldPath, len: usize) -> Result<(), crate::error::CoreError> {
    if len > LIST_MAX {
        return Err(crate::error::CoreError::Validation(vec![FieldError::new(
            field,
            FieldProblem::TooLarge {
                max: LIST_MAX as u32,
            },
        )]));
    }
    Ok(())
}

/// Gathers the problems of one input so all of them are shown at once; `F` names the fields
/// of the form the input comes from.
pub struct Problems<F>(Vec<FieldError>, std::marker::PhantomData<F>);

impl<F> Default for Problems<F> {
    fn default() -> Self {
        Self(Vec::new(), std::marker::PhantomData)
    }
}

impl<F: FieldPath> Problems<F> {
    pub fn add(&mut self, field: F, problem: FieldProblem) {
        self.0.push(FieldError::new(field, problem));
    }

    /// Cleans `value` as all owner text is (see [`owner_text`]), trims it, and refuses it when
    /// longer than `max` characters.
    pub fn text(&mut self, field: F, value: &str, max: u32) -> String {
        let value = owner_text(value).trim().to_owned();
        if value.chars().count() > max as usize {
            self.add(field, FieldProblem::TooLong { max });
        }
        value
    }

    /// Applies a check to a trimmed, non-empty value; empty stays empty.
    pub fn optional(
        &mut self,
        field: F,
        value: &str,
        check: impl Fn(&str) -> Result<String, FieldProblem>,
    ) -> String {
        let value = self.text(field, value, LINE_MAX);
        if value.is_empty() {
            return value;
        }
        match check(&value) {
            Ok(tidy) if tidy.chars().count() <= LINE_MAX as usize => tidy,
            // What the check adds (`https://`) must fit too: a value Steady keeps is one it
            // would keep again, read back from a file.
            Ok(_) => {
                if value.chars().count() <= LINE_MAX as usize {
                    self.add(field, FieldProblem::TooLong { max: LINE_MAX });
                }
                value
            }
            Err(problem) => {
                self.add(field, problem);
                value
            }
        }
    }

    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// The one rule for the owner's text: `text` without what nobody types on purpose and what
/// would harm the text once pasted in.
///
/// - Control characters (C0, DEL and C1: NUL, escape, bell, …) other than tab and the line
///   breaks: a NUL cuts a C string short and an escape drives a terminal, and on paper or in
///   an SMS they are nothing the owner meant.
/// - The invisible Unicode controls that force a direction on the text after them
///   (embeddings, overrides and isolates, U+202A–U+202E and U+2066–U+2069): one would show a
///   contact's name — or a notice sent to customers — backwards. Letters of right-to-left
///   languages and the plain direction marks (U+200E, U+200F) are kept: they only say which
///   way a word reads.
pub fn owner_text(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !(matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')))
        })
        .collect()
}

/// A phone number as people write it: digits with spaces, dots, dashes, brackets, a leading
/// `+`, and an optional extension. Short numbers (15, 112, 911) are allowed: they are the ones
/// that matter most in an emergency.
pub fn check_phone(value: &str) -> Result<String, FieldProblem> {
    phone_parts(value).ok_or(FieldProblem::InvalidPhone)?;
    Ok(value.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The number and its extension, when `value` is shaped as [`check_phone`] accepts.
fn phone_parts(value: &str) -> Option<(&str, Option<&str>)> {
    let (main, extension) = split_extension(value);
    let mut digits = 0;
    for (i, c) in main.chars().enumerate() {
        match c {
            '0'..='9' => digits += 1,
            '+' if i == 0 => {}
            ' ' | '.' | '-' | '(' | ')' | '/' | '\u{a0}' => {}
            _ => return None,
        }
    }
    let extension_ok =
        extension.is_none_or(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_digit()));
    ((2..=17).contains(&digits) && extension_ok).then_some((main, extension))
}

/// Numbers of this many digits or fewer, without `+`, are short codes (15, 112, 3631, 116117):
/// dialled as they are, and not checked against the country's numbering plan.
const SHORT_NUMBER_DIGITS: usize = 6;

/// Whether `number` (without its extension) is a short code, dialled as it is.
fn is_short_code(number: &str) -> bool {
    !number.starts_with('+')
        && number.chars().filter(char::is_ascii_digit).count() <= SHORT_NUMBER_DIGITS
}

/// As [`check_phone`], and then a real number of `region` (or, written with `+`, of the
/// country its code names), tidied into the form people there write it ("0123456789" →
/// "01 23 45 67 89"; "+1 212 736 5000" stays international). An extension is kept as typed.
pub fn check_phone_in(
    value: &str,
    region: phonenumber::country::Id,
) -> Result<String, FieldProblem> {
    let shaped = check_phone(value)?;
    let (main, extension) = split_extension(&shaped);
    if is_short_code(main) {
        return Ok(shaped);
    }
    let not_here = || FieldProblem::NotANumberIn {
        country: region.as_ref().to_ascii_lowercase(),
    };
    let number = phonenumber::parse(Some(region), main).map_err(|_| not_here())?;
    if !number.is_valid() {
        return Err(not_here());
    }
    let mode = if number.country().id() == Some(region) {
        phonenumber::Mode::National
    } else {
        phonenumber::Mode::International
    };
    let tidy = number.format().mode(mode).to_string();
    Ok(match extension {
        Some(_) => format!("{tidy} {}", shaped[main.len()..].trim()),
        None => tidy,
    })
}

/// The `tel:` link of a number as the owner wrote it ("01 23 45 67 89 ext. 12" →
/// `tel:0123456789;ext=12`), by the same reading as [`check_phone`]; `None` for one that is not a
/// phone number.
pub fn tel_link(number: &str) -> Option<String> {
    // Built without a copy of the number: every contact card carries one per phone.
    let (main, extension) = phone_parts(number)?;
    let mut link = String::with_capacity(number.len() + 8);
    link.push_str("tel:");
    link.extend(
        main.chars()
            .enumerate()
            .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
            .map(|(_, c)| c),
    );
    if let Some(extension) = extension {
        link.push_str(";ext=");
        link.push_str(extension);
    }
    Some(link)
}

/// The `tel:` link of a number in international form, for a phone that may be abroad or
/// roaming when it dials it ("01 42 68 53 00" in France → `tel:+33142685300`). Short codes
/// (15, 112) stay as they are, and a number the region's plan does not know keeps the owner's
/// digits ([`tel_link`]).
pub fn international_tel_link(
    number: &str,
    region: Option<phonenumber::country::Id>,
) -> Option<String> {
    let (main, extension) = phone_parts(number)?;
    if is_short_code(main) {
        return tel_link(number);
    }
    let Some(parsed) = phonenumber::parse(region, main)
        .ok()
        .filter(phonenumber::PhoneNumber::is_valid)
    else {
        return tel_link(number);
    };
    let mut link = format!("tel:{}", parsed.format().mode(phonenumber::Mode::E164));
    if let Some(extension) = extension {
        link.push_str(";ext=");
        link.push_str(extension);
    }
    Some(link)
}

fn split_extension(value: &str) -> (&str, Option<&str>) {
    // Every marker has a letter or is `#`: most numbers have neither, and are done in one
    // pass (each contact card splits every one of its numbers).
    if !value.bytes().any(|b| b.is_ascii_alphabetic() || b == b'#') {
        return (value, None);
    }
    for marker in ["ext.", "ext", "x", "poste", "#"] {
        if let Some(at) = rfind_ignoring_ascii_case(value, marker) {
            let tail = value[at + marker.len()..].trim();
            return (value[..at].trim_end(), Some(tail));
        }
    }
    (value, None)
}

/// Where the last `needle` (ASCII) starts in `haystack`, whatever the case of its letters.
fn rfind_ignoring_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&at| hay[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

pub fn check_email(value: &str) -> Result<String, FieldProblem> {
    // The crate accepts quoted and bracketed forms nobody types into a contact card; a plain
    // `name@domain.tld` is what a mail client can use.
    let plain = !value.contains(['"', '[', ']', ' ', '<', '>'])
        && value.rsplit_once('@').is_some_and(|(_, domain)| {
            domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        });
    if plain && EmailAddress::is_valid(value) {
        Ok(value.to_owned())
    } else {
        Err(FieldProblem::InvalidEmail)
    }
}

/// A web address; `example.com/outage` is taken to mean `https://example.com/outage`.
pub fn check_url(value: &str) -> Result<String, FieldProblem> {
    let candidate = if value.contains("://") {
        value.to_owned()
    } else {
        format!("https://{value}")
    };
    let url = Url::parse(&candidate).map_err(|_| FieldProblem::InvalidUrl)?;
    let host_ok = url
        .host_str()
        .is_some_and(|h| h.contains('.') || h == "localhost");
    if matches!(url.scheme(), "http" | "https") && host_ok && !value.contains(char::is_whitespace) {
        Ok(candidate)
    } else {
        Err(FieldProblem::InvalidUrl)
    }
}

/// Lower case without accents, so "electricite" finds "Électricité".
pub fn fold_for_search(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(&mut folded, text);
    folded
}

/// Appends `text` folded as [`fold_for_search`] does to `out`, so that many texts can be
/// folded into one reused buffer.
pub fn fold_into(out: &mut String, text: &str) {
    // Most names and notes are plain ASCII, where there is nothing to take apart: a contact
    // list sorted and searched by folded names stays as quick as the query that reads it.
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    out.extend(
        text.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field_paths::{BusinessField, ContactField};

    #[test]
    fn numbers_on_paper_codes_are_international() {
        use phonenumber::country::Id;
        let link = |number: &str, region| international_tel_link(number, region);
        assert_eq!(
            link("01 42 68 53 00", Some(Id::FR)).as_deref(),
            Some("tel:+33142685300")
        );
        assert_eq!(
            link("(212) 736-5000 ext. 12", Some(Id::US)).as_deref(),
            Some("tel:+12127365000;ext=12")
        );
        assert_eq!(
            link("+44 20 7946 0958", Some(Id::FR)).as_deref(),
            Some("tel:+442079460958")
        );
        // Short codes are dialled as they are, wherever the phone is.
        assert_eq!(link("15", Some(Id::FR)).as_deref(), Some("tel:15"));
        // Without a country, or not a number of it, the owner's digits are kept.
        assert_eq!(link("0142685300", None).as_deref(), Some("tel:0142685300"));
        assert_eq!(link("call me", Some(Id::FR)), None);
    }

    #[test]
    fn phones_of_the_country_are_checked_and_tidied() {
        use phonenumber::country::Id;
        let check = |input: &str, region| check_phone_in(input, region);
        assert_eq!(check("0123456789", Id::FR).as_deref(), Ok("01 23 45 67 89"));
        assert_eq!(
            check("+33 1 23 45 67 89", Id::FR).as_deref(),
            Ok("01 23 45 67 89")
        );
        assert_eq!(
            check("01 23 45 67 89 poste 12", Id::FR).as_deref(),
            Ok("01 23 45 67 89 poste 12")
        );
        // A US number is not a French one, unless written with its country code.
        let not_french = Err(FieldProblem::NotANumberIn {
            country: "fr".into(),
        });
        assert_eq!(check("(212) 736-5000", Id::FR), not_french);
        assert_eq!(
            check("+1 212 736 5000", Id::FR).as_deref(),
            Ok("+1 212-736-5000")
        );
        assert_eq!(
            check("(212) 736-5000", Id::US).as_deref(),
            Ok("(212) 736-5000")
        );
        // Short codes are dialled as they are.
        assert_eq!(check("15", Id::FR).as_deref(), Ok("15"));
        assert_eq!(check("116117", Id::FR).as_deref(), Ok("116117"));
        // Not a phone number at all is still said as such.
        assert_eq!(check("call me", Id::FR), Err(FieldProblem::InvalidPhone));
        assert_eq!(
            check("0800 123 4567", Id::GB).as_deref(),
            Ok("0800 123 4567")
        );
        assert_eq!(check("01 23 45 67", Id::FR), not_french);
    }

    #[test]
    fn owner_text_loses_control_characters_but_tabs_and_line_breaks() {
        let check = |input: &str, expected: &str| {
            let mut problems = Problems::default();
            assert_eq!(
                problems.text(ContactField::Notes, input, 80),
                expected,
                "{input:?}"
            );
            assert!(problems.into_result().is_ok());
        };
        for (input, expected) in [
            ("Corner\0 Café", "Corner Café"),
            ("\0\0\0", ""),
            (" \0 Corner Café \0", "Corner Café"),
            (
                "Bell\u{7}s and \u{1b}[31mred\u{1b}[0m",
                "Bells and [31mred[0m",
            ),
            ("back\u{8}space, delete\u{7f}", "backspace, delete"),
            ("C1\u{85} next line, \u{9b}CSI", "C1 next line, CSI"),
            ("Form\u{c}feed, vertical\u{b}tab", "Formfeed, verticaltab"),
            ("Call:\tEDF\nThen:\tOrange", "Call:\tEDF\nThen:\tOrange"),
            ("Windows\r\nlines", "Windows\r\nlines"),
            ("\u{202E}Corner Café\u{202C}", "Corner Café"),
            ("مقهى \u{200F}Ana", "مقهى \u{200F}Ana"),
            (
                "Line\u{2028}separator, zero\u{200B}width",
                "Line\u{2028}separator, zero\u{200B}width",
            ),
            ("Café ☕ 🇫🇷", "Café ☕ 🇫🇷"),
        ] {
            check(input, expected);
        }
        // The length counted is that of what is kept.
        let mut problems = Problems::default();
        assert_eq!(
            problems.text(ContactField::Notes, &"\0".repeat(100), 10),
            ""
        );
        assert!(problems.into_result().is_ok());
    }

    #[test]
    fn text_loses_the_controls_that_reorder_it_and_keeps_the_letters() {
        let mut problems = Problems::default();
        assert_eq!(
            problems.text(BusinessField::Name, " \u{202E}Corner Café\u{202C} ", 80),
            "Corner Café"
        );
        assert_eq!(
            problems.text(BusinessField::Name, "\u{2067}مقهى\u{2069} \u{200F}Ana", 80),
            "مقهى \u{200F}Ana"
        );
        assert!(problems.into_result().is_ok());
    }

    #[test]
    fn phones() {
        let check = |input: &str, expected: Option<&str>| {
            assert_eq!(check_phone(input).ok().as_deref(), expected, "{input:?}");
        };
        check("+33 1 23 45 67 89", Some("+33 1 23 45 67 89"));
        check("01.23.45.67.89", Some("01.23.45.67.89"));
        check("(555) 123-4567", Some("(555) 123-4567"));
        check("555-123-4567 ext. 12", Some("555-123-4567 ext. 12"));
        check("0800  123   456", Some("0800 123 456"));
        check("15", Some("15"));
        check("112", Some("112"));
        check("5", None);
        check("call me", None);
        check("555-CALL-NOW", None);
        check("12+34", None);
        check("+33 1 23 45 67 89 ext", None);
        check("123456789012345678", None);
        check("555 123 x12a", None);
    }

    #[test]
    fn tel_links() {
        let check = |input: &str, expected: Option<&str>| {
            assert_eq!(tel_link(input).as_deref(), expected, "{input:?}");
        };
        check("01 23 45 67 89", Some("tel:0123456789"));
        check("+33 1 23 45 67 89", Some("tel:+33123456789"));
        check("(555) 123-4567 ext. 12", Some("tel:5551234567;ext=12"));
        check("0800 123 456 poste 4", Some("tel:0800123456;ext=4"));
        check("15", Some("tel:15"));
        check("call me", None);
        // Every link the core makes passes what `open_link` lets through.
        for number in ["+33 1 23 45 67 89", "555-123-4567 x 9", "112"] {
            let link = tel_link(number).unwrap();
            assert_eq!(
                crate::links::safe_link(&link).as_deref(),
                Some(link.as_str())
            );
        }
    }

    #[test]
    fn emails() {
        let check = |input: &str, ok: bool| {
            assert_eq!(check_email(input).is_ok(), ok, "{input:?}");
        };
        check("support@fibre-net.fr", true);
        check("a.b+outage@example.co.uk", true);
        check("support@", false);
        check("support", false);
        check("support@localhost", false);
        check("sup port@example.com", false);
        check("\"x\"@example.com", false);
        check("a@b.", false);
    }

    #[test]
    fn urls() {
        let check = |input: &str, expected: Option<&str>| {
            assert_eq!(check_url(input).ok().as_deref(), expected, "{input:?}");
        };
        check(
            "https://status.example.com",
            Some("https://status.example.com"),
        );
        check("example.com/outage", Some("https://example.com/outage"));
        check("http://edf.fr/panne", Some("http://edf.fr/panne"));
        check("ftp://example.com", None);
        check("javascript:alert(1)", None);
        check("not a url", None);
        check("nodot", None);
        check("https://", None);
    }

    #[test]
    fn a_tidied_value_is_kept_only_if_it_would_be_kept_again() {
        // 195 characters: under the limit as written, over it once `https://` is added.
        let long = format!("example.com/{}", "a".repeat(183));
        let mut problems = Problems::default();
        problems.optional(ContactField::Website, &long, check_url);
        assert_eq!(
            problems.into_result().map_err(|e| e[0].problem.clone()),
            Err(FieldProblem::TooLong { max: LINE_MAX })
        );
        let fits = format!("example.com/{}", "a".repeat(180));
        let mut problems = Problems::default();
        let tidy = problems.optional(ContactField::Website, &fits, check_url);
        assert!(problems.into_result().is_ok());
        let mut again = Problems::default();
        assert_eq!(
            again.optional(ContactField::Website, &tidy, check_url),
            tidy
        );
        assert!(again.into_result().is_ok());
    }

    #[test]
    fn search_folding() {
        assert_eq!(
            fold_for_search("Électricité de FRANCE"),
            "electricite de france"
        );
        assert_eq!(fold_for_search("Ça"), "ca");
    }

    proptest::proptest! {
        /// The extension is found where a lower-cased copy would have found it.
        #[test]
        fn extensions_are_found_without_a_lower_cased_copy(text in "[0-9 xXtTeE.#éÉ+-]{0,24}(poste|POSTE|ext|Ext.)?[0-9 ]{0,4}") {
            let lower = text.to_ascii_lowercase();
            let copied = ["ext.", "ext", "x", "poste", "#"].iter().find_map(|marker| {
                lower.rfind(marker).map(|at| {
                    (text[..at].trim_end(), Some(text[at + marker.len()..].trim()))
                })
            });
            proptest::prop_assert_eq!(split_extension(&text), copied.unwrap_or((&text, None)));
        }

        /// The plain-ASCII shortcut folds exactly as the whole decomposition does.
        #[test]
        fn ascii_folding_takes_a_shortcut_to_the_same_place(text in "[ -~]{0,40}") {
            let whole: String = text
                .nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect();
            proptest::prop_assert_eq!(fold_for_search(&text), whole);
        }
    }
}

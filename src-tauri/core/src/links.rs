//! Links Steady hands to the system (the browser, the mail app, the phone app). What the
//! window asks to open is parsed and rebuilt here, never passed on as it came: only web pages,
//! a plain mail address and a phone number can leave, with nothing smuggled around them (no
//! `file:`, no credentials in a web address, no `?attach=` or `?bcc=` on a `mailto:`).

use url::Url;

use crate::fields::{check_email, LINE_MAX, NOTICE_TEXT_MAX};

/// The link to hand to the system for `raw`, rebuilt from its parsed parts, or `None`.
pub fn safe_link(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.len() > 2048 {
        return None;
    }
    let url = Url::parse(raw).ok()?;
    match url.scheme() {
        "http" | "https" => {
            let host = url.host_str()?;
            let credentials = !url.username().is_empty() || url.password().is_some();
            (!host.is_empty() && !credentials).then(|| url.to_string())
        }
        "mailto" => mailto_link(&percent_decode(url.path())?),
        "tel" => {
            let (number, extension) = match url.path().split_once(";ext=") {
                Some((number, extension)) => (number, Some(extension)),
                None => (url.path(), None),
            };
            let mut digits = String::new();
            for (i, c) in percent_decode(number)?.chars().enumerate() {
                match c {
                    '0'..='9' => digits.push(c),
                    '+' if i == 0 => digits.push(c),
                    '-' | '.' | '(' | ')' | ' ' => {}
                    _ => return None,
                }
            }
            let count = digits.chars().filter(char::is_ascii_digit).count();
            if !(2..=17).contains(&count) {
                return None;
            }
            match extension {
                Some(ext)
                    if !ext.is_empty()
                        && ext.len() <= 8
                        && ext.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    Some(format!("tel:{digits};ext={ext}"))
                }
                Some(_) => None,
                None => Some(format!("tel:{digits}")),
            }
        }
        _ => None,
    }
}

/// The `mailto:` link of an address the owner wrote, or `None` when it is not one.
pub fn mailto_link(address: &str) -> Option<String> {
    let address = check_email(address).ok().filter(|a| !a.is_empty())?;
    Some(format!("mailto:{}", percent_encode(&address)))
}

/// A `mailto:` with no recipient, only a notice's subject and body: the owner picks who gets
/// it in the mail app. `None` when either is longer than a notice can be.
pub fn draft_mail_link(subject: &str, body: &str) -> Option<String> {
    let too_long = |text: &str, max: u32| text.chars().count() > max as usize;
    if too_long(subject, LINE_MAX) || too_long(body, NOTICE_TEXT_MAX) {
        return None;
    }
    Some(format!(
        "mailto:?subject={}&body={}",
        query_encode(subject),
        query_encode(body)
    ))
}

/// Encodes all but the unreserved characters, for a value in a query (RFC 3986, 6068).
fn query_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Encodes everything but the characters a plain address needs.
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"@.-_+".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{draft_mail_link, safe_link};

    #[test]
    fn a_notice_goes_to_the_mail_app_with_no_recipient() {
        // What the composer asked to open before: refused, since it names nobody.
        assert_eq!(safe_link("mailto:?subject=Closed&body=Sorry"), None);
        assert_eq!(
            draft_mail_link("Closed today", "Power cut.\nBack at 2 pm & sorry + thanks").as_deref(),
            Some("mailto:?subject=Closed%20today&body=Power%20cut.%0ABack%20at%202%20pm%20%26%20sorry%20%2B%20thanks")
        );
        let long = "x".repeat(crate::fields::NOTICE_TEXT_MAX as usize + 1);
        assert_eq!(draft_mail_link("s", &long), None);
    }

    #[test]
    fn links_are_rebuilt_or_refused() {
        let check = |raw: &str, expected: Option<&str>| {
            assert_eq!(safe_link(raw).as_deref(), expected, "{raw:?}");
        };
        check("https://example.fr/panne", Some("https://example.fr/panne"));
        check("http://edf.fr", Some("http://edf.fr/"));
        check("https://user:pw@evil.example/", None);
        check("https://", None);
        check("file:///etc/passwd", None);
        check("javascript:alert(1)", None);
        check("steady-print://x", None);
        check(
            "mailto:support@fibre-net.fr",
            Some("mailto:support@fibre-net.fr"),
        );
        check(
            "mailto:support@fibre-net.fr?attach=/home/ana/.ssh/id_rsa",
            Some("mailto:support@fibre-net.fr"),
        );
        check("mailto:a@b.fr,c@d.fr", None);
        check("mailto:not-an-address", None);
        check("tel:0123456789", Some("tel:0123456789"));
        check("tel:+33123456789;ext=12", Some("tel:+33123456789;ext=12"));
        check(
            "tel:+33123456789;ext=12?x=1",
            Some("tel:+33123456789;ext=12"),
        );
        check("tel:01%2023%2045", Some("tel:012345"));
        check("tel:123abc", None);
        check("tel:5", None);
        check(&format!("https://example.fr/{}", "a".repeat(3000)), None);
    }
}

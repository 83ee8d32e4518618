//! The text lines vCard (RFC 6350) and iCalendar (RFC 5545) share: a value's text escaped,
//! and a content line folded at 75 octets with CRLF endings.

/// Text as a property value holds it: backslashes, commas, semicolons and line breaks
/// escaped; a carriage return dropped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `line` folded at 75 bytes (never inside a character), with its CRLF ending.
pub(crate) fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

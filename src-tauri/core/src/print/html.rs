//! Writing a printed document: text from the owner is always escaped, and the document is a
//! list of blocks that the paginator keeps whole on one page.

use super::words::Words;
use super::Paper;
use crate::business::Language;
use crate::qr::QrImage;

/// `text` made safe for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A paragraph of the owner's text, line breaks kept.
pub fn para(text: &str) -> String {
    format!("<p class=\"pre\">{}</p>", esc(text))
}

/// "Label: value" ("Libellé : valeur"), the value being the owner's text.
pub fn field(w: &Words, label: &str, value: &str) -> String {
    format!(
        "<p><span class=\"label\">{}{}</span> {}</p>",
        esc(label),
        w.colon,
        esc(value)
    )
}

/// A line with an empty box to tick by hand.
pub fn tick(text: &str) -> String {
    format!("<p class=\"tick pre\">{}</p>", esc(text))
}

/// The blocks of a document, in order.
#[derive(Default)]
pub struct Doc {
    body: String,
}

impl Doc {
    /// A heading kept on the same page as what follows it; `new_page` starts a page with it.
    pub fn heading(&mut self, level: u8, text: &str, new_page: bool) {
        let class = if new_page {
            "block keep-with-next new-page"
        } else {
            "block keep-with-next"
        };
        self.body.push_str(&format!(
            "<div class=\"{class}\"><h{level}>{}</h{level}></div>\n",
            esc(text)
        ));
    }

    /// A block of already escaped HTML, never split across pages.
    pub fn block(&mut self, html: &str) {
        self.block_with("", html);
    }

    /// A block with extra classes (`box`, `keep-with-next`, `new-page`).
    pub fn block_with(&mut self, classes: &str, html: &str) {
        let classes = format!("block {classes}");
        self.body
            .push_str(&format!("<div class=\"{}\">{html}</div>\n", classes.trim()));
    }

    /// The whole page: `head` runs atop every page, `foot` at the bottom with the page number.
    pub fn finish(self, page: &PageSetup<'_>) -> String {
        let paper = match page.paper {
            Paper::A4 => "paper-a4",
            Paper::Letter => "paper-letter",
        };
        let size = match page.paper {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        };
        format!(
            "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{head}</title>\n<style>\n@page {{ size: {size}; }}\n{css}</style>\n</head>\n\
             <body class=\"{paper}\" data-head=\"{head}\" data-foot=\"{foot}\" \
             data-page-label=\"{label}\">\n<main id=\"flow\">\n{body}</main>\n\
             <script src=\"paginate.js\"></script>\n</body>\n</html>\n",
            lang = page.language.as_str(),
            css = super::PRINT_CSS,
            head = esc(page.head),
            foot = esc(page.foot),
            label = esc(page.page_label),
            body = self.body,
        )
    }
}

/// What every page of a document shows around its content.
pub struct PageSetup<'a> {
    pub language: Language,
    pub paper: Paper,
    pub head: &'a str,
    pub foot: &'a str,
    pub page_label: &'a str,
}

/// A QR code as an inline SVG element, black on white; its size on paper
/// ([`QrImage::paper_mm`]) is handed to the style sheet as `--qr`. `label` names what it holds
/// for a screen reader.
pub fn qr_svg(code: &QrImage, label: &str) -> String {
    format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {s} {s}\" \
         style=\"--qr: {mm}mm\" shape-rendering=\"crispEdges\" role=\"img\" \
         aria-label=\"{label}\"><rect width=\"{s}\" height=\"{s}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>",
        s = code.size,
        mm = code.paper_mm(),
        path = code.path,
        label = esc(label),
    )
}

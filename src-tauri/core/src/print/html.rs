//! Writing a printed document safe by construction: a page is built of [`Html`], and owner
//! text can only become `Html` escaped. The document is a list of blocks that the paginator
//! keeps whole on one page.
//!
//! Why a type rather than care: a renderer writes a hundred values into markup, and one
//! `format!` that forgot to escape would let a contact's name close an attribute and open an
//! element on paper or in the pocket plan the owner opens in a browser. `Html` has no way in
//! from a runtime `String`: [`Html::text`] escapes, [`markup!`] takes only a string literal
//! as its template and only `Html` for its holes, so an unescaped value is a type error
//! (`expected &Html, found &String`), not a finding in review.

use super::words::Words;
use super::Paper;
use crate::business::Language;
use crate::qr::QrImage;

/// A piece of HTML safe to write into a page: markup from the source, owner text escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Html(String);

impl Html {
    /// Owner text (or any text) made safe for element content and attribute values.
    pub fn text(text: &str) -> Self {
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
        Self(out)
    }

    /// Markup kept in the source whole, such as a style sheet read with `include_str!`. Only
    /// for constants of this crate: never for words or anything read at run time (those go
    /// through [`Html::text`]).
    pub fn from_source(markup: &'static str) -> Self {
        Self(markup.to_owned())
    }

    /// A template written as a string literal, its `{}` holes filled in order; call it
    /// through [`markup!`], which checks the literal and counts the holes when compiling.
    #[doc(hidden)]
    pub fn fill(template: &'static str, parts: &[&Html]) -> Self {
        let mut out = String::with_capacity(template.len());
        let mut parts = parts.iter();
        let mut pieces = template.split("{}");
        if let Some(first) = pieces.next() {
            out.push_str(first);
        }
        for piece in pieces {
            if let Some(part) = parts.next() {
                out.push_str(&part.0);
            }
            out.push_str(piece);
        }
        Self(out)
    }

    /// `more` after this.
    pub fn push(&mut self, more: Html) {
        self.0.push_str(&more.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The parts one after the other, `separator` between them.
    pub fn join(parts: impl IntoIterator<Item = Html>, separator: Html) -> Self {
        let mut out = Self::default();
        for (n, part) in parts.into_iter().enumerate() {
            if n > 0 {
                out.push(separator.clone());
            }
            out.push(part);
        }
        out
    }

    /// The finished page's text.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl FromIterator<Html> for Html {
    fn from_iter<I: IntoIterator<Item = Html>>(parts: I) -> Self {
        let mut out = Self::default();
        for part in parts {
            out.push(part);
        }
        out
    }
}

/// How many `{}` holes a template has (for [`markup!`]'s check when compiling).
#[doc(hidden)]
pub(crate) const fn holes(template: &str) -> usize {
    let bytes = template.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && bytes[i + 1] == b'}' {
            count += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    count
}

/// `markup!("<p class=\"x\">{}</p>", part)`: markup from a string literal whose `{}` holes
/// take [`Html`] values only (owner text goes in as `Html::text(…)`). A template that is not
/// a literal, a hole without its part or a part without its hole does not compile.
macro_rules! markup {
    ($template:literal $(, $part:expr)* $(,)?) => {{
        const _: () = assert!(
            $crate::print::html::holes($template)
                == <[&str]>::len(&[$(stringify!($part)),*]),
            "markup!: one part for each hole of the template"
        );
        $crate::print::html::Html::fill($template, &[$(&$part),*])
    }};
}
pub(crate) use markup;

/// A paragraph of the owner's text, line breaks kept.
pub(crate) fn para(text: &str) -> Html {
    markup!("<p class=\"pre\">{}</p>", Html::text(text))
}

/// "Label: value" ("Libellé : valeur"), the value being the owner's text.
pub(crate) fn field(w: &Words, label: &str, value: &str) -> Html {
    markup!(
        "<p><span class=\"label\">{}{}</span> {}</p>",
        Html::text(label),
        Html::text(w.colon),
        Html::text(value)
    )
}

/// A line with an empty box to tick by hand.
pub(crate) fn tick(text: &str) -> Html {
    markup!("<p class=\"tick pre\">{}</p>", Html::text(text))
}

/// A paragraph of words ("<p>No contacts yet.</p>").
pub(crate) fn p(text: &str) -> Html {
    markup!("<p>{}</p>", Html::text(text))
}

/// The blocks of a document, in order.
#[derive(Default)]
pub(crate) struct Doc {
    body: Html,
}

impl Doc {
    /// A heading kept on the same page as what follows it; `new_page` starts a page with it.
    pub fn heading(&mut self, level: u8, text: &str, new_page: bool) {
        let class = if new_page {
            markup!("block keep-with-next new-page")
        } else {
            markup!("block keep-with-next")
        };
        let level = Html::text(&level.to_string());
        self.body.push(markup!(
            "<div class=\"{}\"><h{}>{}</h{}></div>\n",
            class,
            level,
            Html::text(text),
            level
        ));
    }

    /// A block, never split across pages.
    pub fn block(&mut self, html: Html) {
        self.block_with("", html);
    }

    /// A block with extra classes (`box`, `keep-with-next`, `new-page`).
    pub fn block_with(&mut self, classes: &'static str, html: Html) {
        let classes = format!("block {classes}");
        self.body.push(markup!(
            "<div class=\"{}\">{}</div>\n",
            Html::text(classes.trim()),
            html
        ));
    }

    /// The whole page: `head` runs atop every page, `foot` at the bottom with the page number.
    pub fn finish(self, page: &PageSetup<'_>) -> String {
        let paper = match page.paper {
            Paper::A4 => markup!("paper-a4"),
            Paper::Letter => markup!("paper-letter"),
        };
        let size = match page.paper {
            Paper::A4 => markup!("A4"),
            Paper::Letter => markup!("letter"),
        };
        let head = Html::text(page.head);
        let paper = if page.layout.is_empty() {
            paper
        } else {
            markup!("{} {}", paper, Html::text(page.layout))
        };
        markup!(
            "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{}</title>\n<style>\n@page { size: {}; }\n{}</style>\n</head>\n\
             <body class=\"{}\" data-head=\"{}\" data-foot=\"{}\" \
             data-page-label=\"{}\">\n<main id=\"flow\">\n{}</main>\n\
             <script src=\"paginate.js\"></script>\n</body>\n</html>\n",
            Html::text(page.language.as_str()),
            head,
            size,
            Html::from_source(super::PRINT_CSS),
            paper,
            head,
            Html::text(page.foot),
            Html::text(page.page_label),
            self.body,
        )
        .into_string()
    }
}

/// What every page of a document shows around its content.
pub(crate) struct PageSetup<'a> {
    pub language: Language,
    pub paper: Paper,
    pub head: &'a str,
    pub foot: &'a str,
    pub page_label: &'a str,
    /// A class for the page's own sheet layout (`role-cards`), or empty.
    pub layout: &'static str,
}

/// A QR code as an inline SVG element, black on white; its size on paper
/// ([`QrImage::paper_mm`]) is handed to the style sheet as `--qr`. `label` names what it holds
/// for a screen reader.
pub(crate) fn qr_svg(code: &QrImage, label: &str) -> Html {
    let size = Html::text(&code.size.to_string());
    markup!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" \
         style=\"--qr: {}mm\" shape-rendering=\"crispEdges\" role=\"img\" \
         aria-label=\"{}\"><rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>\
         <path d=\"{}\" fill=\"#000\"/></svg>",
        size,
        size,
        Html::text(&code.paper_mm().to_string()),
        Html::text(label),
        size,
        size,
        Html::text(&code.path),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_markup_fills_its_holes_in_order() {
        assert_eq!(
            Html::text("<a href=\"x\">O'Neil & Co</a>").into_string(),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; Co&lt;/a&gt;"
        );
        let html = markup!(
            "<p title=\"{}\">{}{}</p>",
            Html::text("\"><img>"),
            Html::text("a"),
            markup!("<br>")
        );
        assert_eq!(
            html.into_string(),
            "<p title=\"&quot;&gt;&lt;img&gt;\">a<br></p>"
        );
        assert_eq!(holes("@page { size: {}; } {}"), 2);
        assert_eq!(
            Html::join([Html::text("1"), Html::text("<2>")], markup!(" · ")).into_string(),
            "1 · &lt;2&gt;"
        );
    }
}

//! A door sign: the owner's notice for the door channel, printed large enough to read from the
//! pavement — its first line as the headline, the rest below. The text is the owner's, as
//! they left it in the composer (escaped like every other text on paper).

use super::html::{markup, Doc, Html};
use super::{Context, Printout};
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::field_paths::DoorSignField;
use crate::fields::{Problems, NOTES_MAX};

pub(super) fn render(cx: &Context<'_>, text: Option<&str>) -> CoreResult<Printout> {
    let mut p = Problems::default();
    let text = p.text(DoorSignField::Text, text.unwrap_or_default(), NOTES_MAX);
    if text.is_empty() {
        p.add(DoorSignField::Text, FieldProblem::Required);
    }
    p.into_result().map_err(CoreError::Validation)?;
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let headline = lines.next().unwrap_or_default();
    let mut html = markup!("<h1 class=\"door-headline\">{}</h1>", Html::text(headline));
    for line in lines {
        html.push(markup!("<p class=\"door-line\">{}</p>", Html::text(line)));
    }
    let mut doc = Doc::default();
    doc.block_with("door-sign", html);
    Ok(cx.finish(doc, cx.words.door_sign_title))
}

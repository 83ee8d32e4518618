//! The one-page emergency card to pin on the wall: the numbers that matter most, the
//! assembly point and the first three steps.

use std::collections::HashMap;

use super::binder::{assembly_point, codes_for, phones_with_codes};
use super::emergency_line;
use super::html::{field, markup, qr_svg, Doc, Html};
use super::{Context, Printout};
use crate::business::Country;
use crate::contacts::{vcard, Contact, ContactFilter, ContactKind};
use crate::error::CoreResult;
use crate::plan::health::stand_ins;
use crate::plan::services::Priority;
use crate::qr::QrImage;
use crate::store::Store;

/// How many numbers the card lists.
pub const CARD_NUMBERS: usize = 5;

/// The contacts worth a place on the card, most important first: emergency services, the
/// providers of the most important services, the other utilities and providers, the call
/// tree in its order, then anyone else with a number. A provider whose number is not written
/// down yet still gets its line, with a blank to write the number in by hand — unless
/// another contact of its kind has a number: that one takes its place and its rank (the
/// starter plan's "Electricity supplier" beside the power company the owner added).
pub(crate) fn card_contacts(store: &Store) -> CoreResult<Vec<Contact>> {
    let contacts = store.list_contacts(&ContactFilter::default())?;
    let services = store.list_services()?;
    let stood_in: HashMap<i64, i64> = stand_ins(&contacts, &services)
        .iter()
        .map(|s| (s.placeholder.id, s.contact.id))
        .collect();
    let mut rank: HashMap<i64, u8> = HashMap::new();
    for service in &services {
        let level = match service.details.priority {
            Priority::Essential => 1,
            Priority::Important => 2,
            Priority::CanWait => 3,
        };
        let linked = service.details.contact_ids.iter().chain(
            service
                .workarounds
                .iter()
                .flat_map(|w| w.details.contact_ids.iter()),
        );
        for id in linked {
            let id = stood_in.get(id).unwrap_or(id);
            let entry = rank.entry(*id).or_insert(level);
            *entry = (*entry).min(level);
        }
    }
    let call_tree: Vec<i64> = store
        .safety_plan()?
        .details
        .call_tree
        .iter()
        .map(|entry| entry.contact_id)
        .collect();
    let mut ranked: Vec<(u8, bool, usize, Contact)> = contacts
        .into_iter()
        .filter(|contact| !stood_in.contains_key(&contact.id))
        .map(|contact| {
            let in_tree = call_tree.iter().position(|id| *id == contact.id);
            let linked = rank.get(&contact.id).copied();
            let level = match (contact.details.kind, linked) {
                (ContactKind::Emergency, _) => 0,
                (_, Some(level)) => level,
                (
                    ContactKind::PowerUtility
                    | ContactKind::InternetProvider
                    | ContactKind::PhoneProvider
                    | ContactKind::CardPayments,
                    None,
                ) => 4,
                _ if in_tree.is_some() => 5,
                _ => 6,
            };
            let no_phone = contact.details.phones.is_empty();
            (level, no_phone, in_tree.unwrap_or(usize::MAX), contact)
        })
        // Without a number, only a provider gets a line (with a blank to write it in); an
        // emergency service without one is covered by the general emergency line.
        .filter(|(level, no_phone, _, _)| !*no_phone || (1..5).contains(level))
        .collect();
    // A stable sort: equal ranks stay in name order, those with a number first.
    ranked.sort_by_key(|(level, no_phone, order, _)| (*level, *no_phone, *order));
    Ok(ranked
        .into_iter()
        .take(CARD_NUMBERS)
        .map(|(_, _, _, contact)| contact)
        .collect())
}

pub(super) fn render(store: &Store, cx: &Context<'_>) -> CoreResult<Printout> {
    let w = cx.words;
    let contacts = card_contacts(store)?;
    let safety = store.safety_plan()?.details;
    let mut doc = Doc::default();
    title(cx, &mut doc, &contacts);
    numbers(cx, &mut doc, &contacts);
    doc.heading(2, w.assembly_point, false);
    assembly_point(w, &mut doc, &safety.assembly_point);
    first_steps(cx, &mut doc);
    Ok(cx.finish(doc, w.card_title))
}

/// The business and the card's title, with one code beside it that holds every number on the
/// card, so the card stays one page; with too many long names for one code, the numbers' own
/// codes remain.
fn title(cx: &Context<'_>, doc: &mut Doc, contacts: &[Contact]) {
    let w = cx.words;
    let with_numbers: Vec<Contact> = contacts
        .iter()
        .filter(|c| !c.details.phones.is_empty())
        .cloned()
        .collect();
    let region = cx.business.country.and_then(Country::phone_region);
    let all_contacts = (cx.codes && !with_numbers.is_empty())
        .then(|| QrImage::for_paper(&vcard::write_for_phone(&with_numbers, region)))
        .flatten();
    let mut title = markup!(
        "<div><h1>{}</h1><p class=\"cover-title\">{}</p>",
        Html::text(&cx.business.name),
        Html::text(w.card_title)
    );
    if with_numbers.is_empty() {
        title.push(markup!("</div>"));
    } else {
        title.push(markup!("<p class=\"scan\">{}", Html::text(w.scan_to_call)));
        if all_contacts.is_some() {
            title.push(markup!(" {}", Html::text(w.scan_all_contacts)));
        }
        title.push(markup!("</p></div>"));
    }
    if let Some(code) = &all_contacts {
        title.push(qr_svg(code, w.scan_all_contacts));
    }
    doc.block_with("card-title with-codes", title);
}

/// The numbers that matter most, the country's emergency numbers first when the plan lists
/// none of its own.
fn numbers(cx: &Context<'_>, doc: &mut Doc, contacts: &[Contact]) {
    let w = cx.words;
    doc.heading(2, w.card_numbers, false);
    if let Some(line) = emergency_line(cx, contacts) {
        doc.block_with("card-number", line);
    }
    for contact in contacts {
        let d = &contact.details;
        if d.kind == ContactKind::Emergency && d.phones.len() > 1 {
            // Its numbers on one line: in France the four would otherwise take four lines of
            // the card's few.
            doc.block_with("card-number", numbers_on_one_line(cx, contact));
            continue;
        }
        let mut html = markup!(
            "<p><span class=\"label\">{}</span> ({})</p>{}",
            Html::text(d.display_name()),
            Html::text(w.kind(d.kind)),
            phones_with_codes(cx, contact)
        );
        if !d.account_number.is_empty() {
            html.push(field(w, w.account_number, cx.sensitive(&d.account_number)));
        }
        if !d.customer_id.is_empty() {
            html.push(field(w, w.customer_id, cx.sensitive(&d.customer_id)));
        }
        doc.block_with("card-number", html);
    }
}

/// The first things to do, numbered.
fn first_steps(cx: &Context<'_>, doc: &mut Doc) {
    let w = cx.words;
    doc.heading(2, w.card_first_steps, false);
    let steps: Html = w
        .card_first
        .iter()
        .map(|step| markup!("<li>{}</li>", Html::text(step)))
        .collect();
    doc.block(markup!("<ol class=\"card-steps\">{}</ol>", steps));
}

/// An emergency contact's numbers as one line ("Emergency services: 112 · Ambulance: 15 · …"),
/// with a code to call each beside it.
fn numbers_on_one_line(cx: &Context<'_>, contact: &Contact) -> Html {
    let w = cx.words;
    let numbers = contact.details.phones.iter().map(|phone| {
        let label = if phone.label.is_empty() {
            contact.details.display_name()
        } else {
            &phone.label
        };
        markup!(
            "{}{} <span class=\"phone\">{}</span>",
            Html::text(label),
            Html::text(w.colon),
            Html::text(&phone.number)
        )
    });
    let line = markup!("<p>{}</p>", Html::join(numbers, markup!(" · ")));
    match codes_for(cx, contact) {
        Some(codes) => markup!(
            "<div class=\"with-codes\"><div>{}</div><div class=\"codes\">{}</div></div>",
            line,
            codes
        ),
        None => line,
    }
}

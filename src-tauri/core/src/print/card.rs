//! The one-page emergency card to pin on the wall: the numbers that matter most, the
//! assembly point and the first three steps.

use std::collections::HashMap;

use super::binder::{assembly_point, codes_for, phones_with_codes};
use super::emergency_line;
use super::html::{esc, field, qr_svg, Doc};
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
    // Every number on the card in one code, at the top beside the title so the card stays
    // one page; with too many long names for one code, the numbers' own codes remain.
    let with_numbers: Vec<Contact> = contacts
        .iter()
        .filter(|c| !c.details.phones.is_empty())
        .cloned()
        .collect();
    let region = cx.business.country.and_then(Country::phone_region);
    let all_contacts = (cx.codes && !with_numbers.is_empty())
        .then(|| QrImage::for_paper(&vcard::write_for_phone(&with_numbers, region)))
        .flatten();
    let mut title = format!(
        "<div><h1>{}</h1><p class=\"cover-title\">{}</p>",
        esc(&cx.business.name),
        esc(w.card_title)
    );
    if with_numbers.is_empty() {
        title.push_str("</div>");
    } else {
        title.push_str(&format!("<p class=\"scan\">{}", esc(w.scan_to_call)));
        if all_contacts.is_some() {
            title.push_str(&format!(" {}", esc(w.scan_all_contacts)));
        }
        title.push_str("</p></div>");
    }
    if let Some(code) = &all_contacts {
        title.push_str(&qr_svg(code, w.scan_all_contacts));
    }
    let mut doc = Doc::default();
    doc.block_with("card-title with-codes", &title);
    doc.heading(2, w.card_numbers, false);
    if let Some(line) = emergency_line(cx, &contacts) {
        doc.block_with("card-number", &line);
    }
    for contact in &contacts {
        let d = &contact.details;
        if d.kind == ContactKind::Emergency && d.phones.len() > 1 {
            // Its numbers on one line: in France the four would otherwise take four lines of
            // the card's few.
            doc.block_with("card-number", &numbers_on_one_line(cx, contact));
            continue;
        }
        let mut html = format!(
            "<p><span class=\"label\">{}</span> ({})</p>{}",
            esc(d.display_name()),
            esc(w.kind(d.kind)),
            phones_with_codes(cx, contact)
        );
        if !d.account_number.is_empty() {
            html.push_str(&field(w, w.account_number, cx.sensitive(&d.account_number)));
        }
        if !d.customer_id.is_empty() {
            html.push_str(&field(w, w.customer_id, cx.sensitive(&d.customer_id)));
        }
        doc.block_with("card-number", &html);
    }
    doc.heading(2, w.assembly_point, false);
    assembly_point(w, &mut doc, &safety.assembly_point);
    doc.heading(2, w.card_first_steps, false);
    let steps: String = w
        .card_first
        .iter()
        .map(|step| format!("<li>{}</li>", esc(step)))
        .collect();
    doc.block(&format!("<ol class=\"card-steps\">{steps}</ol>"));
    Ok(cx.finish(doc, w.card_title))
}

/// An emergency contact's numbers as one line ("Emergency services: 112 · Ambulance: 15 · …"),
/// with a code to call each beside it.
fn numbers_on_one_line(cx: &Context<'_>, contact: &Contact) -> String {
    let w = cx.words;
    let numbers: Vec<String> = contact
        .details
        .phones
        .iter()
        .map(|phone| {
            let label = if phone.label.is_empty() {
                contact.details.display_name()
            } else {
                &phone.label
            };
            format!(
                "{}{} <span class=\"phone\">{}</span>",
                esc(label),
                w.colon,
                esc(&phone.number)
            )
        })
        .collect();
    let line = format!("<p>{}</p>", numbers.join(" · "));
    match codes_for(cx, contact) {
        Some(codes) => format!(
            "<div class=\"with-codes\"><div>{line}</div><div class=\"codes\">{codes}</div></div>"
        ),
        None => line,
    }
}

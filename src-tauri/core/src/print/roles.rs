//! Role cards: one card for each member of staff who holds or stands in for a role, four to a
//! page with dashed lines to cut along. Each says, in the person's language: their name and
//! roles, the first three things they do, the numbers they need, the assembly point, whom to
//! call when the owner cannot be reached, and a code that calls the owner. The same cards are
//! in the pocket plan ([`role_cards`]); the binder's "Who does what" page lists every role.
//!
//! A card is a fixed piece of paper, so what it carries is bounded here rather than left to
//! the layout: at most [`CARD_STEPS`] steps of [`STEP_CHARS`] characters, at most
//! [`NUMBER_LINES`] lines of numbers, and "+ n more in the binder" for the rest (the end-to-end
//! test prints the largest card on A4 and Letter and checks it stays on its page).

use std::collections::HashMap;

use super::html::{field, markup, p, qr_svg, tick, Doc, Html};
use super::{Context, Printout};
use crate::business::{Business, Country, Language};
use crate::contacts::{Contact, ContactFilter};
use crate::error::CoreResult;
use crate::fields::international_tel_link;
use crate::qr::QrImage;
use crate::store::Store;
use crate::team::{role_title, Role, RoleKind, Team};

/// How many cards a sheet holds.
pub const CARDS_PER_PAGE: usize = 4;
/// The first steps a card lists, and the characters each may take (two lines of the card).
pub const CARD_STEPS: usize = 3;
pub const STEP_CHARS: usize = 72;
/// Lines of numbers on a card: a contact's name and number take one, an account number or a
/// customer ID one more each.
pub const NUMBER_LINES: usize = 5;
/// The characters a name may take on a card (a person's, a contact's beside its number, the
/// owner's under the code, the assembly point).
pub const NAME_CHARS: usize = 44;
pub const CONTACT_CHARS: usize = 24;
/// The owner's name under the code, and the deputy's in the line beside it.
pub const OWNER_CHARS: usize = 26;
pub const DEPUTY_CHARS: usize = 30;
pub const PLACE_CHARS: usize = 60;
/// The role names on the card's head, the rest counted ("+ 1").
const CARD_ROLES: usize = 3;

/// One number on a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CardNumber {
    pub name: String,
    /// The contact's first number; `None` leaves a blank to write it in.
    pub number: Option<String>,
    /// Its `tel:` link, for the pocket plan.
    pub tel: Option<String>,
    /// Shown only where the role that names the contact calls providers, the person's card
    /// may carry them, and the document carries them at all.
    pub account_number: String,
    pub customer_id: String,
}

impl CardNumber {
    fn lines(&self) -> usize {
        1 + usize::from(!self.account_number.is_empty()) + usize::from(!self.customer_id.is_empty())
    }
}

/// One person's card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoleCard {
    pub contact_id: i64,
    pub name: String,
    pub language: Language,
    /// The roles they hold, in the plan's order, named in the card's language.
    pub roles: Vec<String>,
    /// The roles they take when its people are away.
    pub stands_in_for: Vec<String>,
    /// The first duties across their roles: each role's first, then each one's second…
    pub steps: Vec<String>,
    /// Whether their roles list more steps than the card.
    pub more_steps: bool,
    pub numbers: Vec<CardNumber>,
    /// How many numbers did not fit.
    pub more_numbers: usize,
}

/// What every card shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoleCards {
    pub cards: Vec<RoleCard>,
    pub assembly_point: String,
    pub owner_name: String,
    pub owner_phone: String,
    /// The owner's number to dial from anywhere; `None` when it cannot be dialled.
    pub owner_tel: Option<String>,
    /// Whom to call when the owner cannot be reached: their id, name and first number.
    pub deputy: Option<(i64, String, Option<String>)>,
}

/// The cards of everyone who holds or stands in for a role, in the team's order (call tree
/// first); account numbers only with `sensitive`.
pub(crate) fn role_cards(
    store: &Store,
    business: &Business,
    sensitive: bool,
) -> CoreResult<RoleCards> {
    let team = store.team(business.language)?;
    let contacts: HashMap<i64, Contact> = store
        .list_contacts(&ContactFilter::default())?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let region = business.country.and_then(Country::phone_region);
    let cards = team
        .people
        .iter()
        .filter(|p| !p.role_ids.is_empty() || !p.stand_in_for.is_empty())
        .map(|person| {
            let language = person.card.language.unwrap_or(business.language);
            let held: Vec<&Role> = team.roles_of(person.contact.id).collect();
            let standing_in: Vec<&Role> = team
                .roles
                .iter()
                .filter(|r| r.details.stand_in_id == Some(person.contact.id))
                .collect();
            let title = |r: &&Role| role_title(r.details.kind, &r.details.name, language);
            // Someone who only stands in does what those roles do.
            let doing = if held.is_empty() { &standing_in } else { &held };
            let (steps, more_steps) = first_steps(doing);
            let allowed = sensitive && person.card.account_numbers;
            let (numbers, more_numbers) = numbers(
                held.iter().chain(&standing_in).copied(),
                &contacts,
                allowed,
                region,
            );
            RoleCard {
                contact_id: person.contact.id,
                name: shorten(person.contact.details.display_name(), NAME_CHARS),
                language,
                roles: held.iter().map(title).collect(),
                stands_in_for: standing_in.iter().map(title).collect(),
                steps,
                more_steps,
                numbers,
                more_numbers,
            }
        })
        .collect();
    let deputy = team
        .settings
        .deputy_id
        .and_then(|id| contacts.get(&id))
        .map(|c| {
            (
                c.id,
                shorten(c.details.display_name(), DEPUTY_CHARS),
                c.details.phones.first().map(|p| p.number.clone()),
            )
        });
    Ok(RoleCards {
        cards,
        assembly_point: shorten(&store.safety_plan()?.details.assembly_point, PLACE_CHARS),
        owner_name: shorten(&team.settings.owner_name, OWNER_CHARS),
        owner_tel: international_tel_link(&team.settings.owner_phone, region),
        owner_phone: team.settings.owner_phone,
        deputy,
    })
}

/// The first duties across `roles`: the first of each role in the plan's order, then the
/// second of each…, so that someone with two roles sees the start of both.
fn first_steps(roles: &[&Role]) -> (Vec<String>, bool) {
    let mut all = Vec::new();
    let longest = roles
        .iter()
        .map(|r| r.details.duties.len())
        .max()
        .unwrap_or(0);
    for n in 0..longest {
        for role in roles {
            if let Some(duty) = role.details.duties.get(n) {
                let duty = duty.split_whitespace().collect::<Vec<_>>().join(" ");
                if !duty.is_empty() {
                    all.push(shorten(&duty, STEP_CHARS));
                }
            }
        }
    }
    let more = all.len() > CARD_STEPS;
    all.truncate(CARD_STEPS);
    (all, more)
}

/// The numbers of the contacts `roles` name, each once, as many as the card's lines hold.
fn numbers<'r>(
    roles: impl Iterator<Item = &'r Role>,
    contacts: &HashMap<i64, Contact>,
    accounts_allowed: bool,
    region: Option<phonenumber::country::Id>,
) -> (Vec<CardNumber>, usize) {
    let mut order: Vec<i64> = Vec::new();
    let mut with_accounts: Vec<i64> = Vec::new();
    for role in roles {
        for id in &role.details.contact_ids {
            if !order.contains(id) {
                order.push(*id);
            }
            if role.details.kind == RoleKind::CallsProviders && !with_accounts.contains(id) {
                with_accounts.push(*id);
            }
        }
    }
    let all: Vec<CardNumber> = order
        .iter()
        .filter_map(|id| contacts.get(id))
        .map(|contact| {
            let d = &contact.details;
            let accounts = accounts_allowed && with_accounts.contains(&contact.id);
            let phone = d.phones.first();
            CardNumber {
                name: shorten(d.display_name(), CONTACT_CHARS),
                number: phone.map(|p| p.number.clone()),
                tel: phone.and_then(|p| international_tel_link(&p.number, region)),
                account_number: if accounts {
                    d.account_number.clone()
                } else {
                    String::new()
                },
                customer_id: if accounts {
                    d.customer_id.clone()
                } else {
                    String::new()
                },
            }
        })
        .collect();
    let total = all.len();
    let mut kept = Vec::new();
    let mut lines = 0;
    for number in all {
        // The last line is kept for "+ n more" when some do not fit.
        let room = if kept.len() + 1 < total {
            NUMBER_LINES - 1
        } else {
            NUMBER_LINES
        };
        if lines + number.lines() > room {
            break;
        }
        lines += number.lines();
        kept.push(number);
    }
    let more = total - kept.len();
    (kept, more)
}

/// `text` in at most `max` characters, cut at a word with "…" when longer.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '.', '-']))
}

pub(super) fn render(store: &Store, cx: &Context<'_>) -> CoreResult<Printout> {
    let all = role_cards(store, cx.business, cx.options.include_sensitive)?;
    let owner_code = if cx.codes {
        all.owner_tel.as_deref().and_then(QrImage::for_paper)
    } else {
        None
    };
    let mut doc = Doc::default();
    for page in all.cards.chunks(CARDS_PER_PAGE) {
        let cards: Html = page
            .iter()
            .map(|card| card_html(cx, &all, card, owner_code.as_ref()))
            .collect();
        doc.block_with(
            "role-page new-page",
            markup!("<div class=\"role-grid\">{}</div>", cards),
        );
    }
    if all.cards.is_empty() {
        doc.block(p(cx.words.nobody_yet));
    }
    Ok(cx.finish_as(doc, cx.words.role_cards_title, "role-cards"))
}

/// One card, in its own language.
fn card_html(
    cx: &Context<'_>,
    all: &RoleCards,
    card: &RoleCard,
    owner_code: Option<&QrImage>,
) -> Html {
    let w = super::words::words(card.language);
    let mut roles = card.roles.clone();
    if roles.len() > CARD_ROLES {
        let more = roles.len() - (CARD_ROLES - 1);
        roles.truncate(CARD_ROLES - 1);
        roles.push(format!("+\u{a0}{more}"));
    }
    let mut head = markup!(
        "<p class=\"rc-of\">{} · {}</p><h2 class=\"rc-name\">{}</h2>",
        Html::text(&cx.business.name),
        Html::text(w.role_card),
        Html::text(&card.name)
    );
    if !roles.is_empty() {
        head.push(markup!(
            "<p class=\"rc-roles\">{}</p>",
            Html::text(&roles.join(" · "))
        ));
    }
    if !card.stands_in_for.is_empty() {
        head.push(markup!(
            "<p class=\"rc-standin\">{}{} {}</p>",
            Html::text(w.stands_in_for),
            Html::text(w.colon),
            Html::text(&shorten(&card.stands_in_for.join(", "), NAME_CHARS))
        ));
    }
    let mut out = markup!(
        "<section class=\"role-card\" lang=\"{}\"><div class=\"rc-top\">{}</div>",
        Html::text(card.language.as_str()),
        head
    );
    out.push(markup!("<h3>{}</h3>", Html::text(w.first_things)));
    if card.steps.is_empty() {
        out.push(p(w.no_duties));
    } else {
        let steps: Html = card
            .steps
            .iter()
            .map(|step| markup!("<li>{}</li>", Html::text(step)))
            .collect();
        out.push(markup!("<ol class=\"rc-steps\">{}</ol>", steps));
    }
    if card.more_steps {
        out.push(markup!(
            "<p class=\"rc-more\">{}</p>",
            Html::text(w.more_steps)
        ));
    }
    // Roles that name no provider: no numbers to list (the owner's and the deputy's are
    // below).
    if !card.numbers.is_empty() || card.more_numbers > 0 {
        out.push(markup!("<h3>{}</h3>", Html::text(w.numbers_you_need)));
    }
    for number in &card.numbers {
        let phone = match &number.number {
            Some(n) => markup!("<span class=\"phone\">{}</span>", Html::text(n)),
            None => markup!("☎ <span class=\"blank short\"></span>"),
        };
        out.push(markup!(
            "<p class=\"rc-number\"><span>{}</span> {}</p>",
            Html::text(&number.name),
            phone
        ));
        for (label, value) in [
            (w.account_number, &number.account_number),
            (w.customer_id, &number.customer_id),
        ] {
            if !value.is_empty() {
                out.push(markup!(
                    "<p class=\"rc-account\">{}{} {}</p>",
                    Html::text(label),
                    Html::text(w.colon),
                    Html::text(value)
                ));
            }
        }
    }
    if card.more_numbers > 0 {
        out.push(markup!(
            "<p class=\"rc-more\">{}</p>",
            Html::text(
                &w.more_numbers
                    .replace("{n}", &card.more_numbers.to_string())
            )
        ));
    }
    let mut bottom = Html::default();
    if all.assembly_point.is_empty() {
        bottom.push(markup!(
            "<p><span class=\"label\">{}{}</span> <span class=\"blank short\"></span></p>",
            Html::text(w.assembly_point),
            Html::text(w.colon)
        ));
    } else {
        bottom.push(field(w, w.assembly_point, &all.assembly_point));
    }
    // The deputy's own card does not tell them to call themselves.
    if let Some((_, name, number)) = all.deputy.as_ref().filter(|d| d.0 != card.contact_id) {
        let number = match number {
            Some(n) => markup!(" <span class=\"phone\">{}</span>", Html::text(n)),
            None => Html::default(),
        };
        bottom.push(markup!(
            "<p><span class=\"label\">{}</span> {}{}</p>",
            Html::text(w.cannot_reach_owner),
            Html::text(name),
            number
        ));
    }
    out.push(markup!(
        "<div class=\"rc-bottom\"><div>{}</div>{}</div></section>",
        bottom,
        owner_html(w, all, owner_code)
    ));
    out
}

/// The code that calls the owner, with "Call the owner" above and their name and number under
/// it; just the name and number when the number makes no code.
fn owner_html(w: &super::words::Words, all: &RoleCards, code: Option<&QrImage>) -> Html {
    if all.owner_phone.is_empty() && all.owner_name.is_empty() {
        return Html::default();
    }
    let code = code
        .map(|c| qr_svg(c, &format!("{} — {}", w.call_the_owner, all.owner_name)))
        .unwrap_or_default();
    markup!(
        "<figure class=\"rc-owner\"><p class=\"rc-owner-label\">{}</p>{}<figcaption>{}\
         <br><span class=\"phone\">{}</span></figcaption></figure>",
        Html::text(w.call_the_owner),
        code,
        Html::text(&all.owner_name),
        Html::text(&all.owner_phone)
    )
}

/// The binder's "Who does what": every role with who holds it, its stand-in and its duties;
/// then each person with their roles. Nothing when the plan has no roles.
pub(super) fn who_does_what(cx: &Context<'_>, doc: &mut Doc, team: &Team) {
    let w = cx.words;
    if team.roles.is_empty() {
        return;
    }
    let name_of = |id: &i64| {
        team.person(*id)
            .map(|p| p.contact.details.display_name().to_owned())
    };
    doc.heading(2, w.who_does_what, true);
    for role in &team.roles {
        let d = &role.details;
        let holders: Vec<String> = d.holder_ids.iter().filter_map(name_of).collect();
        let holders = if holders.is_empty() {
            w.nobody_yet.to_owned()
        } else {
            holders.join(", ")
        };
        let mut html = markup!("<h3>{}</h3>", Html::text(&role.title));
        html.push(field(w, w.held_by, &holders));
        if let Some(stand_in) = d.stand_in_id.as_ref().and_then(name_of) {
            html.push(field(w, w.stand_in, &stand_in));
        }
        doc.block_with("keep-with-next", html);
        for duty in &d.duties {
            doc.block(tick(duty));
        }
    }
    let people: Vec<_> = team
        .people
        .iter()
        .filter(|p| !p.role_ids.is_empty() || !p.stand_in_for.is_empty())
        .collect();
    if people.is_empty() {
        return;
    }
    doc.heading(3, w.each_persons_roles, false);
    for person in people {
        let titles = |ids: &[i64]| -> Vec<String> {
            ids.iter()
                .filter_map(|id| team.role(*id))
                .map(|r| r.title.clone())
                .collect()
        };
        let mut line = titles(&person.role_ids).join(", ");
        let standing_in = titles(&person.stand_in_for);
        if !standing_in.is_empty() {
            if !line.is_empty() {
                line.push_str(" · ");
            }
            line.push_str(&format!(
                "{}{} {}",
                w.stands_in_for,
                w.colon,
                standing_in.join(", ")
            ));
        }
        doc.block(field(w, person.contact.details.display_name(), &line));
    }
}

#[cfg(test)]
#[path = "roles_tests.rs"]
mod tests;

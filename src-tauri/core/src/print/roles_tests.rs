#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use super::{role_cards, shorten, CARD_STEPS, NUMBER_LINES, STEP_CHARS};
use crate::business::{Country, Language};
use crate::contacts::{Contact, ContactDetails, ContactKind, Phone};
use crate::print::html::Html;
use crate::print::{Paper, PrintDocument, PrintOptions};
use crate::store::Store;
use crate::team::{CardSettings, RoleDetails, RoleKind, TeamSettings};

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, hour, 0, 0).unwrap()
}

fn paris() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

fn esc(text: &str) -> String {
    Html::text(text).into_string()
}

fn contact(store: &mut Store, kind: ContactKind, name: &str, number: &str) -> Contact {
    let mut details = ContactDetails::new(kind);
    if kind == ContactKind::Staff {
        details.person = name.into();
    } else {
        details.organisation = name.into();
    }
    if !number.is_empty() {
        details.phones = vec![Phone {
            label: String::new(),
            number: number.into(),
        }];
    }
    store.create_contact(&details, at(8)).unwrap()
}

/// A role saved as the Team section saves it.
fn role(
    store: &mut Store,
    kind: RoleKind,
    name: &str,
    duties: &[&str],
    holders: &[i64],
    stand_in: Option<i64>,
    contacts: &[i64],
) -> i64 {
    let details = RoleDetails {
        kind,
        name: name.into(),
        duties: duties.iter().map(|d| (*d).to_owned()).collect(),
        holder_ids: holders.to_vec(),
        stand_in_id: stand_in,
        contact_ids: contacts.to_vec(),
        service_ids: Vec::new(),
    };
    store.save_role(None, &details, at(8)).unwrap().id
}

fn card_settings(store: &mut Store, contact_id: i64, language: Option<Language>, accounts: bool) {
    let card = CardSettings {
        contact_id,
        language,
        account_numbers: accounts,
    };
    store.save_card_settings(&card, at(8)).unwrap();
}

fn team_settings(store: &mut Store, owner: &str, phone: &str, deputy: Option<i64>) {
    let settings = TeamSettings {
        owner_name: owner.into(),
        owner_phone: phone.into(),
        deputy_id: deputy,
    };
    store.save_team_settings(&settings, at(8)).unwrap();
}

struct Cafe {
    store: Store,
    karim: Contact,
    ana: Contact,
    lea: Contact,
}

/// A café in France with three staff: Karim opens and calls the providers (his card may carry
/// account numbers), Ana talks to customers and runs the espresso machine (her card may too,
/// but she calls no provider), Léa stands in for the calls and is who to call when Marie, the
/// owner, cannot be reached.
fn cafe(language: Language) -> Cafe {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(
            &crate::testing::corner_cafe(language, Some(Country::France)),
            at(8),
        )
        .unwrap();
    let mut enedis = ContactDetails::new(ContactKind::PowerUtility);
    enedis.organisation = "Enedis".into();
    enedis.phones = vec![Phone {
        label: "Dépannage".into(),
        number: "09 72 67 50 75".into(),
    }];
    enedis.account_number = "PDL 1234 5678".into();
    enedis.customer_id = "CUST-77".into();
    let enedis = store.create_contact(&enedis, at(8)).unwrap();
    let orange = contact(
        &mut store,
        ContactKind::InternetProvider,
        "Orange Pro",
        "3901",
    );
    let karim = contact(
        &mut store,
        ContactKind::Staff,
        "Karim Benali",
        "06 11 22 33 44",
    );
    let ana = contact(&mut store, ContactKind::Staff, "Ana Lima", "06 22 33 44 55");
    let lea = contact(
        &mut store,
        ContactKind::Staff,
        "Léa Martin",
        "06 33 44 55 66",
    );
    role(
        &mut store,
        RoleKind::Opens,
        "",
        &[
            "Check nobody is hurt and the gas is off",
            "Find out what is down",
            "Text the owner",
            "Put the kettle on",
        ],
        &[karim.id],
        Some(ana.id),
        &[],
    );
    role(
        &mut store,
        RoleKind::CallsProviders,
        "",
        &["Call Enedis with the account number", "Ask for a ticket"],
        &[karim.id],
        Some(lea.id),
        &[enedis.id, orange.id],
    );
    role(
        &mut store,
        RoleKind::TalksToCustomers,
        "",
        &["Put the door sign up"],
        &[ana.id],
        None,
        &[],
    );
    role(
        &mut store,
        RoleKind::Own,
        "Espresso machine",
        &["Switch to the filter coffee"],
        &[ana.id],
        None,
        &[enedis.id],
    );
    card_settings(&mut store, karim.id, None, true);
    card_settings(&mut store, ana.id, None, true);
    let mut safety = store.safety_plan().unwrap().details;
    safety.assembly_point = "The bus stop across the road".into();
    store.save_safety(&safety, at(8)).unwrap();
    team_settings(&mut store, "Marie Dupont", "06 12 34 56 78", Some(lea.id));
    Cafe {
        store,
        karim,
        ana,
        lea,
    }
}

fn options(paper: Paper, sensitive: bool) -> PrintOptions {
    PrintOptions {
        document: PrintDocument::RoleCards,
        incident_id: None,
        drill_id: None,
        paper,
        include_sensitive: sensitive,
        text: None,
        language: None,
    }
}

fn printed(store: &Store, options: &PrintOptions) -> String {
    store
        .render_printout(options, at(10), &|_| paris())
        .unwrap()
        .html
}

/// Each card's markup, in the document's order.
/// The text of some markup, its tags taken out (its entities kept).
fn words_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cards(html: &str) -> Vec<&str> {
    html.split("<section class=\"role-card\"").skip(1).collect()
}

fn card_of<'h>(html: &'h str, name: &str) -> &'h str {
    let cards = cards(html);
    let heading = format!("<h2 class=\"rc-name\">{}</h2>", esc(name));
    let found: Vec<&&str> = cards.iter().filter(|c| c.contains(&heading)).collect();
    assert_eq!(found.len(), 1, "{name} is on one card");
    found[0]
}

#[test]
fn each_person_gets_a_card_with_their_roles_steps_numbers_and_whom_to_call() {
    let cafe = cafe(Language::En);
    let html = printed(&cafe.store, &options(Paper::A4, true));
    assert_eq!(cards(&html).len(), 3, "three people have a role");
    assert!(html.contains("<body class=\"paper-a4 role-cards\""));

    let karim = card_of(&html, "Karim Benali");
    for text in [
        "Opens and assesses · Calls providers",
        "First things to do",
        "Numbers you need",
        "09 72 67 50 75",
        "3901",
        "The bus stop across the road",
        "Can’t reach the owner? Call",
        "Léa Martin",
        "06 33 44 55 66",
        "Marie Dupont",
        "06 12 34 56 78",
    ] {
        assert!(karim.contains(&esc(text)), "Karim's card lacks {text:?}");
    }
    // The first duty of each role, then the second: three, and where the rest is.
    let steps: Vec<&str> = karim
        .split("<li>")
        .skip(1)
        .map(|li| li.split("</li>").next().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "Check nobody is hurt and the gas is off",
            "Call Enedis with the account number",
            "Find out what is down",
        ]
    );
    assert!(karim.contains(&esc("More in the binder")));

    let ana = card_of(&html, "Ana Lima");
    assert!(ana.contains(&esc("Talks to customers · Espresso machine")));
    assert!(ana.contains(&esc("Stands in for: Opens and assesses")));
    assert!(ana.contains("<li>Put the door sign up</li>"));
    assert!(!ana.contains(&esc("More in the binder")));
    // Léa only stands in: she does what the role she stands in for does.
    let lea = card_of(&html, "Léa Martin");
    assert!(lea.contains(&esc("Stands in for: Calls providers")));
    // She is whom the others call when the owner cannot be reached: not told to call herself.
    assert!(!lea.contains(&esc("Can’t reach the owner?")));
    assert!(lea.contains("<li>Call Enedis with the account number</li>"));

    // The call tree's order is not set: the team's order (by name) is the cards'.
    let names: Vec<i64> = role_cards(&cafe.store, &cafe.store.business().unwrap().unwrap(), true)
        .unwrap()
        .cards
        .iter()
        .map(|c| c.contact_id)
        .collect();
    assert_eq!(names, [cafe.ana.id, cafe.karim.id, cafe.lea.id]);
}

#[test]
fn each_card_has_a_code_that_calls_the_owner() {
    let cafe = cafe(Language::En);
    let html = printed(&cafe.store, &options(Paper::A4, true));
    for card in cards(&html) {
        let codes: Vec<String> = card
            .split("<svg class=\"qr\"")
            .skip(1)
            .map(|svg| {
                let size: u32 = svg
                    .split("viewBox=\"0 0 ")
                    .nth(1)
                    .unwrap()
                    .split(' ')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                let path = svg
                    .split("<path d=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                crate::qr::read_back(size, path)
            })
            .collect();
        assert_eq!(codes, ["tel:+33612345678"]);
    }
}

#[test]
fn account_numbers_only_for_who_calls_providers_and_may_carry_them() {
    let cafe = cafe(Language::En);
    let html = printed(&cafe.store, &options(Paper::A4, true));
    // Karim calls providers and his card may carry them.
    let karim = card_of(&html, "Karim Benali");
    assert!(karim.contains("PDL 1234 5678") && karim.contains("CUST-77"));
    // Ana's card may, and her role names Enedis, but she calls no provider.
    let ana = card_of(&html, "Ana Lima");
    assert!(ana.contains("09 72 67 50 75"), "she has Enedis's number");
    assert!(!ana.contains("PDL 1234 5678") && !ana.contains("CUST-77"));
    // Léa stands in for the calls, but her card may not carry them.
    let lea = card_of(&html, "Léa Martin");
    assert!(!lea.contains("PDL 1234 5678") && !lea.contains("CUST-77"));
    // Left out of every card when the copy leaves them out.
    let without = printed(&cafe.store, &options(Paper::A4, false));
    assert!(!without.contains("PDL 1234 5678") && !without.contains("CUST-77"));
    // The same rule in the pocket plan, and its own switch.
    let pocket = |sensitive: bool| {
        cafe.store
            .pocket_plan(at(10), &|_| paris(), sensitive)
            .unwrap()
            .html
    };
    let kept = pocket(true);
    let roles = kept.split("<h2 id=\"roles\">").nth(1).unwrap();
    let roles = roles.split("<h2").next().unwrap();
    let pocket_card = |id: i64| {
        roles
            .split(&format!("id=\"role-card-{id}\""))
            .nth(1)
            .unwrap()
            .split("</div>")
            .next()
            .unwrap()
            .to_owned()
    };
    assert!(pocket_card(cafe.karim.id).contains("PDL 1234 5678"));
    assert!(!pocket_card(cafe.ana.id).contains("PDL 1234 5678"));
    assert!(!pocket_card(cafe.lea.id).contains("PDL 1234 5678"));
    let roles_left_out = pocket(false);
    let roles_left_out = roles_left_out.split("<h2 id=\"roles\">").nth(1).unwrap();
    assert!(!roles_left_out
        .split("<h2")
        .next()
        .unwrap()
        .contains("PDL 1234 5678"));
}

#[test]
fn the_pocket_plan_has_each_persons_card_with_numbers_to_tap() {
    let cafe = cafe(Language::En);
    let html = cafe
        .store
        .pocket_plan(at(10), &|_| paris(), true)
        .unwrap()
        .html;
    assert!(html.contains("<a href=\"#roles\">Role cards</a>"));
    let karim = html
        .split(&format!("id=\"role-card-{}\"", cafe.karim.id))
        .nth(1)
        .unwrap()
        .split("</div>")
        .next()
        .unwrap();
    for text in [
        "Karim Benali",
        "Opens and assesses · Calls providers",
        "<li>Check nobody is hurt and the gas is off</li>",
        "href=\"tel:+33972675075\"",
        "href=\"tel:+33612345678\"",
        "href=\"tel:+33633445566\"",
        "The bus stop across the road",
    ] {
        assert!(karim.contains(text), "Karim's pocket card lacks {text:?}");
    }
    assert_eq!(karim.matches("<li>").count(), CARD_STEPS);
}

#[test]
fn a_card_is_in_the_persons_language_and_a_french_owners_cards_are_french() {
    // An English plan: Ana's card says it is to be French.
    let mut cafe = cafe(Language::En);
    card_settings(&mut cafe.store, cafe.ana.id, Some(Language::Fr), true);
    let html = printed(&cafe.store, &options(Paper::A4, true));
    let ana = card_of(&html, "Ana Lima");
    assert!(ana.starts_with(" lang=\"fr\""));
    for text in [
        "Fiche de rôle",
        "Parle aux clients",
        "Espresso machine",
        "À faire en premier",
        "Remplace au besoin : Ouvre et évalue",
        "Responsable injoignable ? Appelez",
        "Appeler le responsable",
    ] {
        assert!(ana.contains(&esc(text)), "Ana's card lacks {text:?}");
    }
    let karim = card_of(&html, "Karim Benali");
    assert!(karim.starts_with(" lang=\"en\""));
    assert!(karim.contains("First things to do") && !karim.contains(&esc("À faire")));

    // A French plan: every card is French, and an English card where the person asks.
    let mut french = self::cafe(Language::Fr);
    card_settings(&mut french.store, french.lea.id, Some(Language::En), false);
    let html = printed(&french.store, &options(Paper::A4, true));
    let karim = card_of(&html, "Karim Benali");
    assert!(karim.contains(&esc("Ouvre et évalue · Appelle les fournisseurs")));
    assert!(karim.contains(&esc("Numéros utiles")));
    assert!(karim.contains(&esc("La suite dans le classeur")));
    assert!(karim.contains(&esc("Numéro de compte")) || karim.contains(&esc("N° de compte")));
    let lea = card_of(&html, "Léa Martin");
    assert!(lea.contains("Stands in for: Calls providers"));
}

#[test]
fn four_cards_to_a_page_on_a4_and_letter() {
    let mut cafe = cafe(Language::En);
    for name in ["Zoé Petit", "Yann Roux", "Xavier Blanc"] {
        let person = contact(&mut cafe.store, ContactKind::Staff, name, "06 99 88 77 66");
        role(
            &mut cafe.store,
            RoleKind::It,
            "",
            &["Restart the router"],
            &[person.id],
            None,
            &[],
        );
    }
    for paper in [Paper::A4, Paper::Letter] {
        let html = printed(&cafe.store, &options(paper, true));
        let pages: Vec<&str> = html
            .split("<div class=\"block role-page new-page\">")
            .skip(1)
            .collect();
        assert_eq!(pages.len(), 2, "six cards on two pages");
        assert_eq!(pages[0].matches("<section class=\"role-card\"").count(), 4);
        assert_eq!(pages[1].matches("<section class=\"role-card\"").count(), 2);
        let (size, class) = match paper {
            Paper::A4 => ("size: A4", "paper-a4 role-cards"),
            Paper::Letter => ("size: letter", "paper-letter role-cards"),
        };
        assert!(html.contains(size) && html.contains(class), "{paper:?}");
    }
    assert_eq!(cafe.store.print_status().unwrap().role_cards, 6);
}

#[test]
fn a_card_carries_at_most_three_steps_and_its_numbers_lines_the_rest_counted() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&crate::testing::corner_cafe(Language::En, None), at(8))
        .unwrap();
    let long_name = "Marie-Christine Dupont-Lefèvre de la Tour d’Auvergne";
    let person = contact(&mut store, ContactKind::Staff, long_name, "06 11 22 33 44");
    let mut providers = Vec::new();
    for n in 0..6 {
        let mut details = ContactDetails::new(ContactKind::Supplier);
        details.organisation = format!("Provider number {n} with a very long trading name");
        details.phones = vec![Phone {
            label: String::new(),
            number: format!("+33 1 23 45 67 8{n}"),
        }];
        details.account_number = format!("ACCOUNT-{n}");
        providers.push(store.create_contact(&details, at(8)).unwrap().id);
    }
    let long_duty = "Walk round the whole shop, the storeroom and the back yard, check that \
                     nobody is hurt, that the gas is off and that the freezers are closed";
    for kind in [
        RoleKind::Opens,
        RoleKind::CallsProviders,
        RoleKind::SafetyLead,
    ] {
        role(
            &mut store,
            kind,
            "",
            &[long_duty, long_duty, long_duty],
            &[person.id],
            None,
            &providers,
        );
    }
    card_settings(&mut store, person.id, None, true);
    let business = store.business().unwrap().unwrap();
    let all = role_cards(&store, &business, true).unwrap();
    let card = &all.cards[0];
    assert_eq!(card.steps.len(), CARD_STEPS);
    assert!(card.more_steps);
    assert!(card.steps.iter().all(|s| s.chars().count() <= STEP_CHARS));
    assert!(card.steps[0].ends_with('…'));
    assert!(card.name.chars().count() <= super::NAME_CHARS);
    let lines: usize = card.numbers.iter().map(super::CardNumber::lines).sum();
    assert!(lines < NUMBER_LINES, "a line is left for the rest: {lines}");
    assert_eq!(card.numbers.len() + card.more_numbers, 6);
    assert!(card.more_numbers > 0);
    let html = printed(&store, &options(Paper::Letter, true));
    assert!(html.contains(&esc(&format!("+ {} more in the binder", card.more_numbers))));
    assert_eq!(cards(&html).len(), 1);
}

#[test]
fn shortening_cuts_at_a_word_and_says_so() {
    assert_eq!(shorten("Short", 10), "Short");
    assert_eq!(shorten("Call the provider now", 12), "Call the…");
    assert_eq!(shorten("Supercalifragilistic", 8), "Superca…");
    assert!(shorten(&"é".repeat(100), 10).chars().count() <= 10);
}

#[test]
fn without_anyone_in_a_role_there_is_no_card_and_owner_text_is_text() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&crate::testing::corner_cafe(Language::En, None), at(8))
        .unwrap();
    assert_eq!(store.print_status().unwrap().role_cards, 0);
    let html = printed(&store, &options(Paper::A4, true));
    assert!(cards(&html).is_empty());
    let hostile = "<img src=x onerror=alert(1)>";
    let person = contact(&mut store, ContactKind::Staff, hostile, "06 11 22 33 44");
    role(
        &mut store,
        RoleKind::Own,
        hostile,
        &[hostile],
        &[person.id],
        None,
        &[],
    );
    team_settings(&mut store, hostile, "06 12 34 56 78", Some(person.id));
    let html = printed(&store, &options(Paper::A4, true));
    assert!(!html.contains("<img"));
    // Their role names no provider: no numbers to list.
    assert!(!html.contains("Numbers you need"));
    assert!(html.contains(&esc(hostile)));
    let pocket = store.pocket_plan(at(10), &|_| paris(), true).unwrap().html;
    assert!(!pocket.contains("<img"));
}

#[test]
fn the_binder_says_who_does_what() {
    let cafe = cafe(Language::En);
    let mut binder = options(Paper::A4, true);
    binder.document = PrintDocument::Binder;
    let html = printed(&cafe.store, &binder);
    let page = html
        .split(&format!("<h2>{}</h2>", esc("Who does what")))
        .nth(1)
        .expect("a Who does what page");
    let page = words_of(page.split("<h2>").next().unwrap());
    for text in [
        "Opens and assesses",
        "Held by: Karim Benali",
        "Stand-in: Ana Lima",
        "Check nobody is hurt and the gas is off",
        "Put the kettle on",
        "Espresso machine",
        "Calls providers",
        "Stand-in: Léa Martin",
        "Each person’s roles",
        "Ana Lima: Talks to customers, Espresso machine · Stands in for: Opens and assesses",
        "Léa Martin: Stands in for: Calls providers",
    ] {
        assert!(page.contains(&esc(text)), "Who does what lacks {text:?}");
    }
    assert!(html.contains(&format!("<li>{}</li>", esc("Who does what"))));

    // A plan without roles has no such page.
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_business(&crate::testing::corner_cafe(Language::En, None), at(8))
        .unwrap();
    assert!(!printed(&store, &binder).contains(&esc("Who does what")));
}

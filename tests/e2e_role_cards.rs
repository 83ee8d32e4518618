//! Role cards end to end in the real app: a café with three staff and their roles saves its
//! role cards as PDF on A4 and on Letter through WebKitGTK's print operation. Read back with
//! `pdftotext` one quarter of the sheet at a time, each person's name and first step are on
//! their own card; the largest card (a long name, three roles, many numbers) stays on its
//! quarter of the one sheet; the code on each card calls the owner.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::Utc;
use steady_core::business::{BusinessInput, BusinessType, Country, Language};
use steady_core::contacts::{Contact, ContactDetails, ContactKind, Phone};
use steady_core::plan::safety::CallTreeEntry;
use steady_core::team::{CardSettings, RoleDetails, RoleKind, TeamSettings};
use steady_core::Store;
use support::{click, find, qr_codes_in_png, wait_for_text, Driver};

const KARIM: &str = "Karim Benali";
const ANA: &str = "Ana Lima";
/// The largest card: a long name, three roles with long duties, more numbers than fit.
const LEA: &str = "Léa-Marie Fontaine-Dubois de Kerguelen";

const KARIM_FIRST: &str = "Check nobody is hurt and the gas is off";
const ANA_FIRST: &str = "Put the door sign up";
const LEA_FIRST: &str = "Switch the till to the 4G router";

fn staff(store: &mut Store, name: &str, number: &str) -> Contact {
    store
        .create_contact(
            &ContactDetails {
                person: name.into(),
                phones: vec![Phone {
                    label: String::new(),
                    number: number.into(),
                }],
                ..ContactDetails::new(ContactKind::Staff)
            },
            Utc::now(),
        )
        .unwrap()
}

fn provider(store: &mut Store, kind: ContactKind, name: &str, number: &str, account: &str) -> i64 {
    store
        .create_contact(
            &ContactDetails {
                organisation: name.into(),
                phones: vec![Phone {
                    label: String::new(),
                    number: number.into(),
                }],
                account_number: account.into(),
                ..ContactDetails::new(kind)
            },
            Utc::now(),
        )
        .unwrap()
        .id
}

fn role(
    store: &mut Store,
    kind: RoleKind,
    duties: &[&str],
    holders: &[i64],
    stand_in: Option<i64>,
    contacts: &[i64],
) {
    store
        .save_role(
            None,
            &RoleDetails {
                kind,
                name: String::new(),
                duties: duties.iter().map(|d| (*d).to_owned()).collect(),
                holder_ids: holders.to_vec(),
                stand_in_id: stand_in,
                contact_ids: contacts.to_vec(),
                service_ids: Vec::new(),
            },
            Utc::now(),
        )
        .unwrap();
}

/// A French-speaking country's café in English: Karim opens and calls the providers (his card
/// carries the account numbers), Ana talks to customers (her card is in French), Léa runs the
/// workarounds, leads on safety and knows the router, and is who to call when Marie, the
/// owner, cannot be reached.
fn seed(dir: &Path) {
    let now = Utc::now();
    let mut store = Store::open_in_dir(dir).unwrap();
    store
        .save_business(
            &BusinessInput {
                name: "Corner Café".into(),
                business_type: BusinessType::CafeRestaurant,
                language: Language::En,
                country: Some(Country::France),
            },
            now,
        )
        .unwrap();
    let enedis = provider(
        &mut store,
        ContactKind::PowerUtility,
        "Enedis",
        "09 72 67 50 75",
        "PDL 1234 5678",
    );
    let orange = provider(
        &mut store,
        ContactKind::InternetProvider,
        "Orange Pro",
        "3901",
        "FTTH-00998877",
    );
    let sumup = provider(
        &mut store,
        ContactKind::CardPayments,
        "SumUp Merchant Support",
        "01 86 65 09 87",
        "MID-998877",
    );
    let mut others = vec![enedis, orange, sumup];
    for (name, number) in [
        ("Boulangerie Artisanale du Coin", "02 99 11 22 33"),
        ("Plomberie Dépannage Express 24/7", "02 99 44 55 66"),
        ("Froid Service Maintenance", "02 99 77 88 99"),
    ] {
        others.push(provider(
            &mut store,
            ContactKind::Supplier,
            name,
            number,
            "",
        ));
    }
    let karim = staff(&mut store, KARIM, "06 11 22 33 44").id;
    let ana = staff(&mut store, ANA, "06 22 33 44 55").id;
    let lea = staff(&mut store, LEA, "06 33 44 55 66").id;
    let long = "walk round the shop, the storeroom and the yard and write down what is down";
    role(
        &mut store,
        RoleKind::Opens,
        &[KARIM_FIRST, "Find out what is down and since when", long],
        &[karim],
        Some(ana),
        &[],
    );
    role(
        &mut store,
        RoleKind::CallsProviders,
        &["Call Enedis, give the account number, ask for a ticket"],
        &[karim],
        Some(lea),
        &[enedis, orange, sumup],
    );
    role(
        &mut store,
        RoleKind::TalksToCustomers,
        &[ANA_FIRST, "Answer the phone: cash only until it is fixed"],
        &[ana],
        None,
        &[],
    );
    role(
        &mut store,
        RoleKind::RunsWorkaround,
        &[
            LEA_FIRST,
            &format!("Then {long}"),
            &format!("Finally {long}"),
        ],
        &[lea],
        None,
        &others,
    );
    role(
        &mut store,
        RoleKind::SafetyLead,
        &[&format!(
            "Count everyone at the assembly point, then {long}"
        )],
        &[lea],
        None,
        &others,
    );
    role(
        &mut store,
        RoleKind::It,
        &["Restart the router: unplug it for thirty seconds"],
        &[lea],
        None,
        &[orange],
    );
    for (contact_id, language, account_numbers) in [
        (karim, None, true),
        (ana, Some(Language::Fr), true),
        (lea, None, false),
    ] {
        store
            .save_card_settings(
                &CardSettings {
                    contact_id,
                    language,
                    account_numbers,
                },
                now,
            )
            .unwrap();
    }
    store
        .save_team_settings(
            &TeamSettings {
                owner_name: "Marie Dupont".into(),
                owner_phone: "06 12 34 56 78".into(),
                deputy_id: Some(lea),
            },
            now,
        )
        .unwrap();
    let mut safety = store.safety_plan().unwrap().details;
    safety.assembly_point = "The bus stop across the road".into();
    safety.call_tree = [karim, ana, lea]
        .into_iter()
        .map(|contact_id| CallTreeEntry {
            contact_id,
            caller_id: None,
        })
        .collect();
    store.save_safety(&safety, now).unwrap();
}

/// The text `pdftotext` reads in one rectangle of page 1 (in points), on one line.
fn text_in(path: &Path, x: u32, y: u32, w: u32, h: u32) -> String {
    let out = Command::new("pdftotext")
        .args([
            "-f",
            "1",
            "-l",
            "1",
            "-x",
            &x.to_string(),
            "-y",
            &y.to_string(),
        ])
        .args(["-W", &w.to_string(), "-H", &h.to_string()])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by make test");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page count and the first page's size in points.
fn pages_and_size(path: &Path) -> (u32, u32, u32) {
    let out = Command::new("pdfinfo").arg(path).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let size: Vec<f64> = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (pages, size[0].round() as u32, size[1].round() as u32)
}

/// Every page drawn as a PNG at 150 dpi (kept in `$STEADY_SCREENSHOTS` to be looked at), and
/// what each QR code on them holds, as a phone's camera would read the paper.
fn codes_and_picture(path: &Path, name: &str) -> Vec<String> {
    let dir = std::env::var_os("STEADY_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| path.parent().unwrap().to_owned());
    std::fs::create_dir_all(&dir).unwrap();
    let prefix = dir.join(name);
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile"])
        .arg(path)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    qr_codes_in_png(&prefix.with_extension("png"))
}

async fn save_role_cards(app: &thirtyfour::WebDriver, out: &Path) -> PathBuf {
    click(app, "#save-pdf-role-cards").await;
    let toast = wait_for_text(app, ".toast span", "Saved as ").await;
    let said = toast.text().await.unwrap();
    let path = PathBuf::from(said.trim_start_matches("Saved as ").lines().next().unwrap());
    assert!(path.starts_with(out), "{} saved elsewhere", path.display());
    assert_eq!(path.file_name().unwrap(), "Corner Café - Role cards.pdf");
    click(app, ".toast button").await;
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_persons_card_is_saved_as_pdf_four_to_a_sheet_and_read_back() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    seed(data.path());
    let driver = Driver::start_with(
        data.path(),
        &[("STEADY_SAVE_PDF_TO", out.path().to_str().unwrap())],
    )
    .await;
    let app = driver.launch_app().await;
    click(&app, "#nav-print").await;
    wait_for_text(
        &app,
        "#role-cards-status",
        "3 cards, one for each person with a role.",
    )
    .await;
    find(&app, "#role-cards-title")
        .await
        .scroll_into_view()
        .await
        .unwrap();
    support::snapshot(&app, "print-role-cards").await;

    for paper in ["a4", "letter"] {
        click(&app, &format!("#paper-{paper}")).await;
        assert!(find(&app, &format!("#paper-{paper}"))
            .await
            .is_selected()
            .await
            .unwrap());
        let pdf = save_role_cards(&app, out.path()).await;
        let (pages, width, height) = pages_and_size(&pdf);
        match paper {
            "a4" => assert_eq!((width, height), (595, 842)),
            _ => assert_eq!((width, height), (612, 792)),
        }
        // Three cards on one sheet: the largest did not push anything onto another page.
        assert_eq!(pages, 1, "{paper}: the cards spilled onto {pages} pages");

        // Read one quarter of the sheet at a time: each card in call-tree order, left to
        // right then top to bottom, with its person's name and first step.
        let (half_w, half_h) = (width / 2, height / 2);
        let quarter = |x: u32, y: u32| text_in(&pdf, x, y, half_w, half_h);
        let karim = quarter(0, 0);
        let ana = quarter(half_w, 0);
        let lea = quarter(0, half_h);
        let empty = quarter(half_w, half_h);
        for (card, name, first) in [
            (&karim, KARIM, KARIM_FIRST),
            (&ana, ANA, ANA_FIRST),
            (&lea, LEA, LEA_FIRST),
        ] {
            assert!(
                card.contains(name),
                "{paper}: no {name} on their card:\n{card}"
            );
            assert!(
                card.contains(first),
                "{paper}: {name}'s first step is not on their card:\n{card}"
            );
            assert!(card.contains("Marie Dupont") && card.contains("06 12 34 56 78"));
        }
        assert!(
            empty.is_empty(),
            "{paper}: the fourth quarter is blank: {empty}"
        );
        // Karim calls the providers and his card may carry account numbers; Léa's may not.
        assert!(karim.contains("PDL 1234 5678"), "{karim}");
        assert!(!lea.contains("PDL 1234 5678") && !ana.contains("PDL 1234 5678"));
        // Ana's card is in French in an English plan.
        assert!(ana.contains("À faire en premier"), "{ana}");
        assert!(karim.contains("First things to do"), "{karim}");
        // Léa's card is bounded: the rest is counted, and whom to call is still on it.
        assert!(lea.contains("more in the binder"), "{lea}");
        assert!(karim.contains("Can’t reach the owner? Call"), "{karim}");
        // Léa is whom to call: her own card does not say to call herself.
        assert!(!lea.contains("Can’t reach the owner?"), "{lea}");
        // (Read beside the owner's name under the code, line by line.)
        assert!(lea.contains("Assembly point: The bus stop"), "{lea}");

        // The code on each card calls the owner, from anywhere.
        let codes = codes_and_picture(&pdf, &format!("role-cards-{paper}"));
        assert_eq!(codes, vec!["tel:+33612345678"; 3], "{paper}");
    }
    app.quit().await.unwrap();
}

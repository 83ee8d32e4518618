//! Printing end to end in the real app: "Save as PDF" of the binder, the emergency card and an
//! incident report writes real PDFs (through WebKitGTK's print operation) whose text is read
//! back with `pdftotext`; the plan then knows when it was printed and when it changed since.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Duration, Utc};
use steady_core::business::Language;
use steady_core::contacts::{ContactDetails, ContactKind, Phone};
use steady_core::incidents::{CallInput, IncidentStart, NoticeInput};
use steady_core::notices::{Channel, Stage};
use steady_core::Store;
use support::{
    click, fill, find, pdf_text, qr_codes_in_png, seed_cafe, set_up_cafe, snapshot, wait_for_text,
    Driver,
};

const NOTICE: &str = "Corner Café: card payments are down, cash only until further notice.";

/// A café with the usual plan, its card provider written out in full, and one resolved
/// outage with a call and a notice.
fn seed(dir: &Path) -> i64 {
    let start = Utc::now() - Duration::hours(3);
    let mut store = seed_cafe(dir, start);
    let sumup = store
        .create_contact(
            &ContactDetails {
                organisation: "SumUp".into(),
                phones: vec![Phone {
                    label: "Merchant support".into(),
                    number: "0800 123 4567".into(),
                }],
                outage_page: "https://status.sumup.example/outages".into(),
                account_number: "MID-998877".into(),
                support_hours: "24/7".into(),
                // Words DejaVu Sans would draw with ligatures (fi, ffl).
                notes: "Ask for the firmware fix for offline mode.".into(),
                ..ContactDetails::new(ContactKind::CardPayments)
            },
            start,
        )
        .unwrap();
    let card = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Card payments")
        .unwrap();
    let mut details = card.details.clone();
    details.contact_ids.push(sumup.id);
    store.update_service(card.id, &details, start).unwrap();
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![card.id],
                something_else: String::new(),
                started_at: None,
            },
            start,
        )
        .unwrap();
    store
        .log_call(
            incident.id,
            &CallInput {
                contact_id: Some(sumup.id),
                contact_name: String::new(),
                ticket: "TCK-5521".into(),
                spoke_to: "Priya".into(),
                eta: Some(start + Duration::hours(1)),
                call_back_at: None,
                notes: String::new(),
            },
            start + Duration::minutes(5),
        )
        .unwrap();
    store
        .record_notice(
            incident.id,
            &NoticeInput {
                stage: Stage::Initial,
                channel: Channel::Door,
                text: NOTICE.into(),
            },
            start + Duration::minutes(8),
        )
        .unwrap();
    let row = incident.services[0].id;
    store
        .confirm_restored(incident.id, row, start + Duration::minutes(90))
        .unwrap();
    incident.id
}

/// The page count and the first page's size in points.
fn pdf_pages(path: &Path) -> (u32, String) {
    let out = Command::new("pdfinfo").arg(path).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    let field = |name: &str| {
        info.lines()
            .find_map(|line| line.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap_or_else(|| panic!("no {name} in pdfinfo of {}", path.display()))
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

/// Renders page 1 as a PNG (kept in `$STEADY_SCREENSHOTS` to be looked at).
fn render_first_page(path: &Path, name: &str) {
    let dir = std::env::var_os("STEADY_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| path.parent().unwrap().to_owned());
    std::fs::create_dir_all(&dir).unwrap();
    let prefix = dir.join(name);
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(path)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let png = prefix.with_extension("png");
    assert!(
        std::fs::metadata(&png).unwrap().len() > 5_000,
        "{name} page 1 is not blank"
    );
}

/// What every QR code in a PDF holds, read by `zbarimg` from its pages drawn at 150 dpi, as
/// a phone's camera would see the paper.
fn codes_in_pdf(path: &Path) -> Vec<String> {
    let pages = tempfile::tempdir().unwrap();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "150"])
        .arg(path)
        .arg(pages.path().join("page"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut codes = Vec::new();
    for page in std::fs::read_dir(pages.path()).unwrap() {
        codes.extend(qr_codes_in_png(&page.unwrap().path()));
    }
    codes
}

/// Clicks a "Save as PDF…" button and returns the file the app said it saved.
async fn save_pdf(app: &thirtyfour::WebDriver, button: &str, out: &Path) -> PathBuf {
    click(app, button).await;
    let toast = wait_for_text(app, ".toast span", "Saved as ").await;
    let said = toast.text().await.unwrap();
    let path = PathBuf::from(said.trim_start_matches("Saved as ").lines().next().unwrap());
    assert!(
        path.starts_with(out),
        "{} saved outside {}",
        path.display(),
        out.display()
    );
    assert!(path.exists(), "{} was not written", path.display());
    // Dismiss it, so the next save's message is its own.
    click(app, ".toast button").await;
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_plan_card_and_a_report_are_saved_as_pdf_and_read_back() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let incident = seed(data.path());
    let driver = Driver::start_with(
        data.path(),
        &[("STEADY_SAVE_PDF_TO", out.path().to_str().unwrap())],
    )
    .await;
    let app = driver.launch_app().await;

    // Never printed: the first screen says so, one click from printing.
    wait_for_text(&app, "#home-print-status", "Never printed yet.").await;
    click(&app, "#home-go-print").await;
    find(&app, "#print-title").await;
    snapshot(&app, "print-screen").await;

    // The binder, account numbers included, on A4 (the test's locale is C).
    assert!(find(&app, "#paper-a4").await.is_selected().await.unwrap());
    let binder = save_pdf(&app, "#save-pdf-binder", out.path()).await;
    assert_eq!(
        binder.file_name().unwrap(),
        "Corner Café - Recovery plan.pdf"
    );
    let text = pdf_text(&binder);
    let (pages, size) = pdf_pages(&binder);
    assert!(size.contains("595") && size.contains("842"), "A4: {size}");
    assert!(
        (5..=20).contains(&pages),
        "{pages} pages for the café's plan"
    );
    for expected in [
        "Corner Café",
        "Recovery plan",
        "Keep one copy at work and one at home.",
        "0800 123 4567",
        "MID-998877",
        "https://status.sumup.example/outages",
        "Check the float in the till",
        "Ask for the firmware fix for offline mode.",
        "Put up the \"cash only for now\" sign at the door and the till",
        "Emergency services",
        &format!("Page 1 of {pages}"),
        &format!("Page {pages} of {pages}"),
    ] {
        assert!(text.contains(expected), "the binder PDF lacks {expected:?}");
    }
    render_first_page(&binder, "binder-page-1");
    eprintln!("binder: {pages} pages, {size}");

    // The emergency card for the wall, without account numbers, on US Letter.
    click(&app, "#include-sensitive").await;
    click(&app, "#paper-letter").await;
    let card = save_pdf(&app, "#save-pdf-card", out.path()).await;
    let text = pdf_text(&card);
    let (pages, size) = pdf_pages(&card);
    render_first_page(&card, "emergency-card");
    assert_eq!(pages, 1, "the card is one page");
    assert!(
        size.contains("612") && size.contains("792"),
        "US Letter: {size}"
    );
    click(&app, "#paper-a4").await;
    assert!(text.contains("0800 123 4567"));
    assert!(!text.contains("MID-998877"), "account numbers left out");
    assert!(text.contains("(left out of this copy)"));

    // The incident's report, with its call and the notice in full.
    let select = find(&app, "#report-incident").await;
    assert_eq!(
        select.value().await.unwrap().as_deref(),
        Some(incident.to_string().as_str())
    );
    let report = save_pdf(&app, "#save-pdf-report", out.path()).await;
    let text = pdf_text(&report).replace('\n', " ");
    for expected in [
        "Incident report",
        "TCK-5521",
        "Priya",
        NOTICE,
        "Card payments",
        "Working again",
        "Timeline",
    ] {
        assert!(text.contains(expected), "the report PDF lacks {expected:?}");
    }
    render_first_page(&report, "incident-report-page-1");
    eprintln!("incident report: {} pages", pdf_pages(&report).0);

    // The plan knows it was printed, and notices when it changes afterwards.
    click(&app, "#nav-home").await;
    wait_for_text(&app, "#home-print-status", "and still current").await;
    click(&app, "#nav-plan").await;
    wait_for_text(&app, "#plan-print-status", "Last printed on").await;
    {
        let mut store = Store::open_in_dir(data.path()).unwrap();
        let mut safety = store.safety_plan().unwrap().details;
        safety.assembly_point = "The car park behind the café".into();
        store.save_safety(&safety, Utc::now()).unwrap();
    }
    click(&app, "#nav-contacts").await;
    click(&app, "#nav-plan").await;
    wait_for_text(
        &app,
        "#plan-print-status",
        "The plan changed since you printed it",
    )
    .await;
    snapshot(&app, "plan-changed-since-printed").await;

    app.quit().await.unwrap();
}

/// The owner's country, preselected from the system's locale at first run: a French number is
/// kept and written the French way, an American one is refused next to the field, the card
/// holds France's emergency numbers, and another country in Settings brings its paper. Run
/// under a real French locale, it is also "Save as PDF" through GTK's French-named printer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owners_country_checks_numbers_and_fills_the_card() {
    // A real French locale, so GTK names its file printer in French too.
    let locales = Command::new("locale").arg("-a").output().unwrap();
    assert!(
        String::from_utf8_lossy(&locales.stdout)
            .lines()
            .any(|l| l.eq_ignore_ascii_case("fr_FR.utf8")),
        "fr_FR.UTF-8 is not generated: run the tests through `make test`, which does it"
    );
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let driver = Driver::start_with(
        data.path(),
        &[
            ("LANG", "fr_FR.UTF-8"),
            ("STEADY_SAVE_PDF_TO", out.path().to_str().unwrap()),
        ],
    )
    .await;
    let app = driver.launch_app().await;

    let country = find(&app, "#business-country").await;
    support::eventually(
        "France is not preselected from fr_FR.UTF-8",
        std::time::Duration::from_secs(10),
        || async { support::when(country.value().await.unwrap().as_deref() == Some("fr")) },
    )
    .await;
    click(&app, "input[name='language'][value='en']").await;
    snapshot(&app, "welcome-country").await;
    set_up_cafe(&app).await;

    click(&app, "#nav-contacts").await;
    click(&app, "#add-contact").await;
    click(&app, "#contact-kind option[value='internet_provider']").await;
    fill(&app, "#contact-organisation", "Fibre Net").await;
    fill(&app, "#phone-0-number", "(212) 736-5000").await;
    click(&app, "button[type='submit']").await;
    let error = wait_for_text(&app, "#phone-0-number-error", "France").await;
    assert!(
        error.text().await.unwrap().contains("country code"),
        "the message says how to write a foreign number"
    );
    fill(&app, "#phone-0-number", "0972675075").await;
    click(&app, "button[type='submit']").await;
    let phone = wait_for_text(&app, "article.contact a.phone", "09 72 67 50 75").await;
    assert_eq!(
        phone.attr("href").await.unwrap().as_deref(),
        Some("tel:0972675075")
    );

    click(&app, "#nav-print").await;
    assert!(find(&app, "#paper-a4").await.is_selected().await.unwrap());
    let card = save_pdf(&app, "#save-pdf-card", out.path()).await;
    let text = pdf_text(&card);
    for expected in [
        "Emergency services: 112",
        "Ambulance",
        "15",
        "Police",
        "17",
        "Fire brigade",
        "18",
    ] {
        assert!(
            text.contains(expected),
            "the card lacks {expected:?}:\n{text}"
        );
    }
    render_first_page(&card, "emergency-card-france");

    // Scanned off the paper: a code to call each number on the card (the emergency services
    // the French starter plan lists, and Fibre Net in place of the starter's blank "Internet
    // provider"), and all of them in one vCard for the phone's contacts.
    assert!(text.contains("Fibre Net"), "{text}");
    let codes = codes_in_pdf(&card);
    let mut calls: Vec<&str> = codes
        .iter()
        .filter(|c| c.starts_with("tel:"))
        .map(String::as_str)
        .collect();
    calls.sort_unstable();
    assert_eq!(
        calls,
        ["tel:+33972675075", "tel:112", "tel:15", "tel:17", "tel:18"],
        "{codes:?}"
    );
    let vcards: Vec<&String> = codes
        .iter()
        .filter(|c| c.starts_with("BEGIN:VCARD"))
        .collect();
    assert_eq!(vcards.len(), 1, "{codes:?}");
    let cards = steady_core::contacts::vcard::parse(vcards[0].as_bytes(), Language::En).unwrap();
    let mut numbers: Vec<&str> = cards
        .iter()
        .flat_map(|c| c.details.phones.iter().map(|p| p.number.as_str()))
        .collect();
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        ["+33972675075", "112", "15", "17", "18"],
        "{cards:?}"
    );
    // Beside each provider in the binder, the number in international form.
    let binder = save_pdf(&app, "#save-pdf-binder", out.path()).await;
    let codes = codes_in_pdf(&binder);
    assert!(
        codes.iter().any(|c| c == "tel:+33972675075"),
        "no code beside Fibre Net in the binder: {codes:?}"
    );

    // Moved to Canada: the printer takes Letter there.
    click(&app, "#nav-settings").await;
    let country = find(&app, "#business-country").await;
    assert_eq!(country.value().await.unwrap().as_deref(), Some("fr"));
    click(&app, "#business-country option[value='ca']").await;
    wait_for_text(&app, ".toast span", "Settings saved.").await;
    click(&app, "#nav-print").await;
    let letter = find(&app, "#paper-letter").await;
    support::eventually(
        "Letter is not the paper in Canada",
        std::time::Duration::from_secs(10),
        || async { support::when(letter.is_selected().await.unwrap()) },
    )
    .await;
    app.quit().await.unwrap();
}

/// A French café whose owner added their power company, Ouest Power, beside the starter
/// plan's "Electricity supplier" (still without a number): the card names Ouest Power and its
/// number, not a blank; France's four emergency numbers take one line; and the plan offers
/// to put Ouest Power where the placeholder was, in one click.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_names_the_power_company_added_beside_the_starters_placeholder() {
    use steady_core::business::{BusinessInput, BusinessType, Country};
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    {
        let now = Utc::now();
        let mut store = Store::open_in_dir(data.path()).unwrap();
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
        store
            .apply_starter_plan(BusinessType::CafeRestaurant, Language::En, now)
            .unwrap();
        store
            .create_contact(
                &ContactDetails {
                    organisation: "Ouest Power".into(),
                    phones: vec![Phone {
                        label: "Outages".into(),
                        number: "02 99 00 11 22".into(),
                    }],
                    ..ContactDetails::new(ContactKind::PowerUtility)
                },
                now,
            )
            .unwrap();
    }
    let driver = Driver::start_with(
        data.path(),
        &[("STEADY_SAVE_PDF_TO", out.path().to_str().unwrap())],
    )
    .await;
    let app = driver.launch_app().await;

    click(&app, "#nav-print").await;
    let card = save_pdf(&app, "#save-pdf-card", out.path()).await;
    let text = pdf_text(&card);
    render_first_page(&card, "emergency-card-power-company");
    assert_eq!(pdf_pages(&card).0, 1, "the card is one page:\n{text}");
    assert!(text.contains("Ouest Power"), "{text}");
    assert!(text.contains("02 99 00 11 22"), "{text}");
    assert!(
        !text.contains("Electricity supplier"),
        "no blank line for the power:\n{text}"
    );
    // France's four numbers are one paragraph (beside their four codes), one of the card's
    // five entries: Ouest Power and three blanks for the providers still to fill in follow.
    let numbers = text
        .split("Numbers to call")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").find(|p| !p.trim().is_empty()))
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        numbers, "Emergency services: 112 · Ambulance: 15 · Police: 17 · Fire brigade: 18",
        "{text}"
    );
    assert_eq!(text.matches('☎').count(), 3, "{text}");
    assert!(
        codes_in_pdf(&card).iter().any(|c| c == "tel:+33299001122"),
        "a code to call Ouest Power"
    );

    // The plan offers Ouest Power where the starter left "Electricity supplier".
    click(&app, "#nav-plan").await;
    let offer = wait_for_text(&app, ".findings", "Use Ouest Power for").await;
    let offer = offer.text().await.unwrap();
    assert!(
        offer.contains("Power and lighting")
            && offer.contains("Electricity supplier has no number"),
        "{offer}"
    );
    snapshot(&app, "plan-use-instead").await;
    click(&app, "button.use-instead").await;
    wait_for_text(
        &app,
        ".toast span",
        "Ouest Power is now in the plan where Electricity supplier was.",
    )
    .await;
    let findings = find(&app, "#missing-title").await;
    let panel = findings.parent().await.unwrap();
    assert!(
        !panel.text().await.unwrap().contains("Use Ouest Power"),
        "answered"
    );
    app.quit().await.unwrap();

    let store = Store::open_in_dir(data.path()).unwrap();
    let power = store
        .list_services()
        .unwrap()
        .into_iter()
        .find(|s| s.details.name == "Power and lighting")
        .unwrap();
    let names: Vec<String> = power
        .details
        .contact_ids
        .iter()
        .map(|id| {
            store
                .contact(*id)
                .unwrap()
                .details
                .display_name()
                .to_owned()
        })
        .collect();
    assert!(names.contains(&"Ouest Power".to_owned()), "{names:?}");
    assert!(
        !names.contains(&"Electricity supplier".to_owned()),
        "{names:?}"
    );
}

/// The X window ids of the GTK print dialog, once it is open.
fn print_dialog() -> Option<String> {
    let out = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "^Print$"])
        .output()
        .expect("xdotool is installed by make test");
    let ids = String::from_utf8(out.stdout).unwrap();
    (out.status.success() && !ids.trim().is_empty()).then(|| ids.trim().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn print_opens_the_system_dialog_and_cancelling_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    click(&app, "#nav-print").await;
    wait_for_text(&app, "#binder-status", "Never printed yet.").await;

    assert_eq!(print_dialog(), None);
    click(&app, "#print-card").await;
    let dialog = support::eventually(
        "no print dialog opened",
        std::time::Duration::from_secs(20),
        || async { print_dialog() },
    )
    .await;
    wait_for_text(&app, "#print-card", "Preparing…").await;
    // Press Escape in the dialog, as the owner would.
    let window = dialog.lines().next().unwrap();
    let status = Command::new("xdotool")
        .args(["windowfocus", "--sync", window, "key", "Escape"])
        .status()
        .unwrap();
    assert!(status.success());

    // Cancelled: the buttons come back, nothing is said, nothing is recorded.
    wait_for_text(&app, "#print-card", "Print…").await;
    assert!(app
        .find_all(thirtyfour::By::Css(".toast"))
        .await
        .unwrap()
        .is_empty());
    assert!(app
        .find_all(thirtyfour::By::Css("[role=alert]"))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(print_dialog(), None);
    let store = Store::open_in_dir(data.path()).unwrap();
    assert_eq!(store.print_status().unwrap().card_printed_at, None);
    app.quit().await.unwrap();
}

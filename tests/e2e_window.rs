//! The window itself, as owners really use it: at the sizes of a small laptop, half a screen
//! or large text, with a long business name and long unbroken words (the red button always in
//! view, no screen scrolling sideways); back where it was left after a restart; and by
//! keyboard alone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use chrono::Utc;
use steady_core::business::Language;
use steady_core::contacts::{ContactDetails, ContactKind, Phone};
use steady_core::incidents::IncidentStart;
use support::{
    eventually, find, seed_cafe, snapshot, wait_gone, web_process_environments, when, Driver,
};
use thirtyfour::prelude::*;

/// 60 characters, as a real shop's full name can be.
const LONG_NAME: &str = "Boulangerie-Pâtisserie du Marché Saint-Germain & Fils, Paris";
/// What a pasted account reference or link looks like: one word, no space to wrap at.
const LONG_WORD: &str = "ACCT-00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001";

/// Every screen the owner can reach from the top bar (and an announced outage, from the
/// history), then the red button's, then the outage.
const SCREENS: &[&str] = &[
    "home",
    "plan",
    "contacts",
    "incidents",
    "announced",
    "notices",
    "print",
    "settings",
    "start",
    "incident",
];

fn seed(dir: &std::path::Path, language: steady_core::business::Language) {
    use steady_core::business::{BusinessInput, BusinessType};
    let now = Utc::now();
    let mut store = seed_cafe(dir, now);
    store
        .save_business(
            &BusinessInput {
                name: LONG_NAME.into(),
                business_type: BusinessType::CafeRestaurant,
                language,
                country: None,
            },
            now,
        )
        .unwrap();
    store
        .create_contact(
            &ContactDetails {
                kind: ContactKind::InternetProvider,
                organisation: format!("Fibre {LONG_WORD}"),
                person: String::new(),
                phones: vec![Phone {
                    label: "Support".into(),
                    number: "+33 1 23 45 67 89".into(),
                }],
                email: String::new(),
                website: String::new(),
                outage_page: String::new(),
                status_page: String::new(),
                account_number: LONG_WORD.into(),
                customer_id: String::new(),
                support_hours: String::new(),
                notes: LONG_WORD.repeat(3),
            },
            now,
        )
        .unwrap();
    let till = store
        .list_services()
        .unwrap()
        .into_iter()
        .next()
        .expect("the café plan has services")
        .id;
    let incident = store
        .start_incident(
            &IncidentStart {
                service_ids: vec![till],
                something_else: String::new(),
                started_at: None,
            },
            now,
        )
        .unwrap();
    store
        .add_incident_note(incident.id, &LONG_WORD.repeat(2), now)
        .unwrap();
    store
        .create_announced(
            &steady_core::announced::AnnouncedDetails {
                what: steady_core::announced::AnnouncedWhat::Power,
                label: format!("Travaux {LONG_WORD}"),
                starts_at: now + chrono::Duration::days(2),
                expected_minutes: 300,
                source: LONG_WORD.into(),
                service_ids: vec![till],
            },
            now,
        )
        .unwrap();
}

/// Waits for the page to have laid itself out after a change (two frames).
async fn settle(app: &WebDriver) {
    app.execute_async(
        "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
        vec![],
    )
    .await
    .unwrap();
}

async fn resize(app: &WebDriver, width: u32, height: u32) {
    app.set_window_rect(0, 0, width, height).await.unwrap();
    eventually(
        format!("the window never became {width} wide"),
        Duration::from_secs(10),
        || async {
            let outer = app
                .execute("return window.outerWidth", vec![])
                .await
                .unwrap()
                .json()
                .as_u64();
            when(outer == Some(u64::from(width)))
        },
    )
    .await;
    settle(app).await;
}

/// Clicks through the page rather than the pointer: WebKitWebDriver places its clicks in
/// unzoomed coordinates, so at 200 % text a pointer click lands elsewhere.
async fn press(app: &WebDriver, css: &str) {
    let element = find(app, css).await;
    app.execute("arguments[0].click()", vec![element.to_json().unwrap()])
        .await
        .unwrap();
    settle(app).await;
}

/// Goes to a screen of the top bar, through the menu when the bar folds into one.
async fn nav(app: &WebDriver, screen: &str) {
    if !app
        .find_all(By::Css("#menu-button"))
        .await
        .unwrap()
        .is_empty()
    {
        press(app, "#menu-button").await;
    }
    press(app, &format!("#nav-{screen}")).await;
}

async fn open(app: &WebDriver, screen: &str) {
    match screen {
        "start" => press(app, "#something-down").await,
        "incident" => press(app, "#continue-incident").await,
        "announced" => {
            nav(app, "incidents").await;
            press(app, ".announced-row button").await;
        }
        _ => nav(app, screen).await,
    }
    let heading = match screen {
        "start" => "#start-title",
        "incident" => "#incident-title",
        "incidents" => "#history-title",
        "notices" => "#templates-title",
        other => &format!("#{other}-title"),
    };
    find(app, heading).await;
    settle(app).await;
}

/// What the test measures on one screen: the page's width against the window's, and where
/// the red button is.
#[derive(Debug, serde::Deserialize)]
struct Fit {
    inner: [f64; 2],
    scroll_width: f64,
    button: [f64; 4],
}

async fn fit(app: &WebDriver) -> Fit {
    let value = app
        .execute(
            r#"const b = document.querySelector('#something-down').getBoundingClientRect();
               return { inner: [window.innerWidth, window.innerHeight],
                        scroll_width: document.documentElement.scrollWidth,
                        button: [b.left, b.top, b.right, b.bottom] };"#,
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(value.json().clone()).unwrap()
}

async fn check_every_screen(app: &WebDriver, size: (u32, u32), text: &str) {
    for screen in SCREENS {
        open(app, screen).await;
        app.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
        let fit = fit(app).await;
        let where_ = format!("{screen} at {}×{} with {text} text", size.0, size.1);
        assert!(
            fit.scroll_width <= fit.inner[0],
            "{where_} scrolls sideways: {fit:?}"
        );
        let [left, top, right, bottom] = fit.button;
        assert!(
            left >= 0.0 && top >= 0.0 && right <= fit.inner[0] && bottom <= fit.inner[1],
            "{where_}: the red button is not wholly in the window: {fit:?}"
        );
        snapshot(
            app,
            &format!("layout-{}x{}-{text}-{screen}", size.0, size.1),
        )
        .await;
        // Scrolled to its end, the screen's last row clears the toast that a save leaves
        // over the bottom of the window for a while.
        let [last, clear] = end_of_screen(app).await;
        assert!(
            last <= clear,
            "{where_}: scrolled to the end, the last row ends at {last} px, under where a \
             toast sits (from {clear} px)"
        );
        snapshot(
            app,
            &format!("layout-{}x{}-{text}-{screen}-end", size.0, size.1),
        )
        .await;
    }
}

/// Scrolls to the end of the screen and measures where its last drawn part ends, and where
/// a toast would begin (5 rem above the window's bottom edge: its gap and its height).
async fn end_of_screen(app: &WebDriver) -> [f64; 2] {
    app.execute(
        "window.scrollTo(0, document.documentElement.scrollHeight)",
        vec![],
    )
    .await
    .unwrap();
    settle(app).await;
    let measured = app
        .execute(
            r#"const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
               let last = 0;
               for (const e of document.querySelectorAll('.screen *')) {
                 const r = e.getBoundingClientRect();
                 if (r.width > 0 && r.height > 0) last = Math.max(last, r.bottom);
               }
               return [last, window.innerHeight - 5 * rem];"#,
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(measured.json().clone()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_fits_small_windows_and_large_text() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path(), Language::En);
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;

    let sizes = [(640, 480), (1024, 600), (1280, 720)];
    for size in sizes {
        resize(&app, size.0, size.1).await;
        check_every_screen(&app, size, "normal").await;
    }

    // The business's name gives way: cut on one line, whole in the tooltip.
    resize(&app, 640, 480).await;
    let name = find(&app, ".brand .business").await;
    let cut = app
        .execute(
            "const e = arguments[0]; return [e.scrollWidth > e.clientWidth, e.getClientRects().length];",
            vec![name.to_json().unwrap()],
        )
        .await
        .unwrap()
        .json()
        .clone();
    assert_eq!(
        cut,
        serde_json::json!([true, 1]),
        "the long name is not cut on one line"
    );
    let brand = find(&app, ".brand").await;
    assert_eq!(
        brand.attr("title").await.unwrap().as_deref(),
        Some(LONG_NAME)
    );

    // Ctrl + three times: the largest text, remembered for this computer.
    for _ in 0..3 {
        app.action_chain()
            .key_down(Key::Control)
            .send_keys("=")
            .key_up(Key::Control)
            .perform()
            .await
            .unwrap();
    }
    eventually(
        "the text size was not remembered",
        Duration::from_secs(10),
        || async {
            when(
                std::fs::read_to_string(data.path().join("this-computer.json"))
                    .is_ok_and(|s| s.contains(r#""textSize": "200""#)),
            )
        },
    )
    .await;
    for size in sizes {
        resize(&app, size.0, size.1).await;
        let inner = fit(&app).await.inner[0];
        assert!(
            (inner - f64::from(size.0) / 2.0).abs() < 1.0,
            "200 % text should halve the page's width: {inner}"
        );
        check_every_screen(&app, size, "double").await;
    }
}

/// Every screen at the smallest and the usual size, in `language` and a GTK theme.
async fn every_screen_fits_in(language: Language, theme: &str, tag: &str) {
    let data = tempfile::tempdir().unwrap();
    seed(data.path(), language);
    let driver = Driver::start_with(data.path(), &[("GTK_THEME", theme)]).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    for size in [(640, 480), (1280, 720)] {
        resize(&app, size.0, size.1).await;
        check_every_screen(&app, size, tag).await;
    }
}

/// On a calm day the red button reads "Quelque chose est en panne", the longest it gets: at
/// every width the top bar's parts sit side by side, none drawn over another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_calm_day_in_french_the_top_bar_parts_never_overlap() {
    use steady_core::business::{BusinessInput, BusinessType};
    let data = tempfile::tempdir().unwrap();
    let mut store = seed_cafe(data.path(), Utc::now());
    store
        .save_business(
            &BusinessInput {
                name: LONG_NAME.into(),
                business_type: BusinessType::CafeRestaurant,
                language: Language::Fr,
                country: None,
            },
            Utc::now(),
        )
        .unwrap();
    drop(store);
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    for (width, height) in [(640, 480), (800, 600), (1024, 600), (1280, 720)] {
        resize(&app, width, height).await;
        let boxes = app
            .execute(
                "return ['.brand', '.menu-button', '.nav-area nav', '.help-button', '.down-button']
                   .map(css => document.querySelector(`.topbar ${css}`))
                   .filter(e => e && e.getClientRects().length > 0)
                   .map(e => { const r = e.getBoundingClientRect();
                               return [e.className, r.left, r.top, r.right, r.bottom]; });",
                vec![],
            )
            .await
            .unwrap();
        let boxes: Vec<(String, f64, f64, f64, f64)> =
            serde_json::from_value(boxes.json().clone()).unwrap();
        assert!(boxes.len() >= 4, "{boxes:?}");
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart =
                    a.3 <= b.1 + 0.5 || b.3 <= a.1 + 0.5 || a.4 <= b.2 + 0.5 || b.4 <= a.2 + 0.5;
                assert!(apart, "at {width}×{height}, {a:?} overlaps {b:?}");
            }
        }
    }
}

/// French words are longer, and the dark theme is its own set of colours: both at the
/// smallest and the usual size, and each with the other's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_french_and_dark_every_screen_fits_too() {
    every_screen_fits_in(Language::Fr, "Adwaita:dark", "fr-dark").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_french_and_light_every_screen_fits_too() {
    every_screen_fits_in(Language::Fr, "Adwaita", "fr-light").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_english_and_dark_every_screen_fits_too() {
    every_screen_fits_in(Language::En, "Adwaita:dark", "en-dark").await;
}

/// The window opens again at the size and place it was left at — kept as the owner moves it,
/// since a laptop dying in a power cut never closes Steady first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_comes_back_as_it_was_left() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path(), Language::En);
    let state_file = data.path().join("window-state.json");
    {
        let driver = Driver::start(data.path()).await;
        let app = driver.launch_app().await;
        find(&app, "#home-title").await;
        app.set_window_rect(120, 90, 900, 650).await.unwrap();
        eventually(
            "the window's size was never saved",
            Duration::from_secs(10),
            || async {
                when(
                    std::fs::read_to_string(&state_file).is_ok_and(|s| {
                        s.contains("\"width\": 900") && s.contains("\"height\": 650")
                    }),
                )
            },
        )
        .await;
        // Dropping the driver kills the app, as a power cut would.
    }
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    let rect = app.get_window_rect().await.unwrap();
    assert_eq!((rect.width, rect.height), (900, 650), "{rect:?}");
    assert_eq!((rect.x, rect.y), (120, 90), "{rect:?}");
    drop(app);
    drop(driver);

    // Last seen on a large monitor to the right, since unplugged: the window comes back whole
    // on the screen there is (this one is 1280 × 800).
    let mut state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state_file).unwrap()).unwrap();
    state["main"]["x"] = 2200.into();
    state["main"]["y"] = 300.into();
    state["main"]["width"] = 1800.into();
    state["main"]["height"] = 1000.into();
    std::fs::write(&state_file, state.to_string()).unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;
    let rect = app.get_window_rect().await.unwrap();
    assert!(
        rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= 1280 && rect.y + rect.height <= 800,
        "the window is not wholly on the screen: {rect:?}"
    );
}

/// Presses `keys` (with Ctrl and Shift when asked) on whatever has the focus.
async fn keys(app: &WebDriver, ctrl: bool, shift: bool, keys: &str) {
    let mut chain = app.action_chain();
    if ctrl {
        chain = chain.key_down(Key::Control);
    }
    if shift {
        chain = chain.key_down(Key::Shift);
    }
    chain = chain.send_keys(keys);
    if shift {
        chain = chain.key_up(Key::Shift);
    }
    if ctrl {
        chain = chain.key_up(Key::Control);
    }
    chain.perform().await.unwrap();
}

async fn focused_id(app: &WebDriver) -> String {
    app.execute(
        "return document.activeElement ? document.activeElement.id : ''",
        vec![],
    )
    .await
    .unwrap()
    .json()
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Every main action by keyboard alone, the shortcuts listed by F1 or ?, and Escape closing
/// what is open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_keyboard_reaches_every_main_action() {
    let data = tempfile::tempdir().unwrap();
    seed_cafe(data.path(), Utc::now());
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;

    // F1 lists the shortcuts; Escape closes the list.
    keys(&app, false, false, &Key::F1.value().to_string()).await;
    let help = find(&app, "#shortcuts-help[open]").await;
    let listed = help.text().await.unwrap();
    for expected in [
        "Ctrl+Shift+D",
        "Ctrl+N",
        "Ctrl+F",
        "Ctrl+P",
        "Add a contact",
        "Esc",
    ] {
        assert!(
            listed.contains(expected),
            "the list lacks {expected:?}: {listed}"
        );
    }
    assert_eq!(focused_id(&app).await, "close-shortcuts");
    snapshot(&app, "keyboard-shortcuts").await;
    keys(&app, false, false, &Key::Escape.value().to_string()).await;
    wait_gone(&app, "#shortcuts-help").await;

    // ? too, and its Close button by Enter.
    keys(&app, false, false, "?").await;
    find(&app, "#shortcuts-help[open]").await;
    keys(&app, false, false, &Key::Enter.value().to_string()).await;
    wait_gone(&app, "#shortcuts-help").await;

    // Ctrl+N: a new contact's form, its first field focused; Escape with nothing typed closes it.
    keys(&app, true, false, "n").await;
    find(&app, "#contact-form-title").await;
    assert_eq!(focused_id(&app).await, "contact-kind");
    keys(&app, false, false, &Key::Escape.value().to_string()).await;
    find(&app, "#add-contact").await;
    wait_gone(&app, "#contact-form-title").await;

    // Ctrl+F: the contacts' search, where ? is only a character typed.
    keys(&app, true, false, "f").await;
    eventually(
        "Ctrl+F did not reach the search field",
        Duration::from_secs(10),
        || async { when(focused_id(&app).await == "contact-search") },
    )
    .await;
    keys(&app, false, false, "internet?").await;
    let search = find(&app, "#contact-search").await;
    assert_eq!(
        search.prop("value").await.unwrap().as_deref(),
        Some("internet?")
    );
    assert!(app
        .find_all(By::Css("#shortcuts-help"))
        .await
        .unwrap()
        .is_empty());

    // Ctrl+P is the field's while typing in it; out of it (Tab), it is printing.
    keys(&app, true, false, "p").await;
    keys(&app, false, false, &Key::Tab.value().to_string()).await;
    assert_eq!(focused_id(&app).await, "contact-kind-filter");
    keys(&app, true, false, "p").await;
    find(&app, "#print-title").await;
    // Ctrl+Shift+D: the outage, from anywhere.
    keys(&app, true, true, "d").await;
    find(&app, "#start-title").await;

    // Narrow: the menu opens by keyboard on its first screen, and Escape gives the focus back.
    resize(&app, 640, 480).await;
    let menu = find(&app, "#menu-button").await;
    menu.focus().await.unwrap();
    keys(&app, false, false, &Key::Enter.value().to_string()).await;
    find(&app, "#main-menu").await;
    assert_eq!(focused_id(&app).await, "nav-home");
    keys(&app, false, false, &Key::Escape.value().to_string()).await;
    wait_gone(&app, "#main-menu").await;
    assert_eq!(focused_id(&app).await, "menu-button");

    // The focus is always visible: moving by Tab draws a ring around the control reached.
    // (Under Xvfb no window manager gives the window the focus: xdotool does, as a click
    // on it would.)
    let window = support::wait_for_window("^Steady$").await;
    let focused = std::process::Command::new("xdotool")
        .args(["windowfocus", "--sync", &window])
        .status()
        .unwrap();
    assert!(focused.success());
    eventually(
        "the window never got the focus",
        Duration::from_secs(10),
        || async {
            let focus = app
                .execute("return document.hasFocus()", vec![])
                .await
                .unwrap();
            when(focus.json() == &serde_json::json!(true))
        },
    )
    .await;
    keys(&app, false, false, &Key::Tab.value().to_string()).await;
    assert_eq!(focused_id(&app).await, "shortcuts-button");
    let ring = app
        .execute(
            "const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth];",
            vec![],
        )
        .await
        .unwrap()
        .json()
        .clone();
    assert_eq!(ring, serde_json::json!(["solid", "3px"]));
}

/// Steady's choice to paint with the CPU reaches WebKit: its web process runs with
/// `WEBKIT_SKIA_ENABLE_CPU_RENDERING=1` (what that saves is measured by `make bench`), unless
/// the owner's environment already says how.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webkit_paints_with_the_cpu_unless_the_owner_says_otherwise() {
    const CPU: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
    for (asked, expected) in [(None, "1"), (Some("0"), "0")] {
        let data = tempfile::tempdir().unwrap();
        seed(data.path(), Language::En);
        let env: Vec<(&str, &str)> = asked.map(|value| (CPU, value)).into_iter().collect();
        let driver = Driver::start_with(data.path(), &env).await;
        let app = driver.launch_app().await;
        find(&app, "#home-title").await;
        let environments = web_process_environments();
        assert!(
            !environments.is_empty(),
            "Steady's web process was not found"
        );
        for environment in &environments {
            let set = environment
                .lines()
                .find_map(|line| line.strip_prefix(CPU)?.strip_prefix('='));
            assert_eq!(set, Some(expected), "asked for {asked:?}");
        }
        app.quit().await.unwrap();
    }
}

//! Accessibility in the real window: axe-core scans each main screen, light and dark, for
//! WCAG 2.1 A/AA violations. One planted unlabeled input proves the scan really runs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;
use std::time::Duration;

use support::{click, damaged_cafe, fill, find, first_run_screen, wait_for_text, Driver};
use thirtyfour::prelude::*;

fn axe_source() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err} (run `make test`, which installs it)",
            path.display()
        )
    })
}

/// The violations on the current screen, as "rule: element, element".
async fn violations(app: &WebDriver, axe: &str) -> Vec<String> {
    app.execute(axe, vec![]).await.unwrap();
    let result = app
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe failed: ' + e]));"#,
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(result.json().clone()).unwrap()
}

async fn scan(app: &WebDriver, axe: &str, screen: &str, found: &mut Vec<String>) {
    // Let transitions and late loads settle: wait until nothing is "loading".
    app.query(By::Css("[role='status'].loading"))
        .wait(Duration::from_secs(10), Duration::from_millis(100))
        .not_exists()
        .await
        .unwrap();
    for v in violations(app, axe).await {
        found.push(format!("{screen}: {v}"));
    }
}

async fn tour(theme_dark: bool) -> Vec<String> {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start_with(
        data.path(),
        &[(
            "GTK_THEME",
            if theme_dark {
                "Adwaita:dark"
            } else {
                "Adwaita"
            },
        )],
    )
    .await;
    let app = driver.launch_app().await;
    let axe = axe_source();
    let mut found = Vec::new();

    first_run_screen(&app).await;
    scan(&app, &axe, "welcome", &mut found).await;
    fill(&app, "#business-name", "Corner Café").await;
    click(&app, "button[type='submit']").await;
    find(&app, "#add-service").await;
    scan(&app, &axe, "plan", &mut found).await;

    click(&app, "button[aria-label='Open Card payments']").await;
    find(&app, "#service-name").await;
    scan(&app, &axe, "service", &mut found).await;
    click(&app, "#nav-home").await;
    find(&app, "#home-go-plan").await;
    scan(&app, &axe, "home on a calm day", &mut found).await;

    click(&app, "#nav-contacts").await;
    find(&app, "article.contact").await;
    scan(&app, &axe, "contacts", &mut found).await;
    click(&app, "#add-contact").await;
    fill(&app, "#phone-0-number", "call Bob").await;
    click(&app, "form.contact-form button[type='submit']").await;
    find(&app, "#phone-0-number-error").await;
    scan(&app, &axe, "contact form with an error", &mut found).await;

    click(&app, "#something-down").await;
    click(&app, "form.start-incident .down-choice input").await;
    scan(&app, &axe, "something's down", &mut found).await;
    click(&app, "#start-tell").await;
    find(&app, "#notice-body").await;
    scan(&app, &axe, "incident: tell customers", &mut found).await;
    click(&app, "#go-assess").await;
    find(&app, "#assess-summary").await;
    scan(&app, &axe, "incident: assess", &mut found).await;
    click(&app, "#nav-home").await;
    find(&app, "#home-next-step").await;
    scan(&app, &axe, "home during an outage", &mut found).await;

    click(&app, "#nav-notices").await;
    find(&app, "#template-body").await;
    scan(&app, &axe, "notice templates", &mut found).await;
    click(&app, "#nav-incidents").await;
    find(&app, "#history-status").await;
    scan(&app, &axe, "incidents", &mut found).await;
    click(&app, "#nav-print").await;
    find(&app, "#report-incident").await;
    scan(&app, &axe, "print", &mut found).await;
    click(&app, "#nav-settings").await;
    find(&app, "#every-criticalEvery").await;
    scan(&app, &axe, "settings, with reminders above", &mut found).await;
    click(&app, "#back-up-now").await;
    wait_for_text(&app, ".toast", "Backed up").await;
    click(&app, ".backup-list .restore-backup").await;
    find(&app, "#confirm-restore").await;
    scan(&app, &axe, "settings: restoring a backup", &mut found).await;
    click(&app, "#shortcuts-button").await;
    find(&app, "#shortcuts-help[open]").await;
    scan(&app, &axe, "keyboard shortcuts", &mut found).await;
    click(&app, "#close-shortcuts").await;

    // Narrow: the top bar folds its screens into a menu.
    app.set_window_rect(0, 0, 640, 480).await.unwrap();
    click(&app, "#menu-button").await;
    find(&app, "#main-menu").await;
    scan(&app, &axe, "the menu of a narrow window", &mut found).await;

    // The scan is real: an unlabeled field is caught.
    app.execute(
        "document.querySelector('main').appendChild(document.createElement('input'))",
        vec![],
    )
    .await
    .unwrap();
    let planted = violations(&app, &axe).await;
    assert!(
        planted.iter().any(|v| v.starts_with("label:")),
        "axe did not catch a planted unlabeled input: {planted:?}"
    );
    app.quit().await.unwrap();
    found
}

/// The screen of a damaged data file, with its backups.
async fn damaged(theme_dark: bool) -> Vec<String> {
    let data = tempfile::tempdir().unwrap();
    damaged_cafe(data.path());
    let theme = if theme_dark {
        "Adwaita:dark"
    } else {
        "Adwaita"
    };
    let driver = Driver::start_with(data.path(), &[("GTK_THEME", theme)]).await;
    let app = driver.launch_app().await;
    let axe = axe_source();
    let mut found = Vec::new();
    find(&app, "#restore-newest").await;
    click(&app, ".technical summary").await;
    scan(&app, &axe, "damaged data file", &mut found).await;
    app.quit().await.unwrap();
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn main_screens_have_no_wcag_violations_in_light_or_dark() {
    let mut found = tour(false).await;
    found.extend(tour(true).await.into_iter().map(|v| format!("dark {v}")));
    found.extend(damaged(false).await);
    found.extend(damaged(true).await.into_iter().map(|v| format!("dark {v}")));
    assert!(
        found.is_empty(),
        "accessibility violations:\n{}",
        found.join("\n")
    );
}

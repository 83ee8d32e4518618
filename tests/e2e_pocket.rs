//! The plan in the owner's pocket, end to end in the real app: a notice shown as a QR code in
//! the window and read back from a screenshot by `zbarimg` (byte for byte, accents and emoji
//! included; a long one in parts), and the pocket plan saved through the system's file chooser
//! and written again after a change.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use support::{
    answer_file_chooser, click, eventually, find, qr_codes_in_png, seed_cafe, set_up_cafe,
    snapshot, tick_down, wait_for_text, when, Driver,
};
use thirtyfour::prelude::*;

/// Puts `text` in the notice's message as if typed (emoji included, which WebDriver's keys
/// cannot send).
async fn write_notice(app: &WebDriver, text: &str) {
    app.execute(
        "const body = document.getElementById('notice-body');
         body.value = arguments[0];
         body.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(text)],
    )
    .await
    .unwrap();
}

/// The code on screen, photographed with the window (WebKitWebDriver draws an element's own
/// screenshot of an SVG black) and read back.
async fn code_on_screen(app: &WebDriver, dir: &Path, name: &str) -> String {
    find(app, "#notice-code .code-frame svg").await;
    let png = dir.join(format!("{name}.png"));
    app.screenshot(&png).await.unwrap();
    let mut payloads = qr_codes_in_png(&png);
    assert_eq!(payloads.len(), 1, "one code on screen: {payloads:?}");
    payloads.remove(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_reaches_the_phone_as_a_code_read_back_from_the_window() {
    let data = tempfile::tempdir().unwrap();
    let shots = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    set_up_cafe(&app).await;

    click(&app, "#something-down").await;
    tick_down(&app, "Card payments").await;
    click(&app, "#start-tell").await;
    // The draft is ready before the owner writes their own words.
    let body = find(&app, "#notice-body").await;
    eventually("no draft", Duration::from_secs(20), || async {
        when(
            body.value()
                .await
                .unwrap()
                .is_some_and(|v| v.starts_with("Corner Café: problem with card payments")),
        )
    })
    .await;

    // An SMS: the phone's messaging app opens with the text, exactly as written.
    let text = "Corner Café : paiement par carte en panne ⚡ espèces acceptées, désolé 🙏";
    write_notice(&app, text).await;
    click(&app, "#notice-to-phone").await;
    find(&app, "#notice-code:focus").await;
    snapshot(&app, "notice-to-phone").await;
    assert_eq!(
        code_on_screen(&app, shots.path(), "sms").await,
        format!("SMSTO::{text}")
    );

    // Changing the text takes the code away: it was of the old text.
    write_notice(&app, &format!("{text} ")).await;
    support::wait_gone(&app, "#notice-code").await;

    // Too long for one code: parts, scanned in order, that join back into the text.
    let sentence = "Nos terminaux de paiement sont en panne ; nous acceptons les espèces. ";
    let long = sentence.repeat(14);
    write_notice(&app, long.trim_end()).await;
    click(&app, "#notice-to-phone").await;
    let parts_hint = find(&app, "#notice-code-parts").await.text().await.unwrap();
    assert!(parts_hint.contains("opens a new message"), "{parts_hint}");
    let mut joined = String::new();
    let mut index = 1;
    loop {
        wait_for_text(&app, ".part-count", &format!("Part {index} of")).await;
        let payload = code_on_screen(&app, shots.path(), &format!("part-{index}")).await;
        joined.push_str(payload.strip_prefix("SMSTO::").unwrap());
        let next = find(&app, "#notice-code-next").await;
        if next.attr("aria-disabled").await.unwrap().as_deref() == Some("true") {
            break;
        }
        next.click().await.unwrap();
        index += 1;
    }
    assert!(index > 1, "one code for {} bytes", long.len());
    assert_eq!(joined, long.trim_end());
    snapshot(&app, "notice-to-phone-parts").await;

    // Marking it as sent works as it did.
    click(&app, "#notice-mark-sent").await;
    wait_for_text(&app, ".toast", "recorded").await;
    app.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pocket_plan_is_saved_and_written_again_after_a_change() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    drop(seed_cafe(data.path(), chrono::Utc::now()));
    let driver = Driver::start(data.path()).await;
    let app = driver.launch_app().await;
    find(&app, "#home-title").await;

    click(&app, "#nav-print").await;
    click(&app, "#pocket-keep").await;
    click(&app, "#pocket-save").await;
    let file = out.path().join("pocket.html");
    answer_file_chooser("Save the pocket plan…", &file).await;
    wait_for_text(&app, ".toast", "Pocket plan saved as").await;
    wait_for_text(&app, "#pocket-kept", "pocket.html").await;
    app.execute(
        "document.getElementById('pocket-title').scrollIntoView()",
        vec![],
    )
    .await
    .unwrap();
    snapshot(&app, "pocket-plan-kept").await;
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("Corner Café") && html.contains("Pocket plan"));
    assert!(!html.contains("<script") && !html.contains("src="));

    // A new contact reaches the file without saving it again.
    click(&app, "#nav-contacts").await;
    click(&app, "#add-contact").await;
    support::fill(&app, "#contact-organisation", "Glass & Glaze").await;
    support::fill(&app, "#phone-0-number", "0800 555 0199").await;
    support::fill(&app, "#contact-account", "GG-778812").await;
    click(&app, "button[type='submit']").await;
    find(&app, "article.contact").await;
    let html = eventually(
        "the pocket plan was not written again",
        Duration::from_secs(20),
        || async {
            let html = std::fs::read_to_string(&file).unwrap_or_default();
            html.contains("Glass &amp; Glaze").then_some(html)
        },
    )
    .await;
    assert!(html.contains("href=\"tel:08005550199\""), "tap to call");
    // A phone is lost more easily than a drawer: no account number unless asked.
    assert!(
        !html.contains("GG-778812"),
        "account number in the pocket plan"
    );
    assert!(html.contains("(left out of this copy)"));

    // Stopped: the file stays as it is.
    click(&app, "#nav-print").await;
    click(&app, "#pocket-stop").await;
    wait_for_text(&app, ".toast", "no longer updated").await;
    assert!(app
        .find_all(By::Css("#pocket-kept"))
        .await
        .unwrap()
        .is_empty());
    app.quit().await.unwrap();
}

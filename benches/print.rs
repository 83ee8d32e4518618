//! How long printing takes for a large plan: the binder of a 100-contact plan rendered by the
//! core, and saved as a PDF by the real app (render, load, paginate, print to file).
//! Run with `make bench`; it prints the figures rather than judging them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use chrono::{FixedOffset, Utc};
use steady_core::contacts::{ContactDetails, ContactKind, Phone};
use steady_core::print::{Paper, PrintDocument, PrintOptions};
use steady_core::Store;
use support::Driver;

const CONTACTS: usize = 100;
const RUNS: usize = 5;

/// The café with a hundred providers, each written out in full.
fn seed(dir: &std::path::Path) {
    let now = Utc::now();
    let mut store = support::seed_cafe(dir, now);
    let kinds = ContactKind::ALL;
    for n in 0..CONTACTS {
        let kind = kinds[n % kinds.len()];
        let details = ContactDetails {
            kind,
            organisation: format!("Provider {n:03}"),
            person: format!("Person {n:03}"),
            phones: vec![
                Phone {
                    label: "Support".into(),
                    number: format!("01 23 45 {:02} {:02}", n / 100, n % 100),
                },
                Phone {
                    label: "Mobile".into(),
                    number: format!("06 98 76 {:02} {:02}", n / 100, n % 100),
                },
            ],
            email: format!("support{n}@provider.example"),
            website: String::new(),
            outage_page: format!("https://provider{n}.example/outages"),
            status_page: String::new(),
            account_number: format!("ACC-{n:06}"),
            customer_id: format!("CUST-{n:04}"),
            support_hours: "Mon–Fri 8:00–18:00".into(),
            notes: "Give the account number first.\nAsk for a ticket and a time.".into(),
        };
        store.create_contact(&details, now).unwrap();
    }
}

fn summary(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label}: median {:.1} ms, min {:.1} ms, max {:.1} ms ({} runs)",
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        samples.len()
    );
}

fn pages(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("Pages:").map(|p| p.trim().to_owned()))
        .unwrap_or_default()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let options = PrintOptions {
        document: PrintDocument::Binder,
        incident_id: None,
        drill_id: None,
        paper: Paper::A4,
        include_sensitive: true,
        text: None,
        language: None,
    };

    // The core alone: the binder's HTML.
    {
        seed(data.path());
        let store = Store::open_in_dir(data.path()).unwrap();
        let utc = FixedOffset::east_opt(0).unwrap();
        let mut samples = Vec::new();
        let mut size = 0;
        for _ in 0..20 {
            let start = Instant::now();
            size = store
                .render_printout(&options, Utc::now(), &|_| utc)
                .unwrap()
                .html
                .len();
            samples.push(start.elapsed());
        }
        println!("binder HTML for {CONTACTS} contacts: {} kB", size / 1024);
        summary("core render", samples);
    }

    // The real app: "Save as PDF" of the binder, from the command to the file on disk.
    let driver = Driver::start_with(
        data.path(),
        &[("STEADY_SAVE_PDF_TO", out.path().to_str().unwrap())],
    )
    .await;
    let app = driver.launch_app().await;
    support::find(&app, "#home-title").await;
    let script = "const done = arguments[arguments.length - 1]; \
         const start = performance.now(); \
         window.__TAURI_INTERNALS__.invoke('save_document_pdf', { options: arguments[0] }) \
           .then(path => done({ path, ms: performance.now() - start }), \
                 error => done({ error }));";
    let args = vec![serde_json::to_value(&options).unwrap()];
    let mut samples = Vec::new();
    let mut path = String::new();
    for run in 0..=RUNS {
        let result = app.execute_async(script, args.clone()).await.unwrap();
        let value = result.json();
        assert!(
            value["error"].is_null(),
            "saving failed: {}",
            value["error"]
        );
        path = value["path"].as_str().unwrap().to_owned();
        // The first run warms WebKit's caches up.
        if run > 0 {
            samples.push(Duration::from_secs_f64(
                value["ms"].as_f64().unwrap() / 1000.0,
            ));
        }
    }
    let file = std::path::Path::new(&path);
    println!(
        "binder PDF for {CONTACTS} contacts: {} pages, {} kB",
        pages(file),
        std::fs::metadata(file).unwrap().len() / 1024
    );
    summary("save as PDF (whole command)", samples);
    app.quit().await.unwrap();
}

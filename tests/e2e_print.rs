//! Printing end to end in the real app (prototype).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{set_up_cafe, Driver};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binder_saved_as_pdf() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let driver = Driver::start_with(
        data.path(),
        &[("STEADY_SAVE_PDF_TO", out.path().to_str().unwrap())],
    )
    .await;
    let app = driver.launch_app().await;
    set_up_cafe(&app).await;
    let result = app
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             window.__TAURI_INTERNALS__.invoke('save_document_pdf', {options: {document: 'binder', incidentId: null, paper: 'a4', includeSensitive: true}}) \
             .then(r => done({ok: r}), e => done({err: e}));",
            vec![],
        )
        .await
        .unwrap();
    eprintln!("RESULT {:?}", result.json());
    std::fs::copy(
        out.path().join("Corner Café - Recovery plan.pdf"),
        "/tmp/proto-binder.pdf",
    )
    .unwrap();
    app.quit().await.unwrap();
}

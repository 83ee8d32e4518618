//! Steady opens no network connection: the real app, with its WebKit processes, is traced
//! (`strace -f`) through a whole outage — first run, an internet outage told to customers and
//! resolved, the emergency card saved as PDF, a backup, the plan exported — and every
//! `connect` or `sendto` to an internet address is counted: there must be none.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::os::unix::fs::PermissionsExt;

use support::{answer_file_chooser, click, find, set_up_cafe, tick_down, wait_for_text, Driver};

/// The system calls in `log` that reach for an address outside this machine.
fn internet_calls(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| {
            (line.contains("connect(") || line.contains("sendto(") || line.contains("sendmsg("))
                && (line.contains("AF_INET") || line.contains("AF_INET6"))
                && !line.contains("inet_addr(\"127.")
                && !line.contains("inet_pton(AF_INET6, \"::1\"")
        })
        .collect()
}

#[test]
fn the_trace_filter_catches_an_internet_address() {
    let log = "12 connect(3, {sa_family=AF_UNIX, sun_path=\"/tmp/.X11-unix/X99\"}, 20) = 0\n\
               12 connect(5, {sa_family=AF_INET, sin_port=htons(4444), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0\n\
               13 connect(7, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"9.9.9.9\")}, 16) = 0\n\
               14 sendto(8, \"x\", 1, 0, {sa_family=AF_INET6, sin6_port=htons(443), inet_pton(AF_INET6, \"2001:db8::1\", &sin6_addr)}, 28) = 1\n";
    assert_eq!(internet_calls(log).len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_outage_opens_no_internet_connection() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let log = work.path().join("trace.log");
    let wrapper = work.path().join("steady-traced");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec strace -f -qq -e trace=connect,sendto,sendmsg,execve -o '{}' '{}' \"$@\"\n",
            log.display(),
            env!("CARGO_BIN_EXE_steady")
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let pdfs = work.path().join("pdf");
    std::fs::create_dir(&pdfs).unwrap();
    let driver = Driver::start_with(
        data.path(),
        &[("STEADY_SAVE_PDF_TO", pdfs.to_str().unwrap())],
    )
    .await;
    let app = driver.launch(&wrapper).await;

    set_up_cafe(&app).await;
    click(&app, "#something-down").await;
    tick_down(&app, "Internet").await;
    click(&app, "#start-tell").await;
    find(&app, "#notice-body").await;
    click(&app, "#notice-copy").await;
    wait_for_text(&app, ".toast", "Copied").await;
    click(&app, "#go-resolve").await;
    click(&app, ".restore-list button").await;
    find(&app, ".restore-list .ok").await;

    click(&app, "#nav-print").await;
    click(&app, "#save-pdf-card").await;
    wait_for_text(&app, ".toast span", "Saved as ").await;
    click(&app, ".toast button").await;

    click(&app, "#nav-settings").await;
    click(&app, "#back-up-now").await;
    wait_for_text(&app, ".toast", "Backed up").await;
    click(&app, "#export-plan").await;
    let exported = work.path().join("plan.json");
    answer_file_chooser("Save the whole plan as a file", &exported).await;
    wait_for_text(&app, ".toast", "plan.json").await;
    app.quit().await.unwrap();
    drop(driver);

    assert!(std::fs::metadata(&exported).unwrap().len() > 1000);
    let trace = std::fs::read_to_string(&log).unwrap();
    let calls = trace.lines().filter(|l| l.contains("connect(")).count();
    let programs: std::collections::BTreeSet<&str> = trace
        .lines()
        // A call another thread interrupted ends "<unfinished ...>" and succeeds on a later
        // "<... execve resumed>" line: counted as well.
        .filter(|l| {
            l.contains("execve(\"") && (l.ends_with("= 0") || l.ends_with("<unfinished ...>"))
        })
        .filter_map(|l| l.split('"').nth(1))
        .filter_map(|path| path.rsplit('/').next())
        .collect();
    eprintln!(
        "offline: programs traced {programs:?}, {calls} connect calls, {} to the internet",
        internet_calls(&trace).len()
    );
    assert!(
        programs.contains("WebKitNetworkProcess") && programs.contains("WebKitWebProcess"),
        "WebKit's processes were traced too: {programs:?}"
    );
    assert_eq!(internet_calls(&trace), Vec::<&str>::new());
}

//! What Steady costs beyond the WebKit window every Tauri app pays for: start-up until the
//! first screen is interactive with a realistic plan loaded (50 contacts, 20 services, 200
//! past incidents), and the memory of the app and its WebKit processes, against the bare
//! Tauri app in `bench/hello` built with the same profile — side by side, alternating A B A B,
//! because absolute times on these machines are noisy. The same start-up again with an outage
//! open (the home screen then shows the outage glance, the first screen an owner sees on a bad
//! morning). Then, on a large plan (10,000
//! incidents, 1,000 contacts), how long the Incidents and Contacts screens take to show their
//! first page in the real window. Run by `make bench`, which builds both first and writes the
//! table into `bench/results.md`; it prints figures rather than judging. The first screen counts
//! as drawn at the first frame after its element is in the page, told by the page itself.
//! `STEADY_BENCH_BUILDS="name=path;…"` instead compares builds of Steady with hello world, like
//! for like, in both scenarios (with how much of the time is inside the page), for trying a
//! change to start-up in a few minutes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use steady_core::fixture::{self, Scale};
use steady_core::incidents::IncidentStart;
use steady_core::Store;
use support::Driver;

const RUNS: usize = 10;
/// Starts of each app for a start-up ratio: A B pairs, each pair's ratio taken, so that the
/// drift of a noisy machine over the run falls on both sides of every pair alike.
const PAIRS: usize = 24;
const IDLE: Duration = Duration::from_secs(60);
/// Starts of each app left idle for a minute: the memory then is their median.
const IDLE_RUNS: usize = 3;

#[derive(Clone)]
struct App {
    name: &'static str,
    binary: PathBuf,
    /// What shows once the first screen is interactive.
    ready: &'static str,
}

/// The processes started from `binary`, and every process under them (WebKit's web and
/// network processes).
fn process_tree(binary: &Path) -> Vec<u32> {
    let binary = binary.canonicalize().unwrap();
    let mut parents: Vec<(u32, u32)> = Vec::new();
    let mut roots = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if std::fs::read_link(entry.path().join("exe")).is_ok_and(|exe| exe == binary) {
            roots.push(pid);
        }
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // pid (comm) state ppid …: the name may hold spaces, so read after its ')'.
        if let Some(ppid) = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok())
        {
            parents.push((pid, ppid));
        }
    }
    let mut tree = roots.clone();
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(
            parents
                .iter()
                .filter(|(_, ppid)| *ppid == parent)
                .map(|(pid, _)| *pid),
        );
        i += 1;
    }
    tree
}

/// Proportional set size of `pids` together, in MiB.
fn pss_mib(pids: &[u32]) -> f64 {
    let kib: u64 = pids
        .iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok())
        .filter_map(|rollup| {
            rollup.lines().find_map(|line| {
                line.strip_prefix("Pss:")
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            })
        })
        .sum();
    kib as f64 / 1024.0
}

/// PSS in MiB per kind of process (the app itself, WebKit's web process, …), largest first.
fn pss_by_process(pids: &[u32]) -> Vec<(String, f64)> {
    let mut by: Vec<(String, f64)> = Vec::new();
    for pid in pids {
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .unwrap_or_default()
            .trim()
            .to_owned();
        let pss = pss_mib(&[*pid]);
        match by.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += pss,
            None => by.push((name, pss)),
        }
    }
    by.sort_by(|a, b| b.1.total_cmp(&a.1));
    by
}

/// Starts `app` once: the time until its first screen is interactive, and its memory then
/// (and after `idle`, when asked).
async fn start(driver: &Driver, app: &App, idle: Option<Duration>) -> Started {
    let begun = Instant::now();
    let launched = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        * 1000.0;
    let session = driver.launch(&app.binary).await;
    let mut in_page = drawn(&session, app.ready).await;
    // The page's time origin is a wall-clock time: from the launch to it is the native part.
    in_page[4] -= launched;
    let took = begun.elapsed();
    let pids = process_tree(&app.binary);
    let loaded = pss_mib(&pids);
    let idled = match idle {
        Some(wait) => {
            tokio::time::sleep(wait).await;
            let pids = process_tree(&app.binary);
            let parts: Vec<String> = pss_by_process(&pids)
                .iter()
                .map(|(name, mib)| format!("{name} {mib:.0}"))
                .collect();
            println!(
                "- {} after {} s idle, MiB by process: {}",
                app.name,
                wait.as_secs(),
                parts.join(", ")
            );
            Some(pss_mib(&pids))
        }
        None => None,
    };
    session.quit().await.unwrap();
    Started {
        took,
        in_page,
        loaded,
        idled,
    }
}

/// One start of an app.
struct Started {
    /// From launching it to its first screen drawn.
    took: Duration,
    /// The part of that after its page began to load, and of that until the page's
    /// DOMContentLoaded, its load event and WebDriver's script arriving, and from the launch to
    /// the page's navigation, then until Steady's own marks (`ui/src/lib/startupMarks.ts`):
    /// its code loaded, the first screen's data in hand, the first screen in the page (-1 for
    /// hello world, which has none), in milliseconds.
    in_page: [f64; IN_PAGE],
    /// Its memory (MiB) then.
    loaded: f64,
    /// Its memory (MiB) after the idle wait asked for.
    idled: Option<f64>,
}

/// How many times [`Started::in_page`] holds.
const IN_PAGE: usize = 8;

/// Waits until `css` is in the page and a frame has been drawn with it, told by the page
/// itself (a mutation observer, then the next frame), the same way for both apps. Polling from
/// outside would add up to its interval to whichever app draws after the page has loaded.
/// The milliseconds from the page's navigation to then, to its DOMContentLoaded, to its load
/// event and to when WebDriver's script arrived (WebKit runs it only once the page has loaded),
/// the page's time origin (milliseconds since 1970), and the page's own start-up marks.
async fn drawn(session: &thirtyfour::WebDriver, css: &str) -> [f64; IN_PAGE] {
    let script = "const [css, done] = arguments; \
        const arrived = performance.now(); \
        const mark = (name) => performance.getEntriesByName('steady:' + name, 'mark')[0]?.startTime ?? -1; \
        const drawn = () => requestAnimationFrame(() => { \
            const nav = performance.getEntriesByType('navigation')[0]; \
            done([performance.now(), nav?.domContentLoadedEventEnd ?? -1, \
                nav?.loadEventEnd ?? -1, arrived, performance.timeOrigin, \
                mark('code'), mark('data'), mark('first-screen')]); }); \
        if (document.querySelector(css)) { drawn(); } else { \
            const seen = new MutationObserver(() => { \
                if (document.querySelector(css)) { seen.disconnect(); drawn(); } }); \
            seen.observe(document, { childList: true, subtree: true }); }";
    let at = session
        .execute_async(script, vec![css.into()])
        .await
        .unwrap_or_else(|err| panic!("{css} was never drawn: {err}"));
    std::array::from_fn(|i| at.json()[i].as_f64().expect("milliseconds"))
}

/// Start-up times, memory once loaded and memory after a minute idle of two apps, in
/// milliseconds and MiB, each as `[a, b]`.
struct Runs {
    times: [Vec<f64>; 2],
    loaded: [Vec<f64>; 2],
    idle: [Vec<f64>; 2],
}

/// `a` and `b` started through `driver`: a warm-up of each, then A B A B; then, when `idle`,
/// A B A B left idle a minute each for the memory after.
async fn side_by_side(driver: &Driver, a: &App, b: &App, idle: bool) -> Runs {
    for app in [a, b] {
        start(driver, app, None).await;
    }
    let mut runs = Runs {
        times: [Vec::new(), Vec::new()],
        loaded: [Vec::new(), Vec::new()],
        idle: [Vec::new(), Vec::new()],
    };
    for _ in 0..PAIRS {
        for (i, app) in [a, b].into_iter().enumerate() {
            let started = start(driver, app, None).await;
            runs.times[i].push(started.took.as_secs_f64() * 1000.0);
            runs.loaded[i].push(started.loaded);
        }
    }
    // Idle memory swings by several MiB from one start to the next: a median of A B A B A B.
    for _ in 0..if idle { IDLE_RUNS } else { 0 } {
        for (i, app) in [a, b].into_iter().enumerate() {
            runs.idle[i].push(start(driver, app, Some(IDLE)).await.idled.unwrap());
        }
    }
    runs
}

/// The median of each pair's ratio `a[i] / b[i]`, and its quartiles: how sure that median
/// is. On two noisy cores the same binary against itself reads anywhere in 1.0 ± 0.1 over a
/// median of ten; the quartiles say whether a goal like "≤ 1.10" is told apart at all.
fn paired_ratio(a: &[f64], b: &[f64]) -> (f64, f64, f64) {
    let mut ratios: Vec<f64> = a.iter().zip(b).map(|(a, b)| a / b).collect();
    ratios.sort_by(f64::total_cmp);
    let at = |q: usize| ratios[(ratios.len() - 1) * q / 4];
    (at(2), at(1), at(3))
}

fn median_and_spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    (
        values[values.len() / 2],
        values[0],
        values[values.len() - 1],
    )
}

/// `make bench-profiles`: Steady built with each release-profile variant in `variants`
/// (`name=binary;…`), started A B C … alternating with the current build and hello world,
/// for the start-up and size of each.
async fn compare_profiles(driver: &Driver, steady: &App, hello: &App, variants: &str) {
    let mut apps = vec![App {
        name: "the release profile as it is",
        binary: steady.binary.clone(),
        ready: steady.ready,
    }];
    for variant in variants.split(';').filter(|v| !v.is_empty()) {
        // The name may hold a `=` itself ("lto=true alone"); the path does not.
        let (name, binary) = variant.rsplit_once('=').expect("name=binary");
        apps.push(App {
            name: Box::leak(name.to_owned().into_boxed_str()),
            binary: PathBuf::from(binary),
            ready: steady.ready,
        });
    }
    apps.push(App {
        name: hello.name,
        binary: hello.binary.clone(),
        ready: hello.ready,
    });
    for app in &apps {
        start(driver, app, None).await;
    }
    let mut times = vec![Vec::new(); apps.len()];
    // In the page, each start's times (`Started::in_page`).
    let mut in_page: Vec<[Vec<f64>; IN_PAGE]> = vec![Default::default(); apps.len()];
    for _ in 0..PAIRS {
        for (i, app) in apps.iter().enumerate() {
            let started = start(driver, app, None).await;
            times[i].push(started.took.as_secs_f64() * 1000.0);
            for (samples, value) in in_page[i].iter_mut().zip(started.in_page) {
                samples.push(value);
            }
        }
    }
    let hello_times = times[apps.len() - 1].clone();
    println!(
        "| Steady built with | start-up (median of {PAIRS}, range) | × hello world (median of each round's, quartiles) | of which in the page | page's DOMContentLoaded | load | WebDriver's script | before the page | code loaded | data in hand | first screen in the page | binary |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for ((app, samples), page) in apps.iter().zip(times).zip(in_page) {
        let (ratio, q1, q3) = paired_ratio(&samples, &hello_times);
        let (median, low, high) = median_and_spread(samples);
        let [drawn, content, load, arrived, before, code, data, screen] =
            page.map(|p| median_and_spread(p).0);
        // Hello world has no marks of its own.
        let mark = |ms: f64| {
            if ms < 0.0 {
                "–".to_owned()
            } else {
                format!("{ms:.0} ms")
            }
        };
        println!(
            "| {} | {median:.0} ms ({low:.0}–{high:.0}) | {ratio:.2} ({q1:.2}–{q3:.2}) | {drawn:.0} ms | {content:.0} ms | {load:.0} ms | {arrived:.0} ms | {before:.0} ms | {} | {} | {} | {:.1} MiB |",
            app.name,
            mark(code),
            mark(data),
            mark(screen),
            size_mib(&app.binary)
        );
    }
}

/// Milliseconds from a click on `nav` until `rows` rows are drawn, measured in the page.
async fn open_screen(session: &thirtyfour::WebDriver, nav: &str, rows: &str) -> f64 {
    let script = "const [nav, rows, done] = arguments; \
        const start = performance.now(); \
        document.querySelector(nav).click(); \
        const poll = () => document.querySelectorAll(rows).length >= 100 \
            ? done(performance.now() - start) : requestAnimationFrame(poll); \
        poll();";
    let took = session
        .execute_async(script, vec![nav.into(), rows.into()])
        .await
        .unwrap();
    took.json().as_f64().unwrap()
}

fn size_mib(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(f64::NAN, |m| m.len() as f64 / 1024.0 / 1024.0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open_in_dir(data.path()).unwrap();
        fixture::fill(&mut store, Scale::REALISTIC, Utc::now()).unwrap();
    }
    let release = PathBuf::from(env!("CARGO_BIN_EXE_steady"))
        .parent()
        .unwrap()
        .to_owned();
    let steady = App {
        name: "Steady",
        binary: PathBuf::from(env!("CARGO_BIN_EXE_steady")),
        ready: "#home-title",
    };
    let hello = App {
        name: "hello world",
        binary: release.join("hello-tauri"),
        ready: "#ready",
    };
    assert!(
        hello.binary.exists(),
        "{} is missing: `make bench` builds it",
        hello.binary.display()
    );
    let outage = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open_in_dir(outage.path()).unwrap();
        let now = Utc::now();
        fixture::fill(&mut store, Scale::REALISTIC, now).unwrap();
        let first = store.list_services().unwrap()[0].id;
        let start = IncidentStart {
            service_ids: vec![first],
            something_else: String::new(),
            started_at: Some(now - chrono::Duration::minutes(15)),
        };
        store.start_incident(&start, now).unwrap();
    }
    let in_outage = App {
        ready: "#home-next-step",
        ..steady.clone()
    };
    // Builds of Steady side by side, like for like: a calm day, then an outage open.
    if let Ok(variants) = std::env::var("STEADY_BENCH_BUILDS") {
        let cpu = [("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")];
        for (dir, app) in [(data.path(), &steady), (outage.path(), &in_outage)] {
            println!(
                "With {} ready, hello world also painting with the CPU:",
                app.ready
            );
            println!();
            let driver = Driver::start_with(dir, &cpu).await;
            compare_profiles(&driver, app, &hello, &variants).await;
            println!();
        }
        return;
    }
    let driver = Driver::start(data.path()).await;
    if let Ok(variants) = std::env::var("STEADY_BENCH_PROFILES") {
        compare_profiles(&driver, &steady, &hello, &variants).await;
        return;
    }

    println!("As shipped:");
    println!();
    let ours = side_by_side(&driver, &steady, &hello, true).await;
    drop(driver);
    // Steady tells WebKit to paint with the CPU; hello world keeps WebKit's default. The same
    // comparison with hello world told the same, like for like.
    let driver =
        Driver::start_with(data.path(), &[("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")]).await;
    println!();
    println!("Like for like, hello world also painting with the CPU:");
    println!();
    let flat = side_by_side(&driver, &steady, &hello, true).await;
    drop(driver);

    // The same plan with an outage open since a quarter of an hour: home is the outage glance.
    let driver = Driver::start(outage.path()).await;
    let outage_ours = side_by_side(&driver, &in_outage, &hello, false).await;
    drop(driver);
    let driver =
        Driver::start_with(outage.path(), &[("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")]).await;
    let outage_flat = side_by_side(&driver, &in_outage, &hello, false).await;
    drop(driver);

    let row = |what: &str, unit: &str, a: &[f64], b: &[f64], goal: &str| {
        let (ma, mb) = (median_and_spread(a.to_vec()), median_and_spread(b.to_vec()));
        println!(
            "| {what} | {:.0} {unit} ({:.0}–{:.0}) | {:.0} {unit} ({:.0}–{:.0}) | {:.2} | {goal} |",
            ma.0,
            ma.1,
            ma.2,
            mb.0,
            mb.1,
            mb.2,
            ma.0 / mb.0
        );
    };
    // Start-up: each start of Steady against the start of hello world right after it.
    let paired = |what: &str, a: &[f64], b: &[f64]| {
        let (ma, mb) = (median_and_spread(a.to_vec()), median_and_spread(b.to_vec()));
        let (ratio, low, high) = paired_ratio(a, b);
        println!(
            "| {what} | {:.0} ms ({:.0}–{:.0}) | {:.0} ms ({:.0}–{:.0}) | {ratio:.2} ({low:.2}–{high:.2}) | ≤ 1.10 |",
            ma.0, ma.1, ma.2, mb.0, mb.1, mb.2
        );
    };
    println!();
    println!(
        "| Measure | {} | {} | ratio (start-up: median of each pair's, quartiles) | goal |",
        steady.name, hello.name
    );
    println!("|---|---:|---:|---:|---|");
    for (runs, like) in [
        (&ours, ""),
        (&flat, ", hello world also painting with the CPU"),
    ] {
        paired(
            &format!("Start-up to an interactive first screen (median of {PAIRS}, range){like}"),
            &runs.times[0],
            &runs.times[1],
        );
        row(
            &format!("Memory (PSS, app + WebKit processes) once loaded{like}"),
            "MiB",
            &runs.loaded[0],
            &runs.loaded[1],
            "≤ 1.2",
        );
        row(
            &format!(
                "Memory after {} s idle (median of {IDLE_RUNS}, range){like}",
                IDLE.as_secs()
            ),
            "MiB",
            &runs.idle[0],
            &runs.idle[1],
            "≤ 1.2",
        );
    }
    for (runs, like) in [
        (&outage_ours, ""),
        (&outage_flat, ", hello world also painting with the CPU"),
    ] {
        paired(
            &format!(
                "Start-up with an outage open, to the outage glance (median of {PAIRS}, range){like}"
            ),
            &runs.times[0],
            &runs.times[1],
        );
    }
    let (a, b) = (size_mib(&steady.binary), size_mib(&hello.binary));
    println!(
        "| Release binary | {a:.1} MiB | {b:.1} MiB | {:.2} | |",
        a / b
    );
    let deb = std::fs::read_dir(release.join("bundle/deb"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"));
    if let Some(deb) = deb {
        println!(
            "| `.deb` ({}) | {:.1} MiB | | | < 10 MB |",
            deb.file_name().unwrap().to_string_lossy(),
            size_mib(&deb)
        );
    }

    // Years of history: the two long lists, opened from the home screen each time.
    let large = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open_in_dir(large.path()).unwrap();
        fixture::fill(&mut store, Scale::LARGE, Utc::now()).unwrap();
    }
    let driver = Driver::start(large.path()).await;
    let session = driver.launch(&steady.binary).await;
    support::find(&session, "#home-title").await;
    let mut incidents = Vec::new();
    let mut contacts = Vec::new();
    for run in 0..=RUNS {
        let a = open_screen(&session, "#nav-incidents", ".incident-list li").await;
        support::click(&session, "#nav-home").await;
        support::find(&session, "#home-title").await;
        let b = open_screen(&session, "#nav-contacts", "article.contact").await;
        support::click(&session, "#nav-home").await;
        support::find(&session, "#home-title").await;
        // The first of each warms WebKit up.
        if run > 0 {
            incidents.push(a);
            contacts.push(b);
        }
    }
    session.quit().await.unwrap();
    println!();
    println!("| Screen at 10,000 incidents and 1,000 contacts | click to first 100 rows drawn (median of {RUNS}, range) | goal |");
    println!("|---|---:|---|");
    for (what, samples) in [("Incidents", incidents), ("Contacts", contacts)] {
        let (median, low, high) = median_and_spread(samples);
        println!("| {what} | {median:.0} ms ({low:.0}–{high:.0}) | < 200 ms |");
    }
}

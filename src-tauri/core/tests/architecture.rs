//! The core's modules form layers: no two of them use each other, directly or round about.
//! A cycle is how knowledge starts to live in two places (incidents and notices once needed
//! each other's words); this test reads the sources and names any cycle it finds. It prints
//! the import graph it read (`cargo test -p steady-core --test architecture -- --nocapture`)
//! and holds the layers that were once crossed: the directory (`contacts`) knows nothing of
//! backups or the data folder (the vCard import with its backup is `transfer`, above it), and
//! an announced outage takes its words from the vocabulary, not from the printouts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which top-level modules each top-level module of the core refers to (`crate::x`), tests
/// and test helpers left out.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = vec![src.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                files.push(entry.unwrap().path());
            }
            continue;
        }
        let relative = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let test_only = relative
            .split('/')
            .any(|part| part == "tests" || part == "tests.rs")
            || ["testing.rs", "hostile.rs", "bindings.rs", "lib.rs"].contains(&relative.as_str());
        if !relative.ends_with(".rs") || test_only {
            continue;
        }
        let module = relative
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.split("#[cfg(test)]\nmod tests {").next().unwrap();
        let uses = graph.entry(module.clone()).or_default();
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            // `text_enum!` is the crate's macro, not a module.
            if !name.is_empty() && name != module && name != "text_enum" {
                uses.insert(name);
            }
        }
    }
    graph
}

/// A cycle through `start`, if there is one.
fn cycle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
    start: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    for next in graph.get(path.last().unwrap()).into_iter().flatten() {
        if next == start {
            let mut cycle = path.clone();
            cycle.push(start.to_owned());
            return Some(cycle);
        }
        if !path.contains(next) {
            path.push(next.clone());
            if let Some(cycle) = cycle_from(graph, start, path) {
                return Some(cycle);
            }
            path.pop();
        }
    }
    None
}

#[test]
fn the_core_modules_have_no_import_cycle() {
    let graph = graph();
    println!("The core's import graph (module -> the modules it uses):");
    for (module, uses) in &graph {
        println!(
            "{module} -> {}",
            uses.iter().cloned().collect::<Vec<_>>().join(", ")
        );
    }
    for module in graph.keys() {
        let cycle = cycle_from(&graph, module, &mut vec![module.clone()]);
        assert!(
            cycle.is_none(),
            "import cycle: {}",
            cycle.unwrap().join(" -> ")
        );
    }
    assert!(graph["vocabulary"].iter().all(|m| m == "business"));
    for (module, below) in [
        ("incidents", "notices"),
        ("contacts", "backups"),
        ("contacts", "datafolder"),
        ("announced", "print"),
    ] {
        assert!(
            !graph[module].contains(below),
            "{module} uses {below}, a module it must not know"
        );
    }
}

//! What `steady` says in a terminal: its help and why it refused an option, in the owner's
//! language. Which options there are, and what each does, is the shell's (`cli.rs`); the words
//! are data here, as every word the core writes.

use std::path::Path;

use serde::Deserialize;

use crate::business::Language;
use crate::vocabulary::{fill, PerLanguage};

#[derive(Debug, Deserialize)]
struct Words {
    summary: String,
    usage: String,
    options_title: String,
    outage: String,
    background: String,
    safe_display: String,
    help: String,
    version: String,
    data_title: String,
    data_override: String,
    unknown: String,
    try_help: String,
}

static WORDS: PerLanguage<Words> = PerLanguage::new(&[
    (Language::En, include_str!("../command_line/en.json")),
    (Language::Fr, include_str!("../command_line/fr.json")),
]);

/// `steady --help`: what Steady is, its options, and where its data lives (`data_dir`).
pub fn usage(language: Language, data_dir: &Path) -> String {
    let words = WORDS.get(language);
    let options = [
        ("--outage", &words.outage),
        ("--background", &words.background),
        ("--safe-display", &words.safe_display),
        ("-h, --help", &words.help),
        ("-V, --version", &words.version),
    ];
    let mut out = format!(
        "{}\n\n{}\n\n{}\n",
        words.summary, words.usage, words.options_title
    );
    for (option, what) in options {
        out.push_str(&format!("  {option:<16}{what}\n"));
    }
    out.push_str(&format!(
        "\n{}\n  {}\n{}\n",
        words.data_title,
        data_dir.display(),
        words.data_override
    ));
    out
}

/// What `steady` says of an option it does not know, and where to look.
pub fn unknown_option(language: Language, option: &str) -> String {
    let words = WORDS.get(language);
    format!(
        "{}\n{}\n",
        fill(&words.unknown, &[("option", option)]),
        words.try_help
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_reads() {
        for (language, json) in WORDS.files() {
            let words: Result<Words, _> = serde_json::from_str(json);
            assert!(words.is_ok(), "{language:?}: {words:?}");
        }
    }

    #[test]
    fn the_help_names_every_option_and_the_data_folder_in_each_language() {
        let dir = Path::new("/home/ana/.local/share/app.steady.desktop");
        for language in [Language::En, Language::Fr] {
            let help = usage(language, dir);
            for option in [
                "--outage",
                "--background",
                "--safe-display",
                "--help",
                "--version",
            ] {
                assert!(help.contains(option), "{language:?}: {help}");
            }
            assert!(help.contains("\n  /home/ana/.local/share/app.steady.desktop\n"));
            assert!(help.contains("STEADY_DATA_DIR"), "{help}");
            for line in help.lines() {
                assert!(line.chars().count() <= 80, "fits a terminal: {line}");
            }
        }
        assert!(usage(Language::Fr, dir).contains("Options :"));
        assert!(usage(Language::En, dir).starts_with("Steady: get a small business"));
    }

    #[test]
    fn an_unknown_option_is_named_with_where_to_look() {
        assert_eq!(
            unknown_option(Language::En, "--frobnicate"),
            "steady: unknown option --frobnicate\nTry “steady --help” to see the options.\n"
        );
        assert!(unknown_option(Language::Fr, "-x").starts_with("steady : option inconnue -x\n"));
    }
}

//! `steady` in a terminal: what it was asked to do, read by hand from its arguments (five
//! options do not need a parser crate). `--help` and `--version` answer and quit before
//! anything opens a window, so they work with no display at all; what it says is in the
//! owner's language (`steady_core::command_line`).

use std::ffi::OsString;
use std::path::PathBuf;

use steady_core::datafolder::DataFolder;
use steady_core::store::choose_data_dir;

use crate::autostart::BACKGROUND;

/// Opens the window on the start screen of an outage ("Something's down").
pub const OUTAGE: &str = "--outage";
/// Draws the window in display safe mode this run.
pub const SAFE_DISPLAY: &str = "--safe-display";
/// What WebKit's WebDriver starts the browser it drives with (the end-to-end tests): not the
/// owner's, accepted and ignored.
const AUTOMATION: &str = "--automation";

/// How this run of Steady was asked to start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Launch {
    /// Started at login: no window until the owner opens one.
    pub background: bool,
    /// Open on the start screen of an outage.
    pub outage: bool,
    /// Display safe mode forced for this run.
    pub safe_display: bool,
    /// Driven by WebKit's WebDriver.
    pub automation: bool,
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    Run(Launch),
    Help,
    Version,
    /// An option Steady does not know (as typed).
    Unknown(String),
}

/// Reads the arguments after the program's name. The first of `--help`, `--version` or an
/// unknown option decides; the others add up.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Asked {
    let mut launch = Launch::default();
    for arg in args {
        match arg.to_str() {
            Some("-h" | "--help") => return Asked::Help,
            Some("-V" | "--version") => return Asked::Version,
            Some(BACKGROUND) => launch.background = true,
            Some(OUTAGE) => launch.outage = true,
            Some(SAFE_DISPLAY) => launch.safe_display = true,
            Some(AUTOMATION) => launch.automation = true,
            _ => return Asked::Unknown(arg.to_string_lossy().into_owned()),
        }
    }
    Asked::Run(launch)
}

/// What `steady --version` prints.
pub fn version() -> String {
    format!("steady {}\n", env!("CARGO_PKG_VERSION"))
}

/// This run's launch, or the answer to `--help` / `--version` / an unknown option printed and
/// the process ended (0, or 2 for a mistake), before any window or display is touched.
/// `identifier` is the app's, for where its data lives.
pub fn launch_or_exit(identifier: &str) -> Launch {
    let asked = parse(std::env::args_os().skip(1));
    let language = || {
        DataFolder::new(data_dir_before_start(identifier))
            .local_settings()
            .language
            .unwrap_or_else(crate::commands::system::system_language)
    };
    match asked {
        Asked::Run(launch) => launch,
        Asked::Help => {
            let dir = data_dir_before_start(identifier);
            print!("{}", steady_core::command_line::usage(language(), &dir));
            std::process::exit(0)
        }
        Asked::Version => {
            print!("{}", version());
            std::process::exit(0)
        }
        Asked::Unknown(option) => {
            eprint!(
                "{}",
                steady_core::command_line::unknown_option(language(), &option)
            );
            std::process::exit(2)
        }
    }
}

/// The data folder as Tauri will name it (`$XDG_DATA_HOME/<identifier>`, or under
/// `~/.local/share`), known before Tauri starts: what `--help` shows and where display safe
/// mode is remembered. `STEADY_DATA_DIR` and debug builds change it as they change Tauri's.
pub fn data_dir_before_start(identifier: &str) -> PathBuf {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    choose_data_dir(
        env("STEADY_DATA_DIR").map(PathBuf::from),
        data_home(env("XDG_DATA_HOME"), env("HOME")).join(identifier),
        cfg!(debug_assertions),
    )
}

/// The user's data folder as the XDG base directory specification names it: a relative
/// `XDG_DATA_HOME` is to be ignored.
fn data_home(xdg_data_home: Option<OsString>, home: Option<OsString>) -> PathBuf {
    xdg_data_home
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| home.map(|home| PathBuf::from(home).join(".local/share")))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Asked {
        parse(list.iter().map(OsString::from))
    }

    #[test]
    fn no_option_opens_steady_as_always() {
        assert_eq!(args(&[]), Asked::Run(Launch::default()));
    }

    #[test]
    fn options_add_up() {
        assert_eq!(
            args(&["--outage", "--safe-display"]),
            Asked::Run(Launch {
                outage: true,
                safe_display: true,
                ..Launch::default()
            })
        );
        assert_eq!(
            args(&["--background"]),
            Asked::Run(Launch {
                background: true,
                ..Launch::default()
            })
        );
    }

    #[test]
    fn help_and_version_answer_in_short_and_long() {
        for help in ["-h", "--help"] {
            assert_eq!(args(&[help]), Asked::Help);
            assert_eq!(args(&["--outage", help]), Asked::Help);
        }
        for version in ["-V", "--version"] {
            assert_eq!(args(&[version]), Asked::Version);
        }
        assert_eq!(version(), format!("steady {}\n", env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn an_unknown_option_is_refused_as_typed() {
        assert_eq!(
            args(&["--frobnicate"]),
            Asked::Unknown("--frobnicate".into())
        );
        assert_eq!(
            args(&["-v"]),
            Asked::Unknown("-v".into()),
            "-V is the version"
        );
        assert_eq!(args(&["plan.db"]), Asked::Unknown("plan.db".into()));
        assert_eq!(args(&["--help=me"]), Asked::Unknown("--help=me".into()));
        // The first word that decides wins.
        assert_eq!(args(&["--nope", "--help"]), Asked::Unknown("--nope".into()));
    }

    #[test]
    fn the_data_folder_is_found_as_tauri_finds_it() {
        let home = Some(OsString::from("/home/ana"));
        assert_eq!(
            data_home(None, home.clone()),
            PathBuf::from("/home/ana/.local/share")
        );
        assert_eq!(
            data_home(Some("/data/ana".into()), home.clone()),
            PathBuf::from("/data/ana")
        );
        assert_eq!(
            data_home(Some("relative".into()), home),
            PathBuf::from("/home/ana/.local/share")
        );
    }

    #[test]
    fn webdriver_s_own_argument_is_accepted() {
        assert_eq!(
            args(&["--automation"]),
            Asked::Run(Launch {
                automation: true,
                ..Launch::default()
            })
        );
    }
}

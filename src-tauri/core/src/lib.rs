//! Steady's core: the outage plan's domain rules and its storage in one SQLite file.
//!
//! It knows nothing of windows or IPC — the desktop shell calls into it — so it builds and
//! tests in seconds and could serve a command-line tool as well. `make test` fails if it ever
//! depends on `tauri`.

pub mod announced;
pub mod backups;
pub mod business;
pub mod command_line;
pub mod contacts;
mod contentline;
pub mod costs;
pub mod datafolder;
pub mod drills;
pub mod error;
pub mod export;
pub mod field_paths;
pub mod fields;
#[cfg(feature = "fixture")]
pub mod fixture;
pub mod home;
pub mod incidents;
pub mod links;
mod moments;
pub mod notices;
pub mod plan;
pub mod pocket;
pub mod print;
mod private;
pub mod qr;
pub mod reminders;
pub mod start;
pub mod starter;
pub mod store;
pub mod sync;
pub mod team;
pub mod transfer;
pub mod vocabulary;
pub mod watch;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod hostile;
#[cfg(test)]
mod testing;

pub use error::{
    ApiError, CoreError, CoreResult, ErrorCode, FieldError, FieldProblem, FileProblem, FileReason,
};
pub use store::Store;

/// Declares a closed set of choices stored and sent as fixed snake_case strings, so that a
/// renamed Rust variant can never silently change what is in the file or what the UI sees.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every choice, in the order the UI offers them.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }

            /// Reads a value back from the database.
            pub fn parse_stored(text: &str) -> $crate::error::CoreResult<Self> {
                match text {
                    $($text => Ok(Self::$variant),)+
                    other => Err($crate::error::CoreError::Corrupt(format!(
                        "{} {other:?}",
                        stringify!($name)
                    ))),
                }
            }
        }

        impl $crate::vocabulary::Choice for $name {
            const NAME: &'static str = stringify!($name);
            const ALL: &'static [Self] = Self::ALL;
            fn as_str(self) -> &'static str {
                Self::as_str(self)
            }
        }
    };
}

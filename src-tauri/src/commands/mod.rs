//! One module per domain; each command is a thin wrapper over the core.

pub mod announced;
pub mod business;
pub mod claims;
pub mod contacts;
pub mod costs;
pub mod data;
pub mod drills;
pub mod home;
pub mod incidents;
pub mod notices;
pub mod plan;
pub mod plan_actions;
pub mod print;
pub mod reminders;
pub mod sharing;
pub mod system;
pub mod team;
pub mod window;

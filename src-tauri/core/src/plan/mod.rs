//! The recovery plan prepared on calm days: critical services and their workarounds, backup
//! runbooks, people and safety, and what is still missing.

pub mod health;
pub mod runbooks;
pub mod safety;
pub mod services;
pub mod usage;

#[cfg(test)]
mod tests;

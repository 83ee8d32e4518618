//! What the owner may claim after an outage, and the claims marked as sent.

use chrono::{NaiveDate, Utc};
use steady_core::costs::Claims;
use steady_core::ApiError;
use tauri::State;

use crate::commands::print::shop_offset;
use crate::state::AppState;

/// The business's country's compensation rules weighed against the outage, and the
/// insurance side, in the shop's local days.
#[steady_macros::command]
pub async fn get_claims(state: State<'_, AppState>, incident_id: i64) -> Result<Claims, ApiError> {
    state
        .quietly(move |store| store.claims(incident_id, Utc::now(), &shop_offset))
        .await
}

/// Marks a claim as sent on `sent_on` (`None`: not sent after all); its deadline reminder
/// stops or comes back.
#[steady_macros::command(changes(Incidents, Reminders))]
pub async fn mark_claim_sent(
    state: State<'_, AppState>,
    incident_id: i64,
    rule: String,
    sent_on: Option<NaiveDate>,
) -> Result<Claims, ApiError> {
    state
        .with_store(move |store| {
            store.mark_claim_sent(incident_id, &rule, sent_on, Utc::now())?;
            store.claims(incident_id, Utc::now(), &shop_offset)
        })
        .await
}

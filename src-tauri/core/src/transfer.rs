//! Files brought into the owner's data from elsewhere, above the modules that keep that data:
//! each is read and checked whole first, then a backup is taken (how the owner undoes it),
//! then one transaction writes it. A vCard's contacts are imported here so that `contacts`
//! reads and writes cards without knowing about backups or the data folder (the plan's own
//! file, which replaces everything, is `export`).

use chrono::{DateTime, FixedOffset, Utc};

use crate::backups::BackupReason;
use crate::contacts::vcard::{Card, VcardPreview};
use crate::contacts::ContactKind;
use crate::datafolder::{BackupOutcome, DataFolder};
use crate::error::CoreResult;
use crate::store::Store;

impl Store {
    /// Adds and completes contacts from the cards of a vCard file
    /// ([`crate::contacts::vcard::parse`]), after a backup, in one transaction; nothing at
    /// all (and no backup) when a card is refused. `kinds` are the kinds the owner left in the
    /// preview, card by card in its order: a new contact takes its card's (a contact Steady
    /// has keeps its own); a card without one keeps the guess.
    pub fn import_vcard(
        &mut self,
        folder: &DataFolder,
        cards: &[Card],
        kinds: &[ContactKind],
        now: DateTime<FixedOffset>,
    ) -> CoreResult<(VcardPreview, Option<BackupOutcome>)> {
        let planned = self.plan_vcard_import(cards, kinds)?;
        let saved = self.back_up_before(folder, BackupReason::BeforeImport, now)?;
        let done = self.write_vcard_import(planned, now.with_timezone(&Utc))?;
        Ok((done, saved))
    }
}

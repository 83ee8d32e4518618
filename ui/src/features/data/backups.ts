// How a backup is described to the owner: when, where, what it holds.

import { i18n } from "../../lib/i18n/index.svelte";
import { dateTimeFormat } from "../../lib/intl";
import type { BackupContents, BackupInfo, CopyOutcome } from "../../lib/ipc";
import { label } from "../../lib/vocabulary";

/** A backup's time in the owner's language and local time: "30 Nov 2026, 17:51". */
export function backupWhen(iso: string): string {
  return dateTimeFormat(i18n.timeLocale, {
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: i18n.timeOfDay.hourCycle,
  }).format(new Date(iso));
}

export function holdsText(contents: BackupContents): string {
  return i18n.t.data.holdsText(contents.services, contents.contacts, contents.incidents);
}

/** Where a backup is: this computer, or the copy folder and which computer made it — said
 *  plainly when that was another computer. */
export function placeText(backup: BackupInfo): string {
  const computer = backup.computer ?? backup.machine;
  if (computer && backup.fromOtherComputer) return i18n.t.data.fromOtherComputer(computer);
  if (computer) return i18n.t.data.fromMachine(computer);
  return backup.copied ? i18n.t.data.alsoCopied : label("BackupPlace", backup.place);
}

/** What to tell the owner when the copy off this computer was not written; null if it was. */
export function copyProblemText(copy: CopyOutcome): string | null {
  switch (copy.kind) {
    case "missing":
      return i18n.t.data.copyBanner(copy.folder);
    case "failed":
      return i18n.t.data.copyFailed(copy.folder);
    default:
      return null;
  }
}

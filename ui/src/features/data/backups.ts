// How a backup is described to the owner: when, why, where, what it holds.
import { i18n } from "../../lib/i18n/index.svelte";
import type { BackupContents, BackupInfo } from "../../lib/ipc";

/** A backup's time in the owner's language and local time: "30 Nov 2026, 17:51". */
export function backupWhen(iso: string): string {
  return new Intl.DateTimeFormat(i18n.lang, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );
}

export function holdsText(contents: BackupContents): string {
  return i18n.t.data.holdsText(contents.services, contents.contacts, contents.incidents);
}

/** The backups that can be restored: read back, newest first (as listed). */
export function restorable(backups: BackupInfo[]): BackupInfo[] {
  return backups.filter((backup) => backup.contents !== null);
}

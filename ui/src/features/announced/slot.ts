// An announced outage's slot in words: "3 Dec, 06:43 to 11:43", the end's date only when
// it ends on another day.

import { formatTime } from "../../lib/durations";
import { i18n } from "../../lib/i18n/index.svelte";
import { dateTimeFormat } from "../../lib/intl";
import type { Announced } from "../../lib/ipc";

export function slot(item: Pick<Announced, "startsAt" | "endsAt">, now: Date = new Date()): string {
  const [start, end] = [new Date(item.startsAt), new Date(item.endsAt)];
  const endText =
    start.toDateString() === end.toDateString()
      ? dateTimeFormat(i18n.timeLocale, i18n.timeOfDay).format(end)
      : formatTime(item.endsAt, now);
  return i18n.t.announced.when(formatTime(item.startsAt, now), endText);
}

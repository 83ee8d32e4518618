// Tolerable downtimes are stored in minutes and shown in the largest whole unit.

import { i18n } from "./i18n/index.svelte";
import { dateTimeFormat } from "./intl";

export type DurationUnit = "minutes" | "hours" | "days";

const MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** The largest unit that divides `minutes` exactly, and the count in it. */
export function splitMinutes(minutes: number): { value: number; unit: DurationUnit } {
  for (const unit of ["days", "hours"] as const) {
    if (minutes > 0 && minutes % MINUTES[unit] === 0) {
      return { value: minutes / MINUTES[unit], unit };
    }
  }
  return { value: minutes, unit: "minutes" };
}

export function toMinutes(value: number, unit: DurationUnit): number {
  return Math.round(value * MINUTES[unit]);
}

/** A stored UTC time as a date in the owner's language. */
export function formatDate(iso: string): string {
  return dateTimeFormat(i18n.locale, { dateStyle: "long" }).format(new Date(iso));
}

/** A stored UTC time as the owner's local time, with the date unless it is today. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const when = new Date(iso);
  const sameDay = when.toDateString() === now.toDateString();
  return dateTimeFormat(i18n.timeLocale, {
    ...(sameDay ? {} : { day: "numeric", month: "short" }),
    ...i18n.timeOfDay,
  }).format(when);
}

/** A `datetime-local` input's value (local time) as a UTC time for storage. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const when = new Date(value);
  return Number.isNaN(when.getTime()) ? null : when.toISOString();
}

// Amounts as the owner reads and types them. The core keeps money in whole minor units and
// parses what is typed; the window only writes it out, in the owner's locale.

import { i18n } from "../../lib/i18n/index.svelte";
import { dateTimeFormat } from "../../lib/intl";
import type { Currency, Money } from "../../lib/ipc";

/** `73000` EUR as "730,00 €" in French, "€730.00" in English: for display only. */
export function formatMoney(
  minor: Money,
  currency: Currency,
  locale: string = i18n.locale,
): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 100);
}

/** A stored amount as the owner would type it again ("12,50" in French), blank for none. */
export function amountText(minor: Money | null, lang: string = i18n.lang): string {
  if (minor === null) return "";
  const units = Math.trunc(minor / 100);
  const cents = String(minor % 100).padStart(2, "0");
  return `${units}${lang === "fr" ? "," : "."}${cents}`;
}

/** Thousandths of a unit as typed ("2,5"). */
export function quantityText(milli: number, lang: string = i18n.lang): string {
  const whole = Math.trunc(milli / 1000);
  const fraction = String(milli % 1000)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}${lang === "fr" ? "," : "."}${fraction}` : String(whole);
}

/** A whole number as typed: `null` for blank, `undefined` when it is not one. */
export function wholeNumber(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^[-−]?\d{1,9}$/.test(trimmed) ? Number(trimmed.replace("−", "-")) : undefined;
}

/** The names of the days, Monday first, in the owner's locale. */
export function weekdayNames(locale: string = i18n.locale): string[] {
  const format = dateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  // 1 January 2024 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

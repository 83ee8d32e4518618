// The words of closed choices and durations, as the core's vocabulary has them
// (src-tauri/core/vocabulary/*.json, generated into ipc/vocabulary.ts): the window says what
// paper says, and en.ts / fr.ts keep only the window's own phrases.
import { i18n } from "./i18n/index.svelte";
import type { Language } from "./ipc";
import { type Choices, VOCABULARIES, type Vocabulary } from "./ipc/vocabulary";

export type Choice = keyof Choices;

/** The owner's word for `value` of `choice`, in the window's language unless told. */
export function label<C extends Choice>(
  choice: C,
  value: Choices[C],
  lang: Language = i18n.lang,
): string {
  const vocabulary: Vocabulary = VOCABULARIES[lang];
  return vocabulary.choices[choice][value];
}

/** A duration as the owner says it, by the core's rule (`vocabulary::duration`): "2 hours
 * 30 minutes", "3 jours", "less than a minute". */
export function duration(minutes: number, lang: Language = i18n.lang): string {
  const words = VOCABULARIES[lang].duration;
  const whole = Math.max(0, Math.floor(minutes));
  if (whole === 0) return words.none;
  const parts: [number, [string, string]][] = [
    [Math.floor(whole / 1440), words.day],
    [Math.floor((whole % 1440) / 60), words.hour],
    [whole % 60, words.minute],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, [one, many]]) => `${n} ${words.singular.includes(n) ? one : many}`)
    .join(" ");
}

/** A duration in the largest unit it is a whole number of ("90 minutes", "2 hours"), by the
 * core's rule (`vocabulary::duration_in_one_unit`). */
export function durationInOneUnit(minutes: number, lang: Language = i18n.lang): string {
  const words = VOCABULARIES[lang].duration;
  const whole = Math.max(0, Math.floor(minutes));
  const [n, [one, many]]: [number, [string, string]] =
    whole > 0 && whole % 1440 === 0
      ? [whole / 1440, words.day]
      : whole > 0 && whole % 60 === 0
        ? [whole / 60, words.hour]
        : [whole, words.minute];
  return `${n} ${words.singular.includes(n) ? one : many}`;
}

/** A time to come, to its two largest units ("2 days 3 hours", "5 hours 20 minutes"), at
 * least a minute. */
export function roughSpan(minutes: number): number {
  const whole = Math.max(1, Math.floor(minutes));
  if (whole >= 1440) return whole - (whole % 60);
  return whole;
}

/** A battery's time left as a person says it: to the minute under an hour, else to five. */
export function roughBattery(minutes: number): number {
  return minutes < 60 ? minutes : Math.round(minutes / 5) * 5;
}

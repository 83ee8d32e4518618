// The UI's words in every language Steady speaks, and which one is in use. English is always
// at hand; another language is read the first time it is needed (most owners only ever use
// one, so the other's words are never parsed or kept in memory).
// These are the window's own phrases: the words of closed choices and durations are the core's
// vocabulary, the same paper says (lib/vocabulary.ts).
import type { Clock, Country, Language } from "../ipc";
import { en } from "./en";

/** The shape every dictionary must have: the English one's, with its texts widened. */
export type Messages = Widen<typeof en>;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

const readers: Record<Exclude<Language, "en">, () => Promise<Messages>> = {
  fr: () => import("./fr").then((module) => module.fr),
};

/** The dictionaries read so far; reactive, so the screen changes as one arrives. Replaced
 * whole, never changed inside: the words themselves are not watched one by one. */
let dictionaries = $state.raw<Partial<Record<Language, Messages>>>({ en });

let current = $state<Language>("en");
let country = $state<Country | null>(null);
let clock = $state<Clock>("h24");

/** Reads the words of `lang` if they are not at hand yet. */
async function read(lang: Language): Promise<void> {
  if (lang === "en" || dictionaries[lang]) return;
  const words = await readers[lang]();
  dictionaries = { ...dictionaries, [lang]: words };
}

export const i18n = {
  get lang(): Language {
    return current;
  },
  /** Switches at once; words not read yet show in English for the moment they take. */
  set lang(lang: Language) {
    current = lang;
    if (typeof document !== "undefined") document.documentElement.lang = lang;
    read(lang).catch(() => {});
  },
  /** Switches to `lang` once its words are read: for the first screen, which must not show
   * English for a moment. */
  async use(lang: Language): Promise<void> {
    await read(lang).catch(() => {});
    this.lang = lang;
  },
  get t(): Messages {
    return dictionaries[current] ?? en;
  },
  /** The business's country, once known: dates and times are written as people there do. */
  get country(): Country | null {
    return country;
  },
  set country(code: Country | null) {
    country = code;
  },
  /** How the business writes times, as the core decides it for its country and language:
   * the window says "14:30" where the notices and paper do. */
  get clock(): Clock {
    return clock;
  },
  set clock(value: Clock) {
    clock = value;
  },
  /** The options a time of day is formatted with, whatever the locale's own habit ("en-FR"
   * alone reads 12-hour in some WebKit builds). */
  get timeOfDay(): Intl.DateTimeFormatOptions {
    return clock === "h12"
      ? { hour: "numeric", minute: "2-digit", hourCycle: "h12" }
      : { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  },
  /** The locale a time of day is written in: a 12-hour clock reads "8:00 AM" as the core
   * writes it (English Canada's own "8:00 a.m." would differ from the notices and paper). */
  get timeLocale(): string {
    return clock === "h12" ? "en-US" : this.locale;
  },
  /** The locale dates and numbers are formatted in: the language, in the business's country. */
  get locale(): string {
    return country && country !== "other" ? `${current}-${country.toUpperCase()}` : current;
  },
};

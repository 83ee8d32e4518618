// The UI's words in every language Steady speaks, and which one is in use.
import type { Country, Language } from "../ipc";
import { en } from "./en";
import { fr } from "./fr";

/** The shape every dictionary must have: the English one's, with its texts widened. */
export type Messages = Widen<typeof en>;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

const dictionaries: Record<Language, Messages> = { en, fr };

let current = $state<Language>("en");
let country = $state<Country | null>(null);

export const i18n = {
  get lang(): Language {
    return current;
  },
  set lang(lang: Language) {
    current = lang;
    if (typeof document !== "undefined") document.documentElement.lang = lang;
  },
  get t(): Messages {
    return dictionaries[current];
  },
  /** The business's country, once known: dates and times are written as people there do. */
  get country(): Country | null {
    return country;
  },
  set country(code: Country | null) {
    country = code;
  },
  /** The locale dates and numbers are formatted in: the language, in the business's country. */
  get locale(): string {
    return country && country !== "other" ? `${current}-${country.toUpperCase()}` : current;
  },
};

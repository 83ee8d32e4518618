// Where the window can be, each place with what it needs to open: a route is a value, so
// where a reminder, a question or a button leads is decided (and tested) here, and nothing
// about the screen shown is kept beside it to be reset by hand.
import type { Asked, IncidentStart, ReminderKind, Step } from "../ipc";

/** What the Contacts screen opens on when a shortcut led there. */
export type ContactsIntent = "new" | "search";

export type Route =
  | { name: "home" }
  /** `section`: a part of the plan to open at once. */
  | { name: "plan"; section?: "costs" }
  /** `edit`: a contact to open for editing (from a plan finding). */
  | { name: "contacts"; edit?: number; intent?: ContactsIntent }
  | { name: "incidents" }
  | { name: "notices" }
  /** `incident`: the incident whose report the screen opens on. */
  | { name: "print"; incident?: number }
  /** `section`: a part of Settings to open at (the home screen's "Backups"). */
  | { name: "settings"; section?: "backups" }
  /** `prefill`: what Steady noticed (the power, the network), ticked from when it began. */
  | { name: "start"; prefill?: IncidentStart }
  | { name: "incident"; id: number; step?: Step }
  /** `id: null`: a new one, its form first. */
  | { name: "announced"; id: number | null }
  /** Choosing and starting a drill of the plan. */
  | { name: "rehearse" }
  /** A drill's scorecard, its after-action report and what to fix. */
  | { name: "scorecard"; id: number };

export type RouteName = Route["name"];

/** The screens of the top bar, in its order. */
export const NAV = [
  "home",
  "plan",
  "contacts",
  "incidents",
  "notices",
  "print",
  "settings",
] as const;
export type NavTarget = (typeof NAV)[number];

/** The top bar's button lit for `route`, if it is one of them. */
export function navTarget(route: Route): NavTarget | null {
  const name: string = route.name;
  return (NAV as readonly string[]).includes(name) ? (name as NavTarget) : null;
}

/** Whether two routes lead to the same place, with the same parameters. */
export function sameRoute(a: Route, b: Route): boolean {
  return a.name === b.name && sameValue(a, b);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (value: object) =>
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k)
      .sort();
  const [ka, kb] = [keys(a), keys(b)];
  return (
    ka.length === kb.length &&
    ka.every(
      (k, i) =>
        k === kb[i] &&
        sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

/** Whether `route` shows that outage (live or announced): going there would lose nothing. */
export function showsOutage(
  route: Route,
  incidentId: number | null,
  announcedId: number | null,
): boolean {
  if (route.name === "incident") return incidentId !== null && route.id === incidentId;
  if (route.name === "announced") return announcedId !== null && route.id === announcedId;
  return false;
}

/** The step of an outage a reminder is about. */
const REMINDER_STEP: Partial<Record<ReminderKind, Step>> = {
  customer_update: "tell",
  eta_passed: "call",
  call_back: "call",
};

/** Where a reminder (or its notification) leads. */
export function reminderRoute(
  kind: ReminderKind,
  incidentId: number | null,
  announcedId: number | null,
): Route {
  if (incidentId !== null) {
    const step = REMINDER_STEP[kind];
    return step ? { name: "incident", id: incidentId, step } : { name: "incident", id: incidentId };
  }
  if (announcedId !== null) return { name: "announced", id: announcedId };
  return kind === "reprint" ? { name: "print" } : { name: "plan" };
}

/**
 * Where answering a question about the power or the network leads: the confirm step of the
 * outage it came back from, the announced outage it was, or the start screen ticked from
 * when it began.
 */
export function answerRoute(question: Asked): Route {
  const { suggestion } = question;
  if (suggestion.kind === "back") {
    return { name: "incident", id: suggestion.incidentId, step: "resolve" };
  }
  if (question.announcedId !== null) return { name: "announced", id: question.announcedId };
  return question.start ? { name: "start", prefill: question.start } : { name: "start" };
}

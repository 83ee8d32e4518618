// The one table from a route to its screen: the component (each its own chunk, read the first
// time it is opened, so start-up parses only the home screen), what it loads first, and its
// props from the route and the app's state. App.svelte only draws what this opens.
import HomeScreen from "./features/home/HomeScreen.svelte";
import type { Business, BusinessInput, Country, Language } from "./lib/ipc";
import { ipc } from "./lib/ipc";
import type { Route, RouteName } from "./lib/router/routes";
import { lazy, type Opens, type Shown, screen } from "./lib/router/screen";

/** What the screens are given by the app: its state (read when drawn) and what it does. */
export type AppContext = {
  readonly business: Business;
  /** The incident still open, if any. */
  readonly openIncident: number | null;
  go: (route: Route, options?: { afresh?: boolean }) => void;
  /** Says something about the data as a whole, once (a toast). */
  say: (message: string | null) => void;
  /** The whole plan was replaced (restored or imported): start again from the data. */
  dataReplaced: (message: string | null) => void;
  /** Saves the business's language or country; false when it could not be saved. */
  changeBusiness: (change: Partial<BusinessInput>) => Promise<boolean>;
};

type RouteOf<N extends RouteName> = Extract<Route, { name: N }>;

const ROUTES: { [N in RouteName]: Opens<AppContext, RouteOf<N>> } = {
  home: screen(
    async () => ({ default: HomeScreen }),
    (_route, app) => ({
      business: app.business,
      onOpenIncident: (id, step) =>
        app.go(step ? { name: "incident", id, step } : { name: "incident", id }),
      onOpenAnnounced: (id) => app.go({ name: "announced", id }),
      onGo: (name) => app.go({ name }),
      onOpenBackups: () => app.go({ name: "settings", section: "backups" }),
      onRehearse: () => app.go({ name: "rehearse" }),
      onOpenScorecard: (id) => app.go({ name: "scorecard", id }),
    }),
  ),
  plan: screen(
    () => import("./features/plan/PlanScreen.svelte"),
    (route, app) => ({
      business: app.business,
      section: route.section ?? null,
      onPrint: () => app.go({ name: "print" }),
      onOpenContacts: (edit) =>
        app.go(edit === undefined ? { name: "contacts" } : { name: "contacts", edit }),
      onRehearse: () => app.go({ name: "rehearse" }),
      onOpenScorecard: (id) => app.go({ name: "scorecard", id }),
    }),
  ),
  contacts: screen(
    () => import("./features/contacts/ContactsScreen.svelte"),
    (route) => ({ editId: route.edit ?? null, intent: route.intent ?? null }),
  ),
  incidents: screen(
    () => import("./features/incident/HistoryScreen.svelte"),
    (_route, app) => ({
      onOpen: (id) => app.go({ name: "incident", id }),
      onOpenAnnounced: (id) => app.go({ name: "announced", id }),
      onOpenScorecard: (id) => app.go({ name: "scorecard", id }),
    }),
  ),
  notices: screen(
    () => import("./features/notices/TemplatesScreen.svelte"),
    () => ({}),
  ),
  print: screen(
    () => import("./features/print/PrintScreen.svelte"),
    (route) => ({ incidentId: route.incident ?? null }),
  ),
  settings: screen(
    () => import("./features/settings/SettingsScreen.svelte"),
    (route, app) => ({
      business: app.business,
      section: route.section ?? null,
      onLanguage: (language: Language) => app.changeBusiness({ language }),
      onCountry: (country: Country) => app.changeBusiness({ country }),
      onDataReplaced: app.dataReplaced,
    }),
  ),
  start: screen(
    () => import("./features/incident/StartIncident.svelte"),
    (route, app, services) => ({
      services,
      prefill: route.prefill ?? null,
      openIncident: app.openIncident,
      onContinue: (id) => app.go({ name: "incident", id }),
      onStarted: (incident, tellFirst) =>
        app.go(
          tellFirst
            ? { name: "incident", id: incident.id, step: "tell" }
            : { name: "incident", id: incident.id },
        ),
      onCancel: () => app.go({ name: "home" }),
    }),
    () => ipc.listServices().catch(() => []),
  ),
  incident: screen(
    () => import("./features/incident/IncidentScreen.svelte"),
    (route, app) => ({
      id: route.id,
      firstStep: route.step ?? null,
      onPrint: (incident) => app.go({ name: "print", incident }),
      onPrintCard: () => app.go({ name: "print" }),
      onDrillEnded: (drill) => app.go({ name: "scorecard", id: drill }),
      onSetCosts: () => app.go({ name: "plan", section: "costs" }),
      onJoined: (kept) => app.go({ name: "incident", id: kept }),
    }),
  ),
  announced: screen(
    () => import("./features/announced/AnnouncedScreen.svelte"),
    (route, app) => ({
      id: route.id,
      language: app.business.language,
      onStarted: (incident) => app.go({ name: "incident", id: incident.id }),
      onOpenIncident: (id) => app.go({ name: "incident", id }),
      onGone: (message) => {
        app.go({ name: "home" });
        app.say(message);
      },
    }),
  ),
  rehearse: screen(
    () => import("./features/drills/DrillChooser.svelte"),
    (_route, app) => ({
      openIncident: app.openIncident,
      onStarted: (drill) => app.go({ name: "incident", id: drill.incidentId }),
      onOpenIncident: (id) => app.go({ name: "incident", id }),
      onCancel: () => app.go({ name: "home" }),
    }),
  ),
  scorecard: screen(
    () => import("./features/drills/ScorecardScreen.svelte"),
    (route, app) => ({
      id: route.id,
      onOpenIncident: (id) => app.go({ name: "incident", id }),
      onHome: () => app.go({ name: "home" }),
    }),
  ),
};

/** Reads and loads the screen of `route`. */
export function open(route: Route): Promise<Shown<AppContext>> {
  // Each entry takes its own route; the union of them is what TypeScript cannot follow.
  return (ROUTES[route.name] as Opens<AppContext, Route>)(route);
}

/** The views before the app itself: each its own chunk too, read only when needed. */
export const views = {
  welcome: lazy(() => import("./features/welcome/Welcome.svelte")),
  problem: lazy(() => import("./features/data/DataProblemScreen.svelte")),
  help: lazy(() => import("./components/ShortcutsHelp.svelte")),
};

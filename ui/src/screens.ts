// The screens not needed to draw the first one, each its own chunk: start-up parses only the
// home screen, and the rest is fetched in the background once that is up (or at first use,
// whichever comes first). The files are in the app itself, so a fetch takes a few ms.

export const screens = {
  welcome: () => import("./features/welcome/Welcome.svelte"),
  problem: () => import("./features/data/DataProblemScreen.svelte"),
  plan: () => import("./features/plan/PlanScreen.svelte"),
  contacts: () => import("./features/contacts/ContactsScreen.svelte"),
  incidents: () => import("./features/incident/HistoryScreen.svelte"),
  incident: () => import("./features/incident/IncidentScreen.svelte"),
  start: () => import("./features/incident/StartIncident.svelte"),
  notices: () => import("./features/notices/TemplatesScreen.svelte"),
  print: () => import("./features/print/PrintScreen.svelte"),
  settings: () => import("./features/settings/SettingsScreen.svelte"),
  help: () => import("./components/ShortcutsHelp.svelte"),
};

/** How long after the first screen the others are fetched, out of its way. */
const PRELOAD_AFTER_MS = 1_000;

/** Fetches every screen in the background, so the first visit to one does not wait. */
export function preloadScreens(): void {
  setTimeout(() => {
    for (const load of Object.values(screens)) load().catch(() => {});
  }, PRELOAD_AFTER_MS);
}

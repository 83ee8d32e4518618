// The screens not needed to draw the first one, each its own chunk: start-up parses only the
// home screen, and each other screen is read the first time it is opened (the files are in
// the app itself, so that takes a few ms) — never one the owner does not open.

export const screens = {
  welcome: () => import("./features/welcome/Welcome.svelte"),
  problem: () => import("./features/data/DataProblemScreen.svelte"),
  plan: () => import("./features/plan/PlanScreen.svelte"),
  contacts: () => import("./features/contacts/ContactsScreen.svelte"),
  incidents: () => import("./features/incident/HistoryScreen.svelte"),
  incident: () => import("./features/incident/IncidentScreen.svelte"),
  announced: () => import("./features/announced/AnnouncedScreen.svelte"),
  start: () => import("./features/incident/StartIncident.svelte"),
  notices: () => import("./features/notices/TemplatesScreen.svelte"),
  print: () => import("./features/print/PrintScreen.svelte"),
  settings: () => import("./features/settings/SettingsScreen.svelte"),
  help: () => import("./components/ShortcutsHelp.svelte"),
};

// The page's own marks of its start-up, read by `make bench` (`benches/startup.rs`) to say
// where the time to the first screen goes: the window's code is loaded (`main.ts`), the
// first screen's data and words are in hand (`App.svelte`), the first screen is in the page
// (`HomeScreen.svelte`).

export type StartupMark = "code" | "data" | "first-screen";

/** Marks `name` the first time only: a screen opened again later is not start-up. */
export function startupMark(name: StartupMark) {
  const mark = `steady:${name}`;
  if (performance.getEntriesByName(mark, "mark").length === 0) performance.mark(mark);
}

// The first screen's data, asked for by the first few lines the page runs (`boot.ts`), before
// the window's code is fetched and parsed: the backend reads it meanwhile, and the window
// draws as soon as it is ready instead of only then asking. Taken once; every later read
// (a restored plan) asks afresh.
import type { StartUp } from "./bindings";
import { send } from "./call";

let asked: Promise<StartUp> | null = null;

/** Asks for the first screen's data now, for `takeStartUp` to hand over. */
export function askStartUp() {
  asked = send<StartUp>("start_up");
  // Whoever takes it sees the failure; until then it is not an unhandled rejection.
  asked.catch(() => {});
}

/** What `askStartUp` asked for, once; `null` when it was not asked or is already taken. */
export function takeStartUp(): Promise<StartUp> | null {
  const taken = asked;
  asked = null;
  return taken;
}

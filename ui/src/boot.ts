// The first thing the page runs: asks for the first screen's data, then loads the window's
// code. The answer comes back while that code is fetched and parsed (`lib/ipc/early.ts`).
import { askStartUp } from "./lib/ipc/early";

askStartUp();
warmIntl();
import("./main");

/**
 * The first date or time written costs WebKit ~10 ms to ready its locale data, once for the
 * whole page: a worker pays it on the other core, while this thread parses the window's code,
 * rather than the first screen waiting for it.
 */
function warmIntl() {
  try {
    const worker = new Worker(new URL("./warmIntl.ts", import.meta.url), { type: "module" });
    const done = () => worker.terminate();
    worker.addEventListener("message", done);
    worker.addEventListener("error", done);
  } catch {
    // No worker here: the first screen readies the locale data itself when it writes a time.
  }
}

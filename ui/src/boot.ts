// The first thing the page runs: asks for the first screen's data, then loads the window's
// code. The answer comes back while that code is fetched and parsed (`lib/ipc/early.ts`).
import { askStartUp } from "./lib/ipc/early";

askStartUp();
// The first date or time written costs WebKit ~10 ms to ready its locale data: done now,
// while the window's code is still on its way, rather than while the first screen is drawn.
new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" }).format(0);
import("./main");

// Run as a worker by `boot.ts`: writes one time of day, so that WebKit readies its locale
// data (~10 ms the first time, then kept for the whole page) on the other core, while the
// page's own thread reads the window's code.
new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" }).format(0);
postMessage("warm");

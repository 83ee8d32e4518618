// WebKit has no scroll anchoring: a screen opened at one of its parts (Settings at the
// backups) would see that part pushed down as the panels above it are read and drawn.

/** What the owner does that says they have taken over the scrolling. */
const TAKEN_OVER = ["wheel", "pointerdown", "keydown", "touchstart"] as const;

/**
 * Keeps `target` at the top of the view while `within` still changes size, until the owner
 * scrolls, clicks or types, or `ms` have passed. Returns what stops it sooner.
 */
export function holdAtTop(target: HTMLElement, within: HTMLElement, ms = 2000): () => void {
  const put = () => target.scrollIntoView({ block: "start" });
  const observer = new ResizeObserver(put);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const kind of TAKEN_OVER) window.removeEventListener(kind, stop, true);
  };
  const timer = setTimeout(stop, ms);
  for (const kind of TAKEN_OVER) window.addEventListener(kind, stop, true);
  observer.observe(within);
  put();
  return stop;
}

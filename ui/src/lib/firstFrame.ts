// The first screen comes first. What listens for the backend's news waits until that screen
// has been drawn, then the window says it is ready (`window_ready`), and only then does the
// backend start its housekeeping (`first_frame.rs`): nothing it says is missed, and on a
// two-core shop PC nothing competes with the first screen. A start-up held up (a slow disk)
// waits `AT_MOST_MS`, no longer.

/** The longest the listeners wait for the first screen. */
export const AT_MOST_MS = 2000;

let shown: () => void = () => {};
const firstShown = new Promise<void>((resolve) => {
  shown = resolve;
});

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Two frames from now (the one being prepared, then the one drawn after it), and out of that
 * frame: what follows runs as a task of its own, not in the frame's callbacks, so it does not
 * hold up the frame after.
 */
function twoFrames(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))),
  );
}

/** The first screen is in the page (or why it could not be): the frames after it count. */
export function firstScreenShown() {
  shown();
}

/**
 * Once the first screen has been drawn, or `AT_MOST_MS` have passed: always through a drawn
 * frame, so a window that draws nothing never says it is ready (display safe mode).
 */
export const afterFirstScreen: Promise<void> = Promise.race([firstShown, wait(AT_MOST_MS)]).then(
  twoFrames,
);

/**
 * When the window starts listening to the backend: once the first screen is drawn, and at once
 * in a window not shown (started at login, it draws no frame until the owner opens it, and what
 * it hears meanwhile, a notification answered, is what it opens on); `AT_MOST_MS` at most.
 */
export const listening: Promise<void> = document.hidden
  ? Promise.resolve()
  : Promise.race([afterFirstScreen, wait(AT_MOST_MS)]);

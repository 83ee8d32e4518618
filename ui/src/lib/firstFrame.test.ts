import { afterEach, describe, expect, it, vi } from "vitest";

/** Frames asked for and not yet drawn: the test draws them. */
let frames: FrameRequestCallback[] = [];

/** A fresh copy of the module, as a page that just loaded has it. */
async function fresh() {
  vi.resetModules();
  frames = [];
  vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => {
    frames.push(callback);
    return frames.length;
  });
  const module = await import("./firstFrame");
  const state = { done: false };
  module.afterFirstScreen.then(() => {
    state.done = true;
  });
  return { ...module, state };
}

/** Lets every promise settled so far run its callbacks. */
async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Lets the tasks queued so far run (with real timers). */
async function nextTask() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await settle();
}

function drawFrame() {
  const frame = frames.shift();
  if (!frame) throw new Error("no frame was asked for");
  frame(performance.now());
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("afterFirstScreen", () => {
  it("waits for the first screen, then for two drawn frames", async () => {
    const { firstScreenShown, state } = await fresh();
    await settle();
    expect(state.done).toBe(false);
    expect(frames).toHaveLength(0);
    firstScreenShown();
    await settle();
    expect(state.done).toBe(false);
    drawFrame();
    await settle();
    expect(state.done).toBe(false);
    drawFrame();
    await settle();
    // Not in the frame's own callbacks: in a task after it.
    expect(state.done).toBe(false);
    await nextTask();
    expect(state.done).toBe(true);
  });

  it("waits no longer than AT_MOST_MS for a screen held up, and still through drawn frames", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const { AT_MOST_MS, state } = await fresh();
    vi.advanceTimersByTime(AT_MOST_MS - 1);
    await settle();
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await settle();
    expect(state.done).toBe(false);
    // A window that draws nothing never gets further (display safe mode takes over).
    drawFrame();
    drawFrame();
    await settle();
    expect(state.done).toBe(false);
    vi.advanceTimersByTime(0);
    await settle();
    expect(state.done).toBe(true);
  });
});

describe("listening", () => {
  it("starts at once in a window not shown, which draws no frame until it is", async () => {
    const hidden = vi.spyOn(document, "hidden", "get").mockReturnValue(true);
    const { listening } = await fresh();
    let heard = false;
    listening.then(() => {
      heard = true;
    });
    await settle();
    expect(heard).toBe(true);
    expect(frames).toHaveLength(0);
    hidden.mockRestore();
  });

  it("in a window shown, waits for the first screen to be drawn", async () => {
    const { listening, firstScreenShown } = await fresh();
    let heard = false;
    listening.then(() => {
      heard = true;
    });
    await settle();
    expect(heard).toBe(false);
    firstScreenShown();
    await settle();
    drawFrame();
    drawFrame();
    await nextTask();
    expect(heard).toBe(true);
  });
});

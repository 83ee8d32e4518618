import { afterEach, describe, expect, it, vi } from "vitest";
import { holdAtTop } from "./anchor";

/** The observers made, to report a change of size as WebKit would. */
let made: Array<{ report: () => void; disconnected: boolean }> = [];

class ReportingObserver {
  disconnected = false;
  constructor(private readonly callback: () => void) {
    made.push(this);
  }
  report() {
    if (!this.disconnected) this.callback();
  }
  observe() {}
  disconnect() {
    this.disconnected = true;
  }
}

function parts() {
  const within = document.createElement("section");
  const target = document.createElement("section");
  within.append(target);
  document.body.append(within);
  target.scrollIntoView = vi.fn();
  return { within, target, scrolled: () => vi.mocked(target.scrollIntoView).mock.calls.length };
}

describe("holdAtTop", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
    made = [];
  });

  it("puts the part at the top, and back there each time what is above it grows", () => {
    vi.stubGlobal("ResizeObserver", ReportingObserver);
    const { within, target, scrolled } = parts();
    holdAtTop(target, within);
    expect(scrolled()).toBe(1);
    made[0]?.report();
    made[0]?.report();
    expect(scrolled()).toBe(3);
  });

  it("lets go once the owner scrolls, clicks or types", () => {
    vi.stubGlobal("ResizeObserver", ReportingObserver);
    const { within, target, scrolled } = parts();
    holdAtTop(target, within);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown" }));
    made[0]?.report();
    expect(scrolled()).toBe(1);
    expect(made[0]?.disconnected).toBe(true);
  });

  it("lets go after a while on its own", () => {
    vi.useFakeTimers();
    vi.stubGlobal("ResizeObserver", ReportingObserver);
    const { within, target, scrolled } = parts();
    holdAtTop(target, within, 2000);
    vi.advanceTimersByTime(2001);
    made[0]?.report();
    expect(scrolled()).toBe(1);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { formatDate, formatTime, splitMinutes, toMinutes } from "./durations";
import { i18n } from "./i18n/index.svelte";

describe("durations", () => {
  afterEach(() => {
    i18n.lang = "en";
    i18n.country = null;
    i18n.clock = "h24";
  });

  it.each([
    [30, 30, "minutes"],
    [60, 1, "hours"],
    [90, 90, "minutes"],
    [120, 2, "hours"],
    [1440, 1, "days"],
    [4320, 3, "days"],
    [1500, 25, "hours"],
  ])("%i minutes is %i %s", (minutes, value, unit) => {
    expect(splitMinutes(minutes)).toEqual({ value, unit });
    expect(toMinutes(value, unit as "minutes")).toBe(minutes);
  });

  it("says dates in the owner's language", () => {
    i18n.lang = "fr";
    expect(formatDate("2026-11-03T09:00:00Z")).toBe("3 novembre 2026");
  });

  it("writes times with the business's clock, as the core decides it", () => {
    const at = new Date(2026, 10, 3, 21, 5);
    const iso = at.toISOString();
    i18n.lang = "fr";
    expect(formatTime(iso, at)).toBe("21:05");
    i18n.lang = "en";
    i18n.country = "gb";
    expect(formatTime(iso, at)).toBe("21:05");
    // English in France: a locale some WebKit builds write 12-hour; the clock says 24.
    i18n.country = "fr";
    expect(formatTime(iso, at)).toBe("21:05");
    i18n.country = "us";
    i18n.clock = "h12";
    expect(formatTime(iso, at)).toBe("9:05 PM");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { formatDate, splitMinutes, toMinutes } from "./durations";
import { i18n } from "./i18n/index.svelte";

describe("durations", () => {
  afterEach(() => {
    i18n.lang = "en";
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
});

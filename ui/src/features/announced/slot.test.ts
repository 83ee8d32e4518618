import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import { slot } from "./slot";

describe("slot", () => {
  const now = new Date(2026, 11, 1, 9, 0);
  const at = (day: number, hour: number) => new Date(2026, 11, day, hour, 30).toISOString();
  afterEach(() => {
    i18n.country = null;
    i18n.clock = "h24";
  });

  it("says the end's date only when it ends on another day", () => {
    expect(slot({ startsAt: at(3, 6), endsAt: at(3, 11) }, now)).toMatch(/^Dec 3, 06:30 to 11:30$/);
    expect(slot({ startsAt: at(3, 22), endsAt: at(4, 2) }, now)).toMatch(
      /^Dec 3, 22:30 to Dec 4, 02:30$/,
    );
  });

  it("writes times as the business's country does, whatever the locale's habit", () => {
    i18n.country = "us";
    i18n.clock = "h12";
    expect(slot({ startsAt: at(3, 6), endsAt: at(3, 13) }, now)).toBe("Dec 3, 6:30 AM to 1:30 PM");
    // English in France: 24-hour, as the notices and the paper write it.
    i18n.country = "fr";
    i18n.clock = "h24";
    expect(slot({ startsAt: at(3, 6), endsAt: at(3, 13) }, now)).toMatch(/06:30 to 13:30$/);
  });
});

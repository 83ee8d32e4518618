import { describe, expect, it } from "vitest";
import { slot } from "./slot";

describe("slot", () => {
  it("says the end's date only when it ends on another day", () => {
    const now = new Date(2026, 11, 1, 9, 0);
    const at = (day: number, hour: number) => new Date(2026, 11, day, hour, 30).toISOString();
    expect(slot({ startsAt: at(3, 6), endsAt: at(3, 11) }, now)).toMatch(
      /^Dec 3, 06:30 AM to 11:30 AM$/,
    );
    expect(slot({ startsAt: at(3, 22), endsAt: at(4, 2) }, now)).toMatch(
      /^Dec 3, 10:30 PM to Dec 4, 02:30 AM$/,
    );
  });
});

import { describe, expect, it } from "vitest";
import type { Workaround } from "../../lib/ipc";
import { aService } from "../plan/testing";
import { alsoDown } from "./incident";

function workaround(contactIds: number[], serviceIds: number[]): Workaround {
  return {
    id: 1,
    serviceId: 1,
    title: "Hotspot",
    steps: "",
    customerMessage: "",
    limits: "",
    contactIds,
    serviceIds,
  };
}

describe("outage helpers", () => {
  it("flags a workaround that depends on something down", () => {
    const down = [aService(1, "Internet", { contactIds: [7] })];
    expect(alsoDown(workaround([7], []), down)).toBe(true);
    expect(alsoDown(workaround([], [1]), down)).toBe(true);
    expect(alsoDown(workaround([8], [2]), down)).toBe(false);
  });
});

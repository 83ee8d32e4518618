import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import type { Finding } from "../../lib/ipc";
import { findingText, fixTarget } from "./findings";

describe("findings", () => {
  afterEach(() => {
    i18n.lang = "en";
  });

  it.each<[Finding, string, ReturnType<typeof fixTarget>]>([
    [
      { kind: "noWorkaround", serviceId: 3, service: "Card payments" },
      "Card payments has no workaround.",
      { to: "service", id: 3 },
    ],
    [{ kind: "noPhone", count: 3 }, "3 contacts have no phone number.", { to: "contacts" }],
    [{ kind: "noPhone", count: 1 }, "1 contact has no phone number.", { to: "contacts" }],
    [
      { kind: "noAccountNumber", contactId: 2, contact: "Internet provider" },
      "Internet provider has no account or customer number.",
      { to: "contacts", id: 2 },
    ],
    [
      {
        kind: "useInstead",
        placeholderId: 5,
        placeholder: "Electricity supplier",
        contactId: 9,
        contact: "Ouest Power",
        services: ["Power and lighting", "Refrigeration"],
      },
      "Use Ouest Power for Power and lighting, Refrigeration? Electricity supplier has no number.",
      { to: "useInstead", placeholderId: 5, contactId: 9 },
    ],
    [{ kind: "noAssemblyPoint" }, "No assembly point is set.", { to: "safety" }],
    [
      { kind: "emptyRunbook", runbookId: 4, runbook: "Spare till" },
      "The runbook “Spare till” has no steps.",
      { to: "runbook", id: 4 },
    ],
    [
      { kind: "reviewDue", reviewedAt: "2026-05-03T09:00:00Z" },
      "The plan was last reviewed on May 3, 2026: time for a review.",
      { to: "review" },
    ],
  ])("%o", (finding, text, target) => {
    expect(findingText(finding)).toBe(text);
    expect(fixTarget(finding)).toEqual(target);
  });

  it("speaks French", () => {
    i18n.lang = "fr";
    expect(findingText({ kind: "noWorkaround", serviceId: 1, service: "Internet" })).toBe(
      "Internet n’a pas de solution de repli.",
    );
  });
});

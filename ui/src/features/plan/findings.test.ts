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
      { kind: "noRoles" },
      "Nobody on the team has a role yet: who opens up, who calls the providers?",
      { to: "team" },
    ],
    [
      { kind: "roleNobody", roleId: 7, role: "Calls providers" },
      "Nobody does “Calls providers” yet.",
      { to: "team", roleId: 7 },
    ],
    [
      { kind: "roleNoStandIn", roleId: 7, role: "Calls providers", person: "Karim" },
      "Only Karim does “Calls providers”: who takes it when they are away?",
      { to: "team", roleId: 7 },
    ],
    [
      { kind: "roleNamesGone", roleId: 7, role: "Calls providers", names: ["Ouest Power"] },
      "The role “Calls providers” names what is no longer in your plan: Ouest Power.",
      { to: "team", roleId: 7 },
    ],
    [
      { kind: "teamPersonNoPhone", contactId: 4, person: "Karim" },
      "Karim has a role but no phone number.",
      { to: "contacts", id: 4 },
    ],
    [
      { kind: "noOwnerPhone" },
      "Your own phone number is not on the role cards yet.",
      { to: "team", owner: true },
    ],
    [
      { kind: "reviewDue", reviewedAt: "2026-05-03T09:00:00Z" },
      "The plan was last reviewed on May 3, 2026: time for a review.",
      { to: "review" },
    ],
    [
      {
        kind: "drillAction",
        actionId: 3,
        drillStartedAt: "2026-12-05T09:00:00Z",
        text: "Ouest Power's number did not work",
        owner: "Karim",
        dueOn: "2026-12-19",
        contactId: 9,
      },
      "Fix from the drill of Dec 5: Ouest Power's number did not work",
      { to: "contacts", id: 9 },
    ],
    [
      {
        kind: "drillAction",
        actionId: 4,
        drillStartedAt: null,
        text: "Get the first notice out within 30 minutes",
        owner: "",
        dueOn: null,
        contactId: null,
      },
      "Fix from a drill: Get the first notice out within 30 minutes",
      { to: "drillAction", id: 4 },
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
    expect(findingText({ kind: "roleNobody", roleId: 1, role: "Appelle les fournisseurs" })).toBe(
      "Personne ne se charge encore de « Appelle les fournisseurs ».",
    );
    expect(findingText({ kind: "noOwnerPhone" })).toBe(
      "Votre propre numéro n’est pas encore sur les cartes de rôle.",
    );
    expect(
      findingText({
        kind: "drillAction",
        actionId: 3,
        drillStartedAt: "2026-12-05T09:00:00Z",
        text: "Le numéro de Ouest Power n’a pas marché",
        owner: "",
        dueOn: null,
        contactId: null,
      }),
    ).toBe("À corriger après l’exercice du 5 déc. : Le numéro de Ouest Power n’a pas marché");
  });
});

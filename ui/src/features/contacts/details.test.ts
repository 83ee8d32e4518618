import { describe, expect, it } from "vitest";
import type { Contact } from "../../lib/ipc";
import { byKindThenName, detailsOf, displayName, emptyDetails, shortUrl } from "./details";

function contact(id: number, kind: Contact["kind"], organisation: string): Contact {
  return {
    ...emptyDetails(kind),
    phones: [],
    telLinks: [],
    id,
    organisation,
    createdAt: "",
    updatedAt: "",
  };
}

describe("contact helpers", () => {
  it("orders by kind in the owner's order, keeping name order within a kind", () => {
    const ordered = byKindThenName([
      contact(1, "staff", "Marie"),
      contact(2, "power_utility", "EDF"),
      contact(3, "staff", "Paul"),
      contact(4, "internet_provider", "Fibre"),
    ]);
    expect(ordered.map((c) => c.id)).toEqual([2, 4, 1, 3]);
  });

  it("edits a copy with one phone row to type into", () => {
    const saved = contact(1, "bank", "Banque");
    const details = detailsOf(saved);
    expect(details).not.toHaveProperty("id");
    expect(details.phones).toEqual([{ label: "", number: "" }]);
    details.phones[0] = { label: "x", number: "1" };
    expect(saved.phones).toEqual([]);
  });

  it("names a contact by organisation, else person", () => {
    expect(displayName({ organisation: "EDF", person: "Luc" })).toBe("EDF");
    expect(displayName({ organisation: "", person: "Luc" })).toBe("Luc");
  });

  it("shortens web addresses for display", () => {
    expect(shortUrl("https://edf.fr/panne/")).toBe("edf.fr/panne");
    expect(shortUrl("http://x.fr")).toBe("x.fr");
  });
});

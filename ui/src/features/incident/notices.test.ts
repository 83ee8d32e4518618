import { describe, expect, it } from "vitest";
import type { Warning } from "../../lib/ipc";
import { applySuggestion, warningKey } from "./notices";

function warning(text: string, matched: string, suggestion: string): Warning {
  const start = text.indexOf(matched);
  return { kind: "providerName", matched, start, end: start + matched.length, suggestion };
}

describe("applySuggestion", () => {
  it.each([
    ["Fibre Net is fixing it.", "Fibre Net", "our provider", "our provider is fixing it."],
    [
      "Café: Fibre Net répare.",
      "Fibre Net",
      "notre prestataire",
      "Café: notre prestataire répare.",
    ],
    ["Ticket T-4471 is open.", "T-4471", "", "Ticket is open."],
    ["Call us, ticket T-4471.", "T-4471", "", "Call us, ticket."],
    ["Down (v4.2) now", "v4.2", "", "Down () now"],
  ])("%s", (text, matched, suggestion, expected) => {
    expect(applySuggestion(text, warning(text, matched, suggestion))).toBe(expected);
  });

  it("counts offsets as JS strings do, past emoji and accents", () => {
    const text = "😀 é Fibre Net";
    expect(applySuggestion(text, warning(text, "Fibre Net", "our provider"))).toBe(
      "😀 é our provider",
    );
  });

  it("keys a warning by its kind and words", () => {
    expect(warningKey(warning("a Fibre Net", "Fibre Net", ""))).toBe("providerName:Fibre Net");
  });
});

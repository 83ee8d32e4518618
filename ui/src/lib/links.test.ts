import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { openOutside, telHref } from "./links";

describe("telHref", () => {
  it.each([
    ["+33 1 23 45 67 89", "tel:+33123456789"],
    ["01.23.45.67.89", "tel:0123456789"],
    ["(555) 123-4567", "tel:5551234567"],
    ["555-123-4567 ext. 12", "tel:5551234567;ext=12"],
    ["0800 123 456 poste 3", "tel:0800123456;ext=3"],
    ["15", "tel:15"],
  ])("%s → %s", (number, expected) => {
    expect(telHref(number)).toBe(expected);
  });
});

describe("openOutside", () => {
  it("asks the backend to open the link and reports success", async () => {
    const opened: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "open_link") opened.push(args);
      return null;
    });
    expect(await openOutside("https://edf.fr/panne", "edf.fr/panne")).toBeNull();
    expect(opened).toEqual([{ url: "https://edf.fr/panne" }]);
  });

  it("says how to call when no app can place the call", async () => {
    mockIPC(() => {
      throw { code: "OpenFailed", message: "no handler", fields: [] };
    });
    expect(await openOutside("tel:3900", "39 00")).toContain("Dial 39 00");
    expect(await openOutside("https://x.fr", "x.fr")).toMatch(/no app/);
  });
});

import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { openOutside } from "./links";

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

import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { emailNotice, openContactLink } from "./links";

describe("openContactLink", () => {
  it("names the contact and which of its links, never an address", async () => {
    const opened: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "open_link") opened.push(args);
      return null;
    });
    expect(await openContactLink(7, { kind: "outagePage" }, "edf.fr/panne")).toBeNull();
    expect(await openContactLink(7, { kind: "phone", index: 1 }, "39 00")).toBeNull();
    expect(opened).toEqual([
      { contactId: 7, link: { kind: "outagePage" } },
      { contactId: 7, link: { kind: "phone", index: 1 } },
    ]);
  });

  it("says how to call when no app can place the call", async () => {
    mockIPC(() => {
      throw { code: "OpenFailed", message: "no handler", fields: [] };
    });
    expect(await openContactLink(7, { kind: "phone", index: 0 }, "39 00")).toContain("Dial 39 00");
    expect(await openContactLink(7, { kind: "website" }, "x.fr")).toMatch(/no app/);
  });
});

describe("emailNotice", () => {
  it("hands the subject and body to the backend", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "email_notice") sent.push(args);
      return null;
    });
    expect(await emailNotice("Closed", "Power cut.")).toBeNull();
    expect(sent).toEqual([{ subject: "Closed", body: "Power cut." }]);
  });
});

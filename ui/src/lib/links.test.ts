import { describe, expect, it } from "vitest";
import { fakeBackend } from "./ipc/fake";
import { emailNotice, openContactLink } from "./links";

describe("openContactLink", () => {
  it("names the contact and which of its links, never an address", async () => {
    const opened: unknown[] = [];
    fakeBackend({
      open_link: (args) => {
        opened.push(args);
        return null;
      },
    });
    expect(await openContactLink(7, { kind: "outagePage" }, "edf.fr/panne")).toBeNull();
    expect(await openContactLink(7, { kind: "phone", index: 1 }, "39 00")).toBeNull();
    expect(opened).toEqual([
      { contactId: 7, link: { kind: "outagePage" } },
      { contactId: 7, link: { kind: "phone", index: 1 } },
    ]);
  });

  it("says how to call when no app can place the call", async () => {
    fakeBackend({
      open_link: () => {
        throw { code: "OpenFailed", message: "no handler", fields: [] };
      },
    });
    expect(await openContactLink(7, { kind: "phone", index: 0 }, "39 00")).toContain("Dial 39 00");
    expect(await openContactLink(7, { kind: "website" }, "x.fr")).toMatch(/no app/);
  });
});

describe("emailNotice", () => {
  it("hands the subject and body to the backend", async () => {
    const sent: unknown[] = [];
    fakeBackend({
      email_notice: (args) => {
        sent.push(args);
        return null;
      },
    });
    expect(await emailNotice("Closed", "Power cut.")).toBeNull();
    expect(sent).toEqual([{ subject: "Closed", body: "Power cut." }]);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { attempt } from "./forms";
import type { ContactField } from "./ipc";
import { IpcError } from "./ipc";
import type { FieldMessages } from "./problems";

const refused = new IpcError({
  code: "Validation",
  message: "refused",
  fields: [
    { field: "phones.0.number", problem: { kind: "invalidPhone" } },
    { field: "email", problem: { kind: "invalidEmail" } },
  ],
});

function form(): HTMLFormElement {
  document.body.innerHTML = `
    <form class="contact-form">
      <input id="name" />
      <input id="phone" aria-invalid="true" />
      <input id="email" aria-invalid="true" />
    </form>`;
  return document.querySelector("form") as HTMLFormElement;
}

describe("attempt", () => {
  afterEach(() => {
    document.body.innerHTML = "";
  });

  it("does the work and says it was done", async () => {
    const failed = vi.fn();
    let saved = false;
    const done = await attempt(
      async () => {
        saved = true;
      },
      { failed },
    );
    expect(done).toBe(true);
    expect(saved).toBe(true);
    expect(failed).not.toHaveBeenCalled();
  });

  it("puts a refusal next to its fields and focuses the first invalid one", async () => {
    form();
    let errors: FieldMessages<ContactField> = {};
    const failed = vi.fn();
    const done = await attempt<ContactField>(() => Promise.reject(refused), {
      refused: (messages) => (errors = messages),
      focus: "form.contact-form",
      failed,
    });
    expect(done).toBe(false);
    expect(errors["phones.0.number"]).toContain("digits");
    expect(errors.email).toBeDefined();
    expect(document.activeElement?.id).toBe("phone");
    expect(failed).not.toHaveBeenCalled();
  });

  it("says anything else in the owner's words, fields left alone", async () => {
    form();
    const refusedFields = vi.fn();
    const failed = vi.fn();
    const broken = new IpcError({ code: "DiskFull", message: "full", fields: [] });
    await attempt<ContactField>(() => Promise.reject(broken), {
      refused: refusedFields,
      focus: "form.contact-form",
      failed,
    });
    expect(refusedFields).not.toHaveBeenCalled();
    expect(failed).toHaveBeenCalledWith(expect.stringContaining("the disk is full"), broken);
    expect(document.activeElement).toBe(document.body);

    await attempt(() => Promise.reject(new Error("boom")), { failed });
    expect(failed).toHaveBeenLastCalledWith(
      "Something went wrong. Nothing was changed.",
      expect.any(Error),
    );
  });

  it("treats a refusal as any failure when the screen has no fields for it", async () => {
    const failed = vi.fn();
    await attempt(() => Promise.reject(refused), { failed, say: () => "Could not tick it." });
    expect(failed).toHaveBeenCalledWith("Could not tick it.", refused);
  });
});

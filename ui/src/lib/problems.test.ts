import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "./i18n/index.svelte";
import { failureText, fieldMessages, listMessage } from "./problems";

describe("fieldMessages", () => {
  afterEach(() => {
    i18n.lang = "en";
  });

  it("keys each problem by its field, first problem first", () => {
    expect(
      fieldMessages([
        { field: "organisation", problem: { kind: "required" } },
        { field: "phones.1.number", problem: { kind: "invalidPhone" } },
        { field: "notes", problem: { kind: "tooLong", max: 4000 } },
        { field: "notes", problem: { kind: "required" } },
      ]),
    ).toEqual({
      organisation: "Give an organisation or a person.",
      "phones.1.number": expect.stringContaining("digits"),
      notes: "Too long: 4000 characters at most.",
    });
  });

  it("speaks the current language", () => {
    i18n.lang = "fr";
    expect(fieldMessages([{ field: "email", problem: { kind: "invalidEmail" } }])).toEqual({
      email: expect.stringContaining("adresse e-mail"),
    });
  });
});

describe("listMessage", () => {
  it("says which line of a list is wrong", () => {
    const messages = fieldMessages([{ field: "steps.3", problem: { kind: "tooLong", max: 200 } }]);
    expect(listMessage(messages, "steps")).toBe("Line 4: Too long: 200 characters at most.");
    expect(listMessage({ steps: "Required." }, "steps")).toBe("Required.");
    expect(listMessage({}, "steps")).toBeUndefined();
  });
});

describe("failureText", () => {
  afterEach(() => {
    i18n.lang = "en";
  });

  it.each([
    ["DiskFull", "Not saved: the disk is full."],
    ["ReadOnly", "Not saved: Steady’s data folder cannot be written"],
    ["DiskError", "Not saved: the disk reported an error while writing"],
    ["Storage", "Something went wrong. Nothing was changed."],
  ] as const)("says why the disk refused a save (%s)", (code, words) => {
    const text = failureText({ code, message: "", fields: [] });
    expect(text).toContain(words);
    expect(text).toContain("Nothing was changed.");
  });

  it("speaks French", () => {
    i18n.lang = "fr";
    expect(failureText({ code: "DiskFull", message: "", fields: [] })).toContain(
      "le disque est plein",
    );
  });

  it("knows an error that is not the backend's", () => {
    expect(failureText(new Error("x"))).toBe("Something went wrong. Nothing was changed.");
  });
});

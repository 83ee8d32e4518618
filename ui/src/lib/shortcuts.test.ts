import { describe, expect, it } from "vitest";
import { SHORTCUTS, shortcutFor } from "./shortcuts";

function key(init: KeyboardEventInit, target?: HTMLElement): KeyboardEvent {
  const event = new KeyboardEvent("keydown", init);
  if (target) Object.defineProperty(event, "target", { value: target });
  return event;
}

describe("shortcuts", () => {
  it("reads each listed shortcut", () => {
    expect(shortcutFor(key({ key: "D", ctrlKey: true, shiftKey: true }))).toBe("somethingDown");
    expect(shortcutFor(key({ key: "n", ctrlKey: true }))).toBe("newContact");
    expect(shortcutFor(key({ key: "f", ctrlKey: true }))).toBe("searchContacts");
    expect(shortcutFor(key({ key: "p", ctrlKey: true }))).toBe("print");
    expect(shortcutFor(key({ key: "=", ctrlKey: true }))).toBe("textLarger");
    expect(shortcutFor(key({ key: "-", ctrlKey: true }))).toBe("textSmaller");
    expect(shortcutFor(key({ key: "0", ctrlKey: true }))).toBe("textNormal");
    expect(shortcutFor(key({ key: "F1" }))).toBe("help");
    expect(shortcutFor(key({ key: "?" }))).toBe("help");
    expect(shortcutFor(key({ key: "n" }))).toBeNull();
    expect(shortcutFor(key({ key: "n", ctrlKey: true, altKey: true }))).toBeNull();
  });

  it("leaves typed keys to the field, except the outage, the text size and F1", () => {
    const field = document.createElement("input");
    expect(shortcutFor(key({ key: "?" }, field))).toBeNull();
    expect(shortcutFor(key({ key: "n", ctrlKey: true }, field))).toBeNull();
    expect(shortcutFor(key({ key: "p", ctrlKey: true }, field))).toBeNull();
    expect(shortcutFor(key({ key: "D", ctrlKey: true, shiftKey: true }, field))).toBe(
      "somethingDown",
    );
    expect(shortcutFor(key({ key: "=", ctrlKey: true }, field))).toBe("textLarger");
    expect(shortcutFor(key({ key: "F1" }, field))).toBe("help");
    const list = document.createElement("select");
    expect(shortcutFor(key({ key: "p", ctrlKey: true }, list))).toBe("print");
    const box = document.createElement("input");
    box.type = "checkbox";
    expect(shortcutFor(key({ key: "?" }, box))).toBe("help");
  });

  it("lists every action once", () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
  });
});

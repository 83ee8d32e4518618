import { describe, expect, it } from "vitest";
import { wholeText } from "./noticeText";

describe("wholeText", () => {
  it.each([
    ["Closed today", "We are closed.", "Closed today\n\nWe are closed."],
    ["  Closed today \n", "\n We are closed. \n", "Closed today\n\nWe are closed."],
    ["   ", " As typed ", " As typed "],
    [null, " As typed ", " As typed "],
  ])("%j and %j make %j, as the core writes it", (subject, body, expected) => {
    expect(wholeText(subject, body)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { CAUSES, CONTACT_KINDS, LANGUAGES, ROLE_KINDS, STAGES } from "./ipc";
import { VOCABULARIES } from "./ipc/vocabulary";
import { duration, durationInOneUnit, label, roughBattery, roughSpan } from "./vocabulary";

describe("duration", () => {
  // The same cases as the core's `durations_with_each_languages_plurals`: one rule, one data.
  it.each([
    [-5, "less than a minute", "moins d’une minute"],
    [0, "less than a minute", "moins d’une minute"],
    [1, "1 minute", "1 minute"],
    [2, "2 minutes", "2 minutes"],
    [59, "59 minutes", "59 minutes"],
    [60, "1 hour", "1 heure"],
    [150, "2 hours 30 minutes", "2 heures 30 minutes"],
    [1440, "1 day", "1 jour"],
    [1441, "1 day 1 minute", "1 jour 1 minute"],
    [2880 + 120, "2 days 2 hours", "2 jours 2 heures"],
    [1440 * 3 + 61, "3 days 1 hour 1 minute", "3 jours 1 heure 1 minute"],
  ])("%i minutes", (minutes, en, fr) => {
    expect(duration(minutes, "en")).toBe(en);
    expect(duration(minutes, "fr")).toBe(fr);
  });

  it.each([
    // A time to come: its two largest units, at least a minute.
    [roughSpan(0), "1 minute"],
    [roughSpan(65), "1 hour 5 minutes"],
    [roughSpan(2 * 1440 + 3 * 60 + 20), "2 days 3 hours"],
    // A battery's time left: to the minute under an hour, else to five minutes.
    [roughBattery(42), "42 minutes"],
    [roughBattery(93), "1 hour 35 minutes"],
    [roughBattery(119), "2 hours"],
  ])("%i rounded reads %s", (minutes, en) => {
    expect(duration(minutes, "en")).toBe(en);
  });
});

describe("durationInOneUnit", () => {
  // The same cases as the core's `a_notice_says_a_duration_in_one_unit`.
  it.each([
    [1, "1 minute", "1 minute"],
    [45, "45 minutes", "45 minutes"],
    [60, "1 hour", "1 heure"],
    [90, "90 minutes", "90 minutes"],
    [120, "2 hours", "2 heures"],
    [1440, "1 day", "1 jour"],
    [2880, "2 days", "2 jours"],
    [1500, "25 hours", "25 heures"],
  ])("%i minutes", (minutes, en, fr) => {
    expect(durationInOneUnit(minutes, "en")).toBe(en);
    expect(durationInOneUnit(minutes, "fr")).toBe(fr);
  });
});

describe("label", () => {
  it("says each closed choice as paper does", () => {
    expect(label("Stage", "resolved", "en")).toBe("Resolved");
    expect(label("Cause", "unknown", "fr")).toBe("Inconnue");
    expect(label("ContactKind", "staff", "en")).toBe("Staff");
  });

  it("has a word for every value in every language", () => {
    for (const lang of LANGUAGES) {
      for (const value of CAUSES) expect(label("Cause", value, lang)).not.toBe("");
      for (const value of STAGES) expect(label("Stage", value, lang)).not.toBe("");
      for (const value of CONTACT_KINDS) expect(label("ContactKind", value, lang)).not.toBe("");
      for (const value of ROLE_KINDS) expect(label("RoleKind", value, lang)).not.toBe("");
      expect(Object.keys(VOCABULARIES[lang].choices).length).toBe(35);
    }
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { firstScreen } from "./firstScreen";
import type { Reminder, StartUp } from "./ipc";

const reminder: Reminder = {
  key: "reprint",
  kind: "reprint",
  dueAt: "2026-11-28T10:00:00Z",
  incidentId: null,
  announcedId: null,
  title: "Print the plan again",
  body: "",
  snoozedUntil: null,
};

const start: StartUp = {
  problem: null,
  systemLanguage: "en",
  textSize: "100",
  business: null,
  home: null,
  openIncident: null,
  reminders: [reminder],
  backups: null,
  notifications: true,
  somethingDown: false,
};

describe("firstScreen", () => {
  beforeEach(() => firstScreen.forget());

  it("hands each part out once", () => {
    firstScreen.keep(start);
    expect(firstScreen.take("reminders")).toEqual([reminder]);
    expect(firstScreen.take("reminders")).toBeUndefined();
    expect(firstScreen.take("notifications")).toBe(true);
  });

  it("keeps a part that is null apart from one that is gone", () => {
    firstScreen.keep(start);
    expect(firstScreen.take("home")).toBeNull();
    expect(firstScreen.take("home")).toBeUndefined();
  });

  it("hands out nothing once something moved", () => {
    firstScreen.keep(start);
    firstScreen.forget();
    expect(firstScreen.take("reminders")).toBeUndefined();
  });
});

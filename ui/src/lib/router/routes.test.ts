import { describe, expect, it } from "vitest";
import type { Asked } from "../ipc";
import {
  answerRoute,
  NAV,
  navTarget,
  type Route,
  reminderRoute,
  sameRoute,
  showsOutage,
} from "./routes";

describe("sameRoute", () => {
  const check = (a: Route, b: Route, same: boolean) => expect(sameRoute(a, b)).toBe(same);

  it("compares the place and every parameter", () => {
    check({ name: "home" }, { name: "home" }, true);
    check({ name: "home" }, { name: "plan" }, false);
    check({ name: "incident", id: 3 }, { name: "incident", id: 3 }, true);
    check({ name: "incident", id: 3 }, { name: "incident", id: 4 }, false);
    check({ name: "incident", id: 3, step: "tell" }, { name: "incident", id: 3 }, false);
    check(
      { name: "incident", id: 3, step: "tell" },
      { name: "incident", id: 3, step: "call" },
      false,
    );
    check({ name: "announced", id: null }, { name: "announced", id: null }, true);
    check({ name: "announced", id: null }, { name: "announced", id: 1 }, false);
    check({ name: "contacts", edit: 5 }, { name: "contacts" }, false);
    check({ name: "contacts", intent: "new" }, { name: "contacts", intent: "search" }, false);
  });

  it("reads a parameter left undefined as one not given", () => {
    check({ name: "print", incident: undefined }, { name: "print" }, true);
    check({ name: "incident", id: 3, step: undefined }, { name: "incident", id: 3 }, true);
  });

  it("compares what the start screen opens ticked with by value", () => {
    const prefill = { serviceIds: [2], somethingElse: "", startedAt: "2026-11-28T10:42:00Z" };
    check({ name: "start", prefill }, { name: "start", prefill: { ...prefill } }, true);
    check(
      { name: "start", prefill },
      { name: "start", prefill: { ...prefill, serviceIds: [2, 3] } },
      false,
    );
    check({ name: "start", prefill }, { name: "start" }, false);
  });
});

describe("navTarget", () => {
  it("lights the top bar's button of the screen shown, whatever its parameters", () => {
    for (const name of NAV) expect(navTarget({ name })).toBe(name);
    expect(navTarget({ name: "contacts", edit: 5, intent: "new" })).toBe("contacts");
    expect(navTarget({ name: "print", incident: 2 })).toBe("print");
  });

  it("lights none on an outage or the start screen", () => {
    expect(navTarget({ name: "incident", id: 1 })).toBeNull();
    expect(navTarget({ name: "announced", id: null })).toBeNull();
    expect(navTarget({ name: "start" })).toBeNull();
  });
});

describe("showsOutage", () => {
  it("is true only on that very outage", () => {
    expect(showsOutage({ name: "incident", id: 2, step: "call" }, 2, null)).toBe(true);
    expect(showsOutage({ name: "incident", id: 2 }, 3, null)).toBe(false);
    expect(showsOutage({ name: "incident", id: 2 }, null, 2)).toBe(false);
    expect(showsOutage({ name: "announced", id: 7 }, null, 7)).toBe(true);
    expect(showsOutage({ name: "announced", id: null }, null, null)).toBe(false);
    expect(showsOutage({ name: "home" }, 2, 7)).toBe(false);
  });
});

describe("reminderRoute", () => {
  it("opens the step of the outage a reminder is about", () => {
    expect(reminderRoute("customer_update", 4, null)).toEqual({
      name: "incident",
      id: 4,
      step: "tell",
    });
    expect(reminderRoute("eta_passed", 4, null)).toEqual({ name: "incident", id: 4, step: "call" });
    expect(reminderRoute("call_back", 4, null)).toEqual({ name: "incident", id: 4, step: "call" });
    expect(reminderRoute("check_safety", 4, null)).toEqual({ name: "incident", id: 4 });
  });

  it("opens an announced outage, the print screen or the plan otherwise", () => {
    expect(reminderRoute("announced_phase", null, 9)).toEqual({ name: "announced", id: 9 });
    expect(reminderRoute("reprint", null, null)).toEqual({ name: "print" });
    expect(reminderRoute("plan_review", null, null)).toEqual({ name: "plan" });
  });
});

describe("answerRoute", () => {
  const text = { title: "", body: "", action: "" };
  const start = { serviceIds: [1], somethingElse: "", startedAt: "2026-11-28T10:42:00Z" };
  const since = "2026-11-28T10:42:00Z";

  it("confirms the outage the supply came back from", () => {
    const back: Asked = {
      suggestion: { kind: "back", supply: "power", since, incidentId: 6 },
      text,
      start: null,
      announcedId: null,
    };
    expect(answerRoute(back)).toEqual({ name: "incident", id: 6, step: "resolve" });
  });

  it("opens the announced outage it was, else the start screen ticked", () => {
    const lost: Asked = {
      suggestion: { kind: "lost", supply: "internet", since },
      text,
      start,
      announcedId: null,
    };
    expect(answerRoute(lost)).toEqual({ name: "start", prefill: start });
    expect(answerRoute({ ...lost, announcedId: 3 })).toEqual({ name: "announced", id: 3 });
    expect(answerRoute({ ...lost, start: null })).toEqual({ name: "start" });
  });
});

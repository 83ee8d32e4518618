// Builders for the drill tests.
import type { Drill, Inject, Scorecard } from "../../lib/ipc";

export function anInject(extra: Partial<Inject> = {}): Inject {
  return {
    key: "longer",
    atMinute: 5,
    text: "Orange now says 4 hours, not 1.",
    choices: [
      { key: "call_again", text: "Call again" },
      { key: "workaround", text: "Use the next workaround" },
    ],
    firedAt: "2026-11-28T09:05:00Z",
    answer: null,
    answeredAt: null,
    ...extra,
  };
}

export function aDrill(extra: Partial<Drill> = {}): Drill {
  return {
    id: 7,
    incidentId: 1,
    scenario: "internet_saturday",
    serviceId: 2,
    title: "Internet down on a Saturday",
    situation: "Saturday 10:00: the Orange box shows a red light.",
    speed: "x1",
    startedAt: "2026-11-28T09:00:00Z",
    clockSeconds: 425,
    paused: false,
    endedAt: null,
    outcome: null,
    injects: [anInject(), anInject({ key: "router", atMinute: 20, firedAt: null, text: "later" })],
    badNumbers: [],
    ...extra,
  };
}

export function aScorecard(extra: Partial<Scorecard> = {}): Scorecard {
  return {
    objectives: [
      {
        key: "assess",
        title: "Time to assess",
        rating: "performed",
        detail: "Assessed in 4 minutes.",
        fix: "",
      },
      {
        key: "numbers",
        title: "Numbers that worked",
        rating: "major_challenges",
        detail: "Orange’s number did not work.",
        fix: "Check Orange’s number in the plan.",
      },
    ],
    previous: null,
    ...extra,
  };
}

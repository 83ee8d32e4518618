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
    drillId: 7,
    incidentId: 1,
    scenario: "internet_saturday",
    speed: "x5",
    startedAt: "2026-11-28T09:00:00Z",
    endedAt: "2026-11-28T09:40:00Z",
    outcome: "resolved",
    drillMinutes: 40,
    objectives: [
      {
        objective: "assess",
        name: "Time to assess",
        rating: "performed",
        tookMinutes: 4,
        targetMinutes: 10,
        sentence: "Assessed in 4 minutes.",
        fix: "",
        previous: null,
      },
      {
        objective: "numbers",
        name: "Numbers that worked",
        rating: "major_challenges",
        tookMinutes: null,
        targetMinutes: null,
        sentence: "Orange’s number did not work.",
        fix: "Check Orange’s number in the plan.",
        previous: null,
      },
    ],
    decisions: [],
    previous: null,
    ...extra,
  };
}

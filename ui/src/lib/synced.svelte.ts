// Another computer's changes came in (`plan-synced`). Most screens open afresh on them; a
// screen that is never without a form (an outage, with its note box) reads its data again in
// place instead, so that what the owner is typing stays.

/** How many times another computer's changes have come in since the window opened. */
export const otherComputer = $state({ updates: 0 });

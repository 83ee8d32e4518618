// The geometry of the year's chart: bars by month stacked by service, on an axis of whole
// hours. The window draws it from the core's figures (the paper has the same chart, drawn by
// the core).
import type { YearInOutages } from "../../lib/ipc";

/** One fill per service in the legend's order, then again (the paper's too). */
export const FILLS = [
  "#1f4e79",
  "#d98c1a",
  "#6a9f3a",
  "#8e3b8e",
  "#2aa3b8",
  "#b23a3a",
  "#7d7d7d",
  "#c9b24a",
];

export const WIDTH = 480;
export const LEFT = 36;
export const TOP = 10;
export const PLOT_H = 160;
const GAP = 6;

/** Minutes per step of the axis: whole hours, four steps reaching past `max`. */
export function axisStep(max: number): number {
  const hours = Math.max(1, Math.ceil(max / 60));
  const step = Math.ceil(hours / 4);
  const nice = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((n) => n >= step);
  return (nice ?? step) * 60;
}

export type Bar = { month: number; service: number; x: number; y: number; w: number; h: number };

export type Chart = {
  bars: Bar[];
  ticks: { y: number; hours: number }[];
  months: { x: number; label: string }[];
  slot: number;
};

export function chart(year: YearInOutages): Chart {
  const slot = Math.floor((WIDTH - LEFT - 4) / 12);
  const max = Math.max(0, ...year.months.map((m) => m.minutes.reduce((a, b) => a + b, 0)));
  const step = axisStep(max);
  const top = step * 4;
  const y = (minutes: number) => TOP + PLOT_H - (minutes * PLOT_H) / top;
  const bars: Bar[] = [];
  const months = year.months.map((month, i) => {
    const x = LEFT + slot * i + GAP / 2;
    let below = 0;
    month.minutes.forEach((minutes, service) => {
      if (minutes === 0) return;
      const from = y(below);
      below += minutes;
      const to = y(below);
      bars.push({ month: i, service, x, y: to, w: slot - GAP, h: Math.max(1, from - to) });
    });
    return { x: x + (slot - GAP) / 2, label: month.label };
  });
  const ticks = [0, 1, 2, 3, 4].map((n) => ({ y: y(step * n), hours: (step * n) / 60 }));
  return { bars, ticks, months, slot };
}

import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import type { YearInOutages } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import YearPanel from "./YearPanel.svelte";
import { axisStep, chart } from "./yearChart";

const amount = (minor: number) => ({ amount: minor, text: `€${(minor / 100).toFixed(2)}` });
const hostile = "<img src=x onerror=alert(1)>";

function aYear(): YearInOutages {
  const labels = [
    "Dec",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
  ];
  return {
    currency: "EUR",
    language: "en",
    services: ["Internet", hostile],
    months: labels.map((label, i) => ({
      firstDay: `2026-${String(((i + 11) % 12) + 1).padStart(2, "0")}-01`,
      label,
      outages: i === 11 ? 2 : i === 6 ? 1 : 0,
      minutes: i === 11 ? [180, 60] : i === 6 ? [0, 60] : [0, 0],
      lost: i === 11 ? [60000, 20000] : i === 6 ? [0, 20000] : [0, 0],
      total: i === 11 ? 80000 : i === 6 ? 20000 : 0,
    })),
    byService: [
      { name: "Internet", outages: 1, minutes: 180, hours: "3.0 h", lost: amount(60000) },
      { name: hostile, outages: 2, minutes: 120, hours: "2.0 h", lost: amount(40000) },
    ],
    byProvider: [
      { name: "Orange Pro", outages: 1, minutes: 180, hours: "3.0 h", lost: amount(60000) },
    ],
    totals: {
      outages: 3,
      minutes: 300,
      hours: "5.0 h",
      lostTakings: amount(100000),
      staffCost: amount(0),
      expenses: amount(0),
      spoiled: amount(0),
      total: amount(100000),
    },
    backups: [
      {
        key: "router_4g",
        outages: 1,
        coveredMinutes: 180,
        kept: 60000,
        cost: 48000,
        sentence: "A 4G backup router, about €40.00 a month, would have kept Internet going.",
      },
    ],
    missing: [],
  };
}

afterEach(() => {
  i18n.lang = "en";
});

describe("YearPanel", () => {
  it("draws a bar per month and service, and the tables carry the same figures", async () => {
    const calls = fakeBackend({
      year_in_outages: () => aYear(),
      default_paper: () => "letter",
      save_document_pdf: () => "/home/ana/year.pdf",
    });
    const { container } = render(YearPanel);
    await screen.findByText("5.0 h");
    // November's two services and June's one.
    expect(container.querySelectorAll("svg rect.bar")).toHaveLength(3);
    const svg = container.querySelector("svg#year-chart");
    expect(svg?.getAttribute("role")).toBe("img");
    expect(svg?.querySelector("title")?.textContent).toBe("Hours down by month and service");
    expect(svg?.querySelector("desc")?.textContent).toContain("€1000.00");
    // The hostile name is text, in the legend and the table, never an element.
    expect(container.querySelector("img")).toBeNull();
    expect(
      within(svg as unknown as HTMLElement).getByText(`${hostile.slice(0, 21)}…`),
    ).toBeTruthy();
    const byService = container.querySelector("#year-by-service") as HTMLElement;
    expect(within(byService).getByText(hostile)).toBeTruthy();
    expect(within(byService).getByText("€600.00")).toBeTruthy();
    const byProvider = container.querySelector("#year-by-provider") as HTMLElement;
    expect(within(byProvider).getByText("Orange Pro")).toBeTruthy();
    expect(screen.getByText(/4G backup router/)).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: /Save .*PDF/i }));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "save_document_pdf")?.args).toEqual({
        options: {
          document: "year_in_outages",
          incidentId: null,
          drillId: null,
          paper: "letter",
          includeSensitive: false,
        },
      }),
    );
  });

  it("says so when the year had no outage, in French", async () => {
    await i18n.use("fr");
    const empty = aYear();
    empty.totals.outages = 0;
    fakeBackend({ year_in_outages: () => empty, default_paper: () => "a4" });
    const { container } = render(YearPanel);
    await screen.findByText("Aucune panne ces 12 derniers mois.");
    expect(screen.getByRole("heading", { name: "L’année en pannes" })).toBeTruthy();
    expect(container.querySelector("svg")).toBeNull();
  });

  it("steps the axis in whole hours that reach past the tallest month", () => {
    expect(axisStep(0)).toBe(60);
    expect(axisStep(240)).toBe(60);
    expect(axisStep(241)).toBe(120);
    expect(axisStep(31 * 60)).toBe(10 * 60);
    const drawn = chart(aYear());
    // Stacked: November's second bar sits on its first.
    const [first, second] = drawn.bars.filter((b) => b.month === 11);
    expect(first && second).toBeTruthy();
    if (!first || !second) return;
    expect(second.y + second.h).toBeCloseTo(first.y);
    expect(drawn.months).toHaveLength(12);
  });
});

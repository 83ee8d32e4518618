import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { SharingStatus } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import SharingPanel from "./SharingPanel.svelte";

const NOT_SHARED: SharingStatus = {
  folder: null,
  carriedBy: null,
  computers: [],
  conflicts: [],
  refusedFiles: [],
  refusedRows: [],
  lastUpdate: null,
  problem: null,
};

const SHARED: SharingStatus = {
  folder: "/home/ana/Sync/Shop",
  carriedBy: { tool: "syncthing", folder: "/home/ana/Sync" },
  computers: [{ id: "c0ffee", name: "Shop PC", lastChange: "2026-12-06T09:42:00Z", behind: 2 }],
  conflicts: [
    {
      table: "contacts",
      gid: "0123456789abcdef0123456789abcdef",
      field: "phones",
      row: "Fibre Net",
      values: ["Support · 02 22 22 22 22", "Support · 01 11 11 11 11"],
    },
  ],
  refusedFiles: [{ computer: "Shop PC", file: "changes-1.steadysync", why: "newer" }],
  refusedRows: [
    { table: "services", row: "Card payments" },
    { table: "calls", row: "" },
  ],
  lastUpdate: { computer: "Shop PC", at: "2026-12-06T09:42:00Z" },
  problem: null,
};

describe("SharingPanel", () => {
  it("offers to share a plan that is on this computer only", async () => {
    const calls = fakeBackend({
      get_sharing: () => NOT_SHARED,
      choose_sharing_folder: () => ({ status: SHARED, plansOf: [] }),
    });
    const onNotice = vi.fn();
    render(SharingPanel, { onNotice, onReplaced: vi.fn() });
    expect(await screen.findByText("This plan is on this computer only.")).toBeVisible();
    await userEvent.setup().click(screen.getByRole("button", { name: "Share through a folder…" }));
    expect(calls.at(-1)).toEqual({
      cmd: "choose_sharing_folder",
      args: { title: "Choose the folder to share the plan through" },
    });
    expect(await screen.findByText("Shared through /home/ana/Sync/Shop")).toBeVisible();
    expect(onNotice).toHaveBeenCalledWith("The plan is shared through this folder.");
  });

  it("asks which plan to keep when the folder holds another computer's, and takes it", async () => {
    const calls = fakeBackend({
      get_sharing: () => NOT_SHARED,
      choose_sharing_folder: () => ({ status: null, plansOf: ["Shop PC"] }),
      share_chosen_folder: () => SHARED,
    });
    const onReplaced = vi.fn();
    render(SharingPanel, { onNotice: vi.fn(), onReplaced });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Share through a folder…" }));
    const question = await screen.findByRole("group", {
      name: "This folder already holds the plan of Shop PC",
    });
    const take = within(question).getByRole("button", { name: "Use the plan of Shop PC" });
    expect(take).toHaveFocus();
    expect(take).toHaveAccessibleDescription(/saved as a backup, then replaced/);
    await user.click(take);
    expect(calls.at(-1)).toEqual({ cmd: "share_chosen_folder", args: { choice: "folder_plan" } });
    await vi.waitFor(() =>
      expect(onReplaced).toHaveBeenCalledWith(
        expect.stringMatching(/^This computer now has the plan of Shop PC/),
      ),
    );
    expect(screen.queryByRole("group", { name: /already holds/ })).toBeNull();
  });

  it("puts both plans together, or shares nothing when the question is cancelled", async () => {
    const calls = fakeBackend({
      get_sharing: () => NOT_SHARED,
      choose_sharing_folder: () => ({ status: null, plansOf: ["Shop PC", "Office"] }),
      share_chosen_folder: () => SHARED,
      cancel_chosen: () => null,
    });
    const onNotice = vi.fn();
    const onReplaced = vi.fn();
    render(SharingPanel, { onNotice, onReplaced });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Share through a folder…" }));
    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    expect(calls.at(-1)).toEqual({ cmd: "cancel_chosen", args: {} });
    expect(screen.queryByRole("group", { name: /already holds/ })).toBeNull();
    expect(screen.getByText("This plan is on this computer only.")).toBeVisible();

    await user.click(screen.getByRole("button", { name: "Share through a folder…" }));
    await screen.findByRole("group", {
      name: "This folder already holds the plan of Shop PC, Office",
    });
    await user.click(screen.getByRole("button", { name: "Put both plans together" }));
    expect(calls.at(-1)).toEqual({ cmd: "share_chosen_folder", args: { choice: "both_plans" } });
    expect(await screen.findByText("Shared through /home/ana/Sync/Shop")).toBeVisible();
    expect(onNotice).toHaveBeenCalledWith("The plan is shared through this folder.");
    expect(onReplaced).not.toHaveBeenCalled();
  });

  it("names the other computer, the file it could not merge and what was changed on both", async () => {
    let status = SHARED;
    const calls = fakeBackend({
      get_sharing: () => status,
      settle_conflict: () => {
        status = { ...SHARED, conflicts: [] };
        return status;
      },
    });
    render(SharingPanel, { onNotice: vi.fn(), onReplaced: vi.fn() });
    expect(await screen.findByText("Syncthing syncs this folder.")).toBeVisible();
    const computers = screen.getByRole("list", { name: "Computers sharing this plan" });
    expect(within(computers).getByText("Shop PC")).toBeVisible();
    expect(within(computers).getByText(/2 changes not there yet/)).toBeVisible();
    expect(screen.getByText(/^Last updated from Shop PC: /)).toBeVisible();
    const refused = screen.getByRole("list", { name: "Not taken into this plan" });
    expect(within(refused).getByText("Service: Card payments")).toBeVisible();
    expect(within(refused).getByText("An entry of an outage")).toBeVisible();
    expect(
      screen.getByText(/changes-1\.steadysync, from Shop PC: written by a newer Steady/),
    ).toBeVisible();

    const conflict = screen.getByRole("group", { name: "Fibre Net — Phone numbers" });
    expect(within(conflict).getByText("Support · 01 11 11 11 11")).toBeVisible();
    const [, keepShops] = within(conflict).getAllByRole("button", { name: "Keep this" });
    if (!keepShops) throw new Error("no second value to keep");
    await userEvent.setup().click(keepShops);
    expect(calls.at(-1)).toEqual({
      cmd: "settle_conflict",
      args: {
        table: "contacts",
        gid: "0123456789abcdef0123456789abcdef",
        field: "phones",
        choice: 1,
      },
    });
    await vi.waitFor(() => expect(screen.queryByRole("group", { name: /Fibre Net/ })).toBeNull());
  });
});

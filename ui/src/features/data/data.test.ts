import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import type {
  BackupInfo,
  ContactKind,
  DataProblem,
  FileProblem,
  RestoreOutcome,
  SyncedFolder,
} from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import { fileProblemText } from "../../lib/problems";
import BackupsPanel from "./BackupsPanel.svelte";
import { placeText } from "./backups";
import DataProblemScreen from "./DataProblemScreen.svelte";
import VcardTransfer from "./VcardTransfer.svelte";

const contents = {
  businessName: "Corner Café",
  services: 7,
  contacts: 12,
  incidents: 3,
  schemaVersion: 5,
};

function backup(fileName: string, takenAt: string, reason: BackupInfo["reason"]): BackupInfo {
  return {
    fileName,
    place: "this_computer",
    machine: null,
    computer: null,
    fromOtherComputer: false,
    copied: false,
    takenAt,
    reason,
    size: 170_000,
    contents,
  };
}

const newest = backup("steady-2026-11-30-090000-daily.sqlite3", "2026-11-30T09:00:00Z", "daily");
const older = backup("steady-2026-11-29-090000-daily.sqlite3", "2026-11-29T09:00:00Z", "daily");

function damaged(backups: BackupInfo[]): DataProblem {
  return {
    problem: { kind: "damaged", detail: "database disk image is malformed" },
    dataFolder: "/home/ana/.local/share/app.steady.desktop",
    language: null,
    restorable: true,
    backups,
  };
}

describe("DataProblemScreen", () => {
  afterEach(() => {
    i18n.lang = "en";
  });

  it("names a damaged file and restores the newest backup in one click", async () => {
    const calls = fakeBackend({
      restore_backup: () => ({
        keptAs: "steady.sqlite3.damaged-x",
        saved: null,
        stoppedSharing: false,
      }),
    });
    const onRecovered = vi.fn();
    render(DataProblemScreen, { problem: damaged([newest, older]), onRecovered });

    expect(screen.getByRole("heading", { name: "Your data file is damaged" })).toBeInTheDocument();
    const newestBox = screen.getByRole("heading", { name: "The newest backup" }).parentElement;
    expect(newestBox).toHaveTextContent(/7 services, 12 contacts, 3 incidents/);
    expect(screen.getByText(/Other backups \(1\)/)).toBeInTheDocument();
    await userEvent
      .setup()
      .click(screen.getByRole("button", { name: "Restore the newest backup" }));

    expect(calls).toEqual([
      {
        cmd: "restore_backup",
        // A damaged file put back: a plan shared with others is brought up to date by them.
        args: { place: "this_computer", machine: null, fileName: newest.fileName, shared: null },
      },
    ]);
    expect(onRecovered).toHaveBeenCalledWith(expect.stringContaining("steady.sqlite3.damaged-x"));
  });

  it("offers no backup it does not have, and says a failed restore changed nothing", async () => {
    fakeBackend({
      restore_backup: () => {
        throw { code: "Storage", message: "no", fields: [] };
      },
    });
    const onRecovered = vi.fn();
    const { unmount } = render(DataProblemScreen, { problem: damaged([]), onRecovered });
    expect(screen.getByText(/There is no backup on this computer/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Restore the newest backup" })).toBeNull();
    unmount();

    render(DataProblemScreen, { problem: damaged([newest]), onRecovered });
    await userEvent
      .setup()
      .click(screen.getByRole("button", { name: "Restore the newest backup" }));
    expect(
      await screen.findByText(/could not be restored. Nothing was changed/),
    ).toBeInTheDocument();
    expect(onRecovered).not.toHaveBeenCalled();
  });

  it("keeps every restore button waiting while one restore runs", async () => {
    let finish: (outcome: RestoreOutcome) => void = () => {};
    const backend = fakeBackend({
      choose_backup_file: () => contents,
      restore_chosen_backup: () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    });
    const calls = () => backend.map((call) => call.cmd);
    render(DataProblemScreen, { problem: damaged([newest, older]), onRecovered: vi.fn() });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Restore from a file…" }));
    await user.click(await screen.findByRole("button", { name: "Restore" }));

    const restoreButtons = () =>
      screen
        .getAllByRole("button")
        .filter((b) => /Restore/.test(b.textContent ?? "") || /Restore/.test(b.ariaLabel ?? ""));
    expect(restoreButtons().length).toBeGreaterThanOrEqual(3);
    for (const button of restoreButtons()) expect(button).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Restore the newest backup" }));
    expect(calls()).not.toContain("restore_backup");

    finish({ keptAs: null, saved: null, stoppedSharing: false });
    await vi.waitFor(() =>
      expect(screen.getByRole("button", { name: "Restore the newest backup" })).toBeEnabled(),
    );
  });

  it("tries again on a full disk and says the way out in French", async () => {
    i18n.lang = "fr";
    let full = true;
    fakeBackend({
      retry_data: () =>
        full
          ? {
              problem: { kind: "diskFull" },
              dataFolder: "/d",
              language: "fr",
              restorable: false,
              backups: [],
            }
          : null,
    });
    const onRecovered = vi.fn();
    render(DataProblemScreen, {
      problem: {
        problem: { kind: "diskFull" },
        dataFolder: "/d",
        language: "fr",
        restorable: false,
        backups: [],
      },
      onRecovered,
    });
    expect(screen.getByRole("heading", { name: "Le disque est plein" })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(onRecovered).not.toHaveBeenCalled();
    full = false;
    await user.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(onRecovered).toHaveBeenCalledWith(null);
  });
});

describe("placeText", () => {
  it("says plainly that a copy was made on another computer", () => {
    const copy = (fromOtherComputer: boolean): BackupInfo => ({
      ...older,
      place: "copy_folder",
      machine: "debian-3f0c9a1be2d4c567",
      computer: "debian",
      fromOtherComputer,
    });
    expect(placeText(copy(true))).toBe(
      "Copy folder, made on another computer (debian): check it is yours",
    );
    expect(placeText(copy(false))).toBe("Copy folder, from debian");
    expect(placeText(newest)).toBe("This computer");
  });
});

describe("BackupsPanel", () => {
  it("lists backups and restores one only after saying what it replaces", async () => {
    const backend = fakeBackend({
      get_backups: () => ({
        backups: [newest, { ...older, contents: null }],
        dataFolder: "/d",
        copyFolder: "/media/usb",
        copyFolderPresent: false,
        synced: null,
        current: { ...contents, contacts: 13, incidents: 4 },
      }),
      restore_backup: () => ({ keptAs: null, saved: null, stoppedSharing: false }),
    });
    const calls = () => backend.map((call) => call.cmd);
    const onReplaced = vi.fn();
    render(BackupsPanel, { onReplaced, onNotice: vi.fn() });

    const table = await screen.findByRole("table");
    const rows = within(table).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("7 services, 12 contacts, 3 incidents");
    expect(rows[2]).toHaveTextContent("Cannot be read");
    expect(within(rows[2] as HTMLElement).queryByRole("button")).toBeNull();
    expect(screen.getByText(/is not there right now/)).toHaveTextContent("/media/usb");

    const user = userEvent.setup();
    await user.click(within(rows[1] as HTMLElement).getByRole("button"));
    expect(screen.getByText(/It replaces your whole plan/)).toHaveTextContent(
      "as they are now (7 services, 13 contacts, 4 incidents)",
    );
    expect(calls()).not.toContain("restore_backup");
    await user.click(screen.getByRole("button", { name: "Restore" }));
    expect(calls()).toContain("restore_backup");
    expect(onReplaced).toHaveBeenCalled();
  });
});

describe("BackupsPanel while the plan is shared", () => {
  it("asks what the restore does to the other computer, sends the answer, and says when it could restore here only", async () => {
    const backend = fakeBackend({
      get_backups: () => ({
        backups: [newest],
        dataFolder: "/d",
        copyFolder: null,
        copyFolderPresent: false,
        synced: null,
        current: contents,
      }),
      get_sharing: () => ({
        folder: "/home/ana/Sync/Shop",
        carriedBy: null,
        computers: [{ id: "laptop", name: "Ana's laptop", lastChange: null, behind: null }],
        conflicts: [],
        refusedFiles: [],
        refusedRows: [],
        lastUpdate: null,
        problem: null,
      }),
      // It could not become the laptop's plan: this computer stopped sharing.
      restore_backup: () => ({ keptAs: null, saved: null, stoppedSharing: true }),
    });
    const onReplaced = vi.fn();
    render(BackupsPanel, { onReplaced, onNotice: vi.fn() });
    const user = userEvent.setup();
    const table = await screen.findByRole("table");
    await user.click(
      within(within(table).getAllByRole("row")[1] as HTMLElement).getByRole("button"),
    );
    expect(screen.getByText(/Your plan is shared with Ana's laptop\./)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Restore" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Restore on every computer" }));
    const restore = backend.find((call) => call.cmd === "restore_backup");
    expect(restore?.args).toMatchObject({ shared: "everywhere" });
    await vi.waitFor(() =>
      expect(onReplaced).toHaveBeenCalledWith(
        expect.stringMatching(/^The backup is restored on this computer only/),
      ),
    );
  });

  it("restores here only when asked, and says nothing of sharing to a plan that is not shared", async () => {
    const backend = fakeBackend({
      get_backups: () => ({
        backups: [newest],
        dataFolder: "/d",
        copyFolder: null,
        copyFolderPresent: false,
        synced: null,
        current: contents,
      }),
      get_sharing: () => ({
        folder: "/home/ana/Sync/Shop",
        carriedBy: null,
        computers: [],
        conflicts: [],
        refusedFiles: [],
        refusedRows: [],
        lastUpdate: null,
        problem: null,
      }),
      restore_backup: () => ({ keptAs: null, saved: null, stoppedSharing: false }),
    });
    render(BackupsPanel, { onReplaced: vi.fn(), onNotice: vi.fn() });
    const user = userEvent.setup();
    const table = await screen.findByRole("table");
    await user.click(
      within(within(table).getAllByRole("row")[1] as HTMLElement).getByRole("button"),
    );
    // Shared, with no other computer seen yet.
    expect(screen.getByText(/Your plan is shared with another computer\./)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Stop sharing, restore here only" }));
    const restore = backend.find((call) => call.cmd === "restore_backup");
    expect(restore?.args).toMatchObject({ shared: "here_only" });
  });
});

describe("BackupsPanel in a synced folder", () => {
  /** The panel over a data folder that `synced` says is in a synced folder, or not. */
  function panelWith(synced: SyncedFolder | null) {
    fakeBackend({
      get_backups: () => ({
        backups: [newest],
        dataFolder: "/home/ana/Dropbox/steady",
        copyFolder: null,
        copyFolderPresent: false,
        synced,
        current: contents,
      }),
    });
    render(BackupsPanel, { onReplaced: vi.fn(), onNotice: vi.fn() });
  }

  it("names the tool and the folder, and says why and what to do instead", async () => {
    panelWith({ tool: "dropbox", folder: "/home/ana/Dropbox" });
    const warning = await screen.findByRole("heading", {
      name: "Your plan's file is in a synced folder",
    });
    const box = warning.parentElement as HTMLElement;
    expect(box).toHaveTextContent("inside /home/ana/Dropbox, which Dropbox syncs");
    expect(box).toHaveTextContent("Exclude the data folder from Dropbox");
  });

  it("says nothing of it when the folder is not synced", async () => {
    panelWith(null);
    await screen.findByRole("table");
    expect(screen.queryByText(/synced folder/)).toBeNull();
  });
});

describe("BackupsPanel on a full disk", () => {
  it("says the disk is full rather than that something went wrong", async () => {
    fakeBackend({
      get_backups: () => ({
        backups: [newest],
        dataFolder: "/d",
        copyFolder: null,
        copyFolderPresent: false,
        synced: null,
        current: contents,
      }),
      back_up_now: () => {
        throw { code: "DiskFull", message: "database or disk is full", fields: [] };
      },
    });
    render(BackupsPanel, { onReplaced: vi.fn(), onNotice: vi.fn() });
    await screen.findByRole("table");
    await userEvent.setup().click(screen.getByRole("button", { name: "Back up now" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(i18n.t.problems.diskFull);
  });
});

describe("VcardTransfer", () => {
  it("shows a refused file's line next to the button, and a preview before importing", async () => {
    let refuse = true;
    const backend = fakeBackend({
      choose_contacts_file: () => {
        if (refuse) {
          throw {
            code: "BadFile",
            message: "bad",
            fields: [],
            file: {
              line: 9,
              place: "Bad",
              reason: { kind: "badField", field: "phones.0.number", value: "call me" },
            },
          };
        }
        return {
          cards: [
            {
              name: "Amélie",
              action: "add",
              kind: "other",
              newPhones: ["06 12"],
              filled: [],
              setAside: [],
            },
          ],
          added: 1,
          updated: 0,
          unchanged: 0,
        };
      },
      import_contacts: () => ({ cards: [], added: 1, updated: 0, unchanged: 0 }),
    });
    const calls = () => backend.map((call) => call.cmd);
    const onImported = vi.fn();
    render(VcardTransfer, { onImported, onNotice: vi.fn() });
    const user = userEvent.setup();
    const button = screen.getByRole("button", { name: "Import contacts (vCard)…" });

    await user.click(button);
    const problem = await screen.findByRole("alert");
    expect(problem).toHaveTextContent(
      "Line 9: “call me”: the phone number of “Bad” is not one Steady accepts. Nothing was imported or changed.",
    );
    expect(button).toHaveAttribute("aria-describedby", problem.id);

    refuse = false;
    await user.click(button);
    expect(
      await screen.findByText("1 new contact, 0 completed, 0 already here"),
    ).toBeInTheDocument();
    expect(calls()).not.toContain("import_contacts");
    await user.click(screen.getByRole("button", { name: "Import" }));
    expect(onImported).toHaveBeenCalledWith("1 contact added, 0 completed.");
  });
});

describe("VcardTransfer preview", () => {
  it("shows the guessed kind and the numbers set aside, and imports the kinds the owner leaves", async () => {
    const sent: ContactKind[][] = [];
    fakeBackend({
      choose_contacts_file: () => ({
        cards: [
          {
            name: "EDF — dépannage",
            action: "add",
            kind: "power_utility",
            newPhones: ["+33-6-00-00-00-01 ext. 12"],
            filled: [],
            setAside: [],
          },
          {
            name: "Orange Business",
            action: "add",
            kind: "internet_provider",
            newPhones: [],
            filled: [],
            setAside: [
              {
                number: "sip:support@orange-business.example",
                label: "Work",
                reason: { kind: "invalidPhone" },
                inNotes: true,
              },
            ],
          },
          {
            name: "Fibre Net",
            action: "unchanged",
            kind: "internet_provider",
            newPhones: [],
            filled: [],
            setAside: [],
          },
        ],
        added: 2,
        updated: 0,
        unchanged: 1,
      }),
      import_contacts: ({ kinds }) => {
        sent.push(kinds);
        return { cards: [], added: 2, updated: 0, unchanged: 1 };
      },
    });
    render(VcardTransfer, { onImported: vi.fn(), onNotice: vi.fn() });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Import contacts (vCard)…" }));

    const edf = await screen.findByRole("combobox", {
      name: "Kind of contact for EDF — dépannage",
    });
    expect(edf).toHaveValue("power_utility");
    const orange = screen.getByRole("combobox", { name: "Kind of contact for Orange Business" });
    expect(orange).toHaveValue("internet_provider");
    expect(screen.queryByRole("combobox", { name: /Fibre Net/ })).toBeNull();
    expect(
      screen.getByText(/sip:support@orange-business\.example/).closest("li"),
    ).toHaveTextContent(i18n.t.problems.invalidPhone);

    await user.selectOptions(orange, "phone_provider");
    await user.click(screen.getByRole("button", { name: "Import" }));
    expect(sent).toEqual([["power_utility", "phone_provider", "internet_provider"]]);
  });
});

describe("fileProblemText", () => {
  it("says where and why in both languages", () => {
    const check = (problem: FileProblem, en: string, fr: string) => {
      i18n.lang = "en";
      expect(fileProblemText(problem)).toBe(en);
      i18n.lang = "fr";
      expect(fileProblemText(problem)).toBe(fr);
      i18n.lang = "en";
    };
    check(
      { line: 3, place: "", reason: { kind: "notJson" } },
      "Line 3: This is not a Steady plan file: it is not even JSON.",
      "Ligne 3 : Ce n’est pas un fichier de plan Steady : ce n’est même pas du JSON.",
    );
    check(
      { line: null, place: "tables.contacts[0].kind", reason: { kind: "badValue" } },
      "A value in this file cannot be used. (tables.contacts[0].kind)",
      "Une valeur de ce fichier ne peut pas être utilisée. (tables.contacts[0].kind)",
    );
    check(
      { line: null, place: "Enedis", reason: { kind: "badField", field: "email", value: "a@" } },
      "“a@”: the email of “Enedis” is not one Steady accepts.",
      "« a@ » : Steady n’accepte pas ce champ (e-mail) de « Enedis ».",
    );
  });
});

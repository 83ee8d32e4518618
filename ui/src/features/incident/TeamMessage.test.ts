import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../lib/i18n/index.svelte";
import type { Language } from "../../lib/ipc";
import { fakeBackend } from "../../lib/ipc/fake";
import TeamMessage from "./TeamMessage.svelte";
import TellStep from "./TellStep.svelte";
import { anIncident } from "./testing";

const WORDS: Record<Language, { sms: string; text: string }> = {
  en: {
    sms: "Corner Café: outage since 09:00: Card payments. Karim Benali: Call Banque Ouest. Ticket Banque Ouest: TCK-5521.",
    text: "Corner Café: outage, message to the team\n\nWho does what\n- Calls providers: Ana Lima",
  },
  fr: {
    sms: "Corner Café : panne depuis 09:00 : Card payments. Incident Banque Ouest : TCK-5521.",
    text: "Corner Café : panne, message à l’équipe\n\nQui fait quoi\n- Appelle les fournisseurs : Ana Lima",
  },
};

const code = { size: 21, path: "M0 0h7v7h-7z", payload: "SMSTO::Corner Café" };

function backend() {
  return fakeBackend({
    team_message: ({ language }) => ({ language, ...WORDS[language] }),
    copy_text: () => null,
    notice_codes: () => [code],
  });
}

afterEach(() => {
  i18n.lang = "en";
});

describe("TeamMessage", () => {
  it("shows the SMS and the longer message, and writes them again in the language chosen", async () => {
    const calls = backend();
    render(TeamMessage, { incident: anIncident(), onNotice: vi.fn() });
    const region = screen.getByRole("region", { name: "Message to the team" });
    expect(await within(region).findByLabelText("Text message (SMS)")).toHaveValue(WORDS.en.sms);
    expect(within(region).getByLabelText("Longer message")).toHaveValue(WORDS.en.text);
    expect(calls.find((c) => c.cmd === "team_message")?.args).toEqual({
      incidentId: 1,
      language: "en",
    });

    const user = userEvent.setup();
    await user.selectOptions(within(region).getByLabelText("Language of the message"), "fr");
    expect(await within(region).findByDisplayValue(WORDS.fr.sms)).toBeInTheDocument();
    expect(within(region).getByLabelText("Longer message")).toHaveValue(WORDS.fr.text);
  });

  it("copies each text, and carries the SMS to the phone as an SMS and the longer one as text", async () => {
    const calls = backend();
    const onNotice = vi.fn();
    render(TeamMessage, { incident: anIncident(), onNotice });
    const user = userEvent.setup();
    await screen.findByDisplayValue(WORDS.en.sms);

    await user.click(screen.getByRole("button", { name: "Copy the SMS" }));
    expect(calls.find((c) => c.cmd === "copy_text")?.args).toEqual({ text: WORDS.en.sms });
    expect(onNotice).toHaveBeenCalledWith("Copied: paste it into a message to your team.");
    await user.click(screen.getByRole("button", { name: "Copy the longer message" }));
    expect(calls.filter((c) => c.cmd === "copy_text").at(-1)?.args).toEqual({
      text: WORDS.en.text,
    });

    await user.click(screen.getByRole("button", { name: "Send the SMS to my phone" }));
    expect(calls.find((c) => c.cmd === "notice_codes")?.args).toEqual({
      channel: "sms",
      text: WORDS.en.sms,
    });
    expect(
      await screen.findByRole("img", { name: "QR code of the message to the team" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/messaging app opens with this text/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Send the longer message to my phone" }));
    expect(calls.filter((c) => c.cmd === "notice_codes").at(-1)?.args).toEqual({
      channel: "email",
      text: WORDS.en.text,
    });
    expect(await screen.findByText(/Your phone shows the text/)).toBeInTheDocument();
  });

  it("is never offered as a customer notice: nothing to mark as sent, nothing recorded", async () => {
    const calls = backend();
    render(TeamMessage, { incident: anIncident(), onNotice: vi.fn() });
    await screen.findByDisplayValue(WORDS.en.sms);
    expect(screen.queryByRole("button", { name: "Mark as sent" })).toBeNull();
    expect(screen.getByText(/never send it to customers/)).toBeInTheDocument();
    const sms = screen.getByLabelText("Text message (SMS)");
    expect(sms).toHaveAttribute("readonly");
    expect(calls.map((c) => c.cmd)).not.toContain("record_notice");
    expect(calls.map((c) => c.cmd)).not.toContain("check_notice");
  });

  it("speaks French in a French window", async () => {
    i18n.lang = "fr";
    const calls = backend();
    render(TeamMessage, { incident: anIncident(), onNotice: vi.fn() });
    expect(await screen.findByLabelText("SMS")).toHaveValue(WORDS.fr.sms);
    expect(screen.getByRole("region", { name: "Message à l’équipe" })).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "team_message")?.args.language).toBe("fr");
  });
});

describe("The team message pasted into a customer notice", () => {
  it("goes through the notice's check, which flags its ticket, and cannot leave unchecked", async () => {
    const meter = {
      length: 0,
      limit: 160,
      smsEncoding: "gsm7" as const,
      smsSegments: 1,
      multiline: false,
      over: false,
    };
    const calls = fakeBackend({
      draft_notice: ({ stage, channel, language }) => ({
        draft: { stage, channel, language, subject: null, body: "We are on it.", unfilled: [] },
        check: { length: meter, warnings: [], unfilled: [] },
      }),
      // Flags the ticket as the core's check does (see the core test
      // `the_team_message_pasted_into_a_customer_notice_is_flagged_by_the_disclosure_check`).
      check_notice: ({ body }) => {
        const at = body.indexOf("TCK-5521");
        return {
          length: { ...meter, length: body.length },
          warnings:
            at < 0
              ? []
              : [
                  {
                    kind: "identifier" as const,
                    matched: "TCK-5521",
                    start: at,
                    end: at + 8,
                    suggestion: "",
                  },
                ],
          unfilled: [],
        };
      },
      copy_text: () => null,
    });
    render(TellStep, { incident: anIncident(), onChange: vi.fn(), onNotice: vi.fn() });
    const user = userEvent.setup();
    const body = await screen.findByDisplayValue("We are on it.");
    await user.clear(body);
    await user.click(body);
    await user.paste(WORDS.en.sms);
    const warnings = await screen.findByRole("region", { name: "Before this reaches customers" });
    expect(warnings).toHaveTextContent("TCK-5521 — An account, meter or ticket number");
    expect(calls.filter((c) => c.cmd === "check_notice").at(-1)?.args.body).toBe(WORDS.en.sms);

    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Check the warnings first");
    expect(calls.some((c) => c.cmd === "copy_text")).toBe(false);
  });
});

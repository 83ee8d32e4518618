// The fake backend of the UI's tests, typed by the generated `CommandMap`: a fake for a
// command that does not exist, that reads other arguments or answers another shape fails
// `npm run check`, instead of a test passing against a backend that is not Steady's.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { CommandMap } from "./commands";

export type CommandName = keyof CommandMap;

/** What the fake answers each command with (a throw is a refusal); others are refused. */
export type Fakes = {
  [C in CommandName]?: (
    args: CommandMap[C]["args"],
  ) => CommandMap[C]["result"] | Promise<CommandMap[C]["result"]>;
};

/** One command the window called, with what it sent. */
export type Call = { [C in CommandName]: { cmd: C; args: CommandMap[C]["args"] } }[CommandName];

/**
 * Answers the window's commands with `fakes` (events are delivered, for `emit`); what it
 * was asked, in order.
 */
export function fakeBackend(fakes: Fakes): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args: args ?? {} } as Call);
      const fake = fakes[cmd as CommandName] as ((args: unknown) => unknown) | undefined;
      if (!fake) throw new Error(`no fake for ${cmd}`);
      return fake(args ?? {});
    },
    { shouldMockEvents: true },
  );
  return calls;
}

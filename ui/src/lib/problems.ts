// Field problems from the backend, in the owner's words, keyed by the field they belong to.
import { tick } from "svelte";
import { i18n } from "./i18n/index.svelte";
import {
  type AnyField,
  type FieldError,
  type FieldProblem,
  type FileProblem,
  toIpcError,
} from "./ipc";
import { label } from "./vocabulary";

/**
 * The messages of a refusal, keyed by the fields of one form (`F`, generated from the core's
 * field paths in `ipc/fields.ts`): reading a field the form does not have is a type error.
 */
export type FieldMessages<F extends string> = { [K in F]?: string };

export function problemText(problem: FieldProblem, field?: AnyField): string {
  const words = i18n.t.problems;
  switch (problem.kind) {
    case "required":
      if (field === "organisation") return words.nameOrPerson;
      if (field === "serviceIds") return words.nothingDown;
      return words.required;
    case "invalidPhone":
      return words.invalidPhone;
    case "notANumberIn":
      return words.notANumberIn(label("Country", problem.country));
    case "invalidEmail":
      return words.invalidEmail;
    case "invalidUrl":
      return words.invalidUrl;
    case "tooLong":
      return words.tooLong(problem.max);
    case "notPositive":
      return words.notPositive;
    case "notRecent":
      return words.notRecent;
    case "notAhead":
      return words.notAhead;
    case "tooLarge":
      return field === "kind" ? words.tooManyRoles(problem.max) : words.tooLarge(problem.max);
    case "unknown":
      return field === "body" || field === "subject" ? words.unknownPlaceholder : words.unknown;
    case "cycle":
      return words.cycle;
    case "unfilled":
      return words.unfilled;
    case "twice":
      return words.twice;
    case "samePerson":
      return words.samePerson;
    case "outsideOutage":
      return words.outsideOutage;
    case "beforeCheckIn":
      return words.beforeCheckIn;
    case "closed":
      return words.closed;
    case "notSafe":
      return words.notSafe(problem.names.join(", "));
    case "outageOpen":
      return words.outageOpen;
    case "drillOpen":
      return words.drillOpen;
    case "notYet":
      return words.notYet;
    case "ended":
      return words.ended;
    case "notAnAmount":
      return words.notAnAmount;
    case "negative":
      return words.negative;
    case "notATime":
      return words.notATime;
    case "endsBeforeStart":
      return words.endsBeforeStart;
    case "notForDrills":
      return words.notForDrills;
    case "notATemperature":
      return words.notATemperature;
  }
}

/**
 * The message for a multi-line field: its own, or the first of its lines' ("Line 4: Too
 * long") when the backend names a line (`steps.3`).
 */
export function listMessage<F extends string>(
  messages: FieldMessages<F>,
  field: F,
): string | undefined {
  const own = messages[field];
  if (own) return own;
  const lines: Record<string, string | undefined> = messages;
  const line = Object.keys(lines).find((key) => key.startsWith(`${field}.`));
  if (!line) return undefined;
  const index = Number(line.split(".")[1]);
  return i18n.t.problems.onLine(index + 1, lines[line] ?? "");
}

/**
 * The messages of `errors`, for the form `F` they came from: the core names a refused field
 * only by the paths `ipc/fields.ts` is generated from, so `field` is one of them.
 */
export function fieldMessages<F extends AnyField>(errors: FieldError[]): FieldMessages<F> {
  const messages: Record<string, string> = {};
  for (const { field, problem } of errors) {
    messages[field] ??= problemText(problem, field as AnyField);
  }
  return messages as FieldMessages<F>;
}

/** The field messages of a refused save, or null when the backend failed for another reason. */
export function refusal<F extends AnyField>(reason: unknown): FieldMessages<F> | null {
  const error = toIpcError(reason);
  return error.code === "Validation" ? fieldMessages<F>(error.fields) : null;
}

/**
 * Why a save failed, in the owner's words: the disk's own reason when it refused the write
 * (full, read-only, failing — each with what to do), else the general message.
 */
export function failureText(reason: unknown): string {
  return failureOr(reason, i18n.t.problems.unexpected);
}

/** As [`failureText`], with the screen's own words (`otherwise`) when the disk is not at
 * fault: "The backup could not be made." becomes "The disk is full…" when it is. */
export function failureOr(reason: unknown, otherwise: string): string {
  const words = i18n.t.problems;
  switch (toIpcError(reason).code) {
    case "DiskFull":
      return words.diskFull;
    case "ReadOnly":
      return words.readOnly;
    case "DiskError":
      return words.diskError;
    default:
      return otherwise;
  }
}

/** Once the messages are on screen, takes the owner to the first field to fix in `form`. */
export async function focusFirstInvalid(form: string): Promise<void> {
  await tick();
  document.querySelector<HTMLElement>(`${form} [aria-invalid='true']`)?.focus();
}

/** What is wrong with a file the owner chose to import, with the line when there is one. */
export function fileProblemText(problem: FileProblem): string {
  const words = i18n.t.data.file;
  const reason = problem.reason;
  let text: string;
  switch (reason.kind) {
    case "badField": {
      const field = reason.field;
      const names = i18n.t.data.fieldNames;
      const what = (field.startsWith("phones.") ? names.phone : names[field]) ?? field;
      text = words.badField(what, problem.place, reason.value);
      return problem.line === null ? text : words.onLine(problem.line, text);
    }
    case "newerFormat":
      text = words.newerFormat;
      break;
    case "tooLarge":
      text = words.tooLarge;
      break;
    default:
      text = words[reason.kind];
  }
  if (problem.line !== null) return words.onLine(problem.line, text);
  if (problem.place && reason.kind !== "notJson") return words.at(problem.place, text);
  return text;
}

/** The message for a failed import or restore: the file's problem, or the general one. */
export function importFailure(reason: unknown): string {
  const error = toIpcError(reason);
  if (error.code === "BadFile" && error.file) {
    return `${fileProblemText(error.file)} ${i18n.t.data.file.nothingChanged}`;
  }
  return failureText(reason);
}

// How every command reaches the backend: Tauri's `invoke`, with any failure turned into an
// IpcError whose `code` the screens branch on.
import { invoke } from "@tauri-apps/api/core";
import type { ApiError, ErrorCode, FieldError, FileProblem } from "./bindings";

export class IpcError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  /** With `BadFile`: where in the chosen file, and why. */
  readonly file: FileProblem | null;

  constructor(error: ApiError) {
    super(error.message);
    this.name = "IpcError";
    this.code = error.code;
    this.fields = error.fields;
    this.file = error.file ?? null;
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    "code" in value &&
    "message" in value &&
    Array.isArray((value as { fields?: unknown }).fields)
  );
}

/** Turns anything a command rejected with into an IpcError. */
export function toIpcError(reason: unknown): IpcError {
  if (reason instanceof IpcError) return reason;
  if (isApiError(reason)) return new IpcError(reason);
  return new IpcError({ code: "Storage", message: String(reason), fields: [] });
}

/** Calls the command `command`; used by the generated `ipc` object only. */
export async function send<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(reason);
  }
}

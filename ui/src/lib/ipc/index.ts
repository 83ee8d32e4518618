// The one door to the Rust backend: no other module imports @tauri-apps/api. The commands,
// events and types are generated from the Rust side (`make bindings`); every failure is an
// IpcError whose `code` the screens branch on.
export * from "./bindings";
export { IpcError, toIpcError } from "./call";
export { followChanges } from "./changes";
export { type CommandMap, type DataChanged, type DataKind, events, ipc } from "./commands";
export type * from "./fields";

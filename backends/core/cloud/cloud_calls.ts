/**
 * Which Docker calls a cloud backend answers, and where: its own folder makes some against its
 * cloud, backends/core/cloud answers the rest of what it serves, and everything else is a 501
 * (unsupported.ts).
 *
 * @module
 */

/** The calls a backend's own folder implements against its cloud. */
export type OwnCall =
  | "container.create"
  | "container.start"
  | "container.stop"
  | "container.kill"
  | "container.wait"
  | "container.attach"
  | "container.logs"
  | "container.remove"
  | "image.pull";

/** The calls answered the same way for every cloud backend (handlers.ts). */
export type SharedCall =
  | "system.info"
  | "system.df"
  | "system.events"
  | "container.list"
  | "container.inspect"
  | "exec.create"
  | "exec.start"
  | "exec.inspect";

/** The calls every cloud backend serves. */
export type CloudCall = OwnCall | SharedCall;

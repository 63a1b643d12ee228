/**
 * The messages on a container's network port, between its sandbox (the container actor's
 * `NetworkStack`) and the backend's switchboard. Connections themselves do not travel here: the
 * switchboard hands each end a MessagePort of their own (see ./duplex_port.ts).
 *
 * @module
 */

/** From a container to the switchboard; `id` pairs a request with its answer. */
export type NetRequest =
  | { op: "listen"; id: number; port: number }
  | { op: "unlisten"; port: number }
  | { op: "connect"; id: number; address: string; port: number }
  | { op: "resolve"; id: number; name: string }
  | { op: "probe"; id: number; address: string };

/** A failure as libc names it. */
export interface NetFailure {
  code: "ECONNREFUSED" | "EHOSTUNREACH" | "ENETUNREACH" | "EADDRINUSE" | "ENOTFOUND";
  message: string;
}

/** From the switchboard to a container. */
export type NetReply =
  | { id: number; error: NetFailure }
  | { id: number; ok: true }
  | { id: number; addresses: string[] }
  | { id: number; channel: MessagePort; local: string; remote: string }
  /** A connection for one of the container's listeners. */
  | { op: "incoming"; port: number; channel: MessagePort; local: string; remote: string };

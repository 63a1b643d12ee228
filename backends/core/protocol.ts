/**
 * The backend protocol: every call http/ makes into a backend, as typed request/reply pairs.
 * A backend is an actor; a call travels as a message `{ type, ...request }` and its reply (or a
 * serialized typed error) comes back. Byte and event streams travel as transferable Web Streams.
 * Handlers in http/ never touch backend state directly: this file is the whole interface.
 *
 * @module
 */
import type { DockerEvent, EventQuery } from "./events.ts";

/** What a backend says about itself for `/info`. */
export interface BackendInfo {
  /** The backend's name as `--backend` takes it. */
  name: string;
  /** One line on where containers run, shown in `docker info`. */
  description: string;
  /** Storage driver name (`Driver` in `/info`). */
  driver: string;
  driverStatus: [string, string][];
  containers: { total: number; running: number; paused: number; stopped: number };
  images: number;
  /** Runtimes a container can name in HostConfig.Runtime. */
  runtimes: string[];
  defaultRuntime: string;
  /** Plugins by kind, as `/info` lists them (only what the backend really provides). */
  plugins: { Volume: string[]; Network: string[]; Authorization: string[] | null; Log: string[] };
  /** The log driver containers get by default. */
  loggingDriver: string;
  /** Live `/events` subscriptions. */
  eventListeners: number;
  /** Things a user should know, shown at the end of `docker info`. */
  warnings: string[];
}

/** `GET /system/df`, in moby's shape (types.DiskUsage). */
export interface DiskUsage {
  LayersSize: number;
  Images: unknown[];
  Containers: unknown[];
  Volumes: unknown[];
  BuildCache: unknown[];
}

/** Every call, by name: its request fields and its reply. */
export interface BackendCalls {
  "system.info": { request: Record<never, never>; reply: BackendInfo };
  "system.df": { request: Record<never, never>; reply: DiskUsage };
  /** Past events matching the query, then (unless `until` is given) live ones until cancelled. */
  "system.events": { request: { query: EventQuery }; reply: ReadableStream<DockerEvent> };
}

export type BackendCallName = keyof BackendCalls;
export type BackendRequest<K extends BackendCallName = BackendCallName> = K extends BackendCallName
  ? { type: K } & BackendCalls[K]["request"]
  : never;
export type BackendReply<K extends BackendCallName> = BackendCalls[K]["reply"];

/** How http/ calls a backend. */
export interface BackendClient {
  call<K extends BackendCallName>(
    type: K,
    request: BackendCalls[K]["request"],
    options?: { signal?: AbortSignal; transfer?: Transferable[] },
  ): Promise<BackendReply<K>>;
}

/** The handlers a backend implements: one function per call. */
export type BackendHandlers = {
  [K in BackendCallName]: (
    request: BackendCalls[K]["request"],
  ) => BackendReply<K> | Promise<BackendReply<K>>;
};

/** The transferable objects in a reply, so a Worker can hand streams over instead of cloning. */
export function transferablesOf(value: unknown): Transferable[] {
  if (value instanceof ReadableStream || value instanceof WritableStream) return [value];
  if (value && typeof value === "object") {
    return Object.values(value).filter((v) =>
      v instanceof ReadableStream || v instanceof WritableStream
    );
  }
  return [];
}

/**
 * The backend protocol: every call http/ makes into a backend, as typed request/reply pairs.
 * A backend is an actor; a call travels as a message `{ type, ...request }` and its reply (or a
 * serialized typed error) comes back. Byte and event streams travel as transferable Web Streams.
 * Handlers in http/ never touch backend state directly: this file is the whole interface.
 *
 * @module
 */
import type {
  ContainerCreateBody,
  ContainerInspect,
  ContainerSummary,
  OutputChunk,
} from "./container_types.ts";
import type { DockerEvent, EventQuery } from "./events.ts";
import type { Filters } from "./filters.ts";
import type { HistoryItem, ImageDeleteItem, ImageInspect, ImageSummary } from "./images/mod.ts";
import type { ProgressMessage, RegistryCredentials } from "./registry/mod.ts";
import type { ContainerFsCalls } from "./protocol_container_fs.ts";
import type { ImageBuildCalls } from "./protocol_image_build.ts";
import type { VolumeCalls } from "./protocol_volumes.ts";
import type { NetworkCalls } from "./protocol_networks.ts";

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

/** A stream to a client: output chunks, plus a stdin sink when stdin was asked for. */
export interface AttachedStreams {
  /** True when the process has a TTY: output is raw, not stdcopy-framed. */
  tty: boolean;
  output: ReadableStream<OutputChunk>;
  stdin?: WritableStream<Uint8Array>;
}

export interface AttachRequest {
  id: string;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  /** Replay the container's logs first. */
  logs: boolean;
  /** Keep streaming live output. */
  stream: boolean;
}

export interface LogsRequest {
  id: string;
  follow: boolean;
  stdout: boolean;
  stderr: boolean;
  sinceMs?: number;
  untilMs?: number;
  tail?: number;
}

export type WaitCondition = "not-running" | "next-exit" | "removed";

export interface WaitResult {
  StatusCode: number;
  Error?: { Message: string };
}

export interface ExecCreateBody {
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Tty?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  User?: string;
  Privileged?: boolean;
  DetachKeys?: string;
  ConsoleSize?: [number, number] | null;
}

export interface ExecInspect {
  ID: string;
  Running: boolean;
  ExitCode: number | null;
  ProcessConfig: {
    tty: boolean;
    entrypoint: string;
    arguments: string[];
    privileged: boolean;
    user: string;
  };
  OpenStdin: boolean;
  OpenStderr: boolean;
  OpenStdout: boolean;
  CanRemove: boolean;
  ContainerID: string;
  DetachKeys: string;
  Pid: number;
}

/**
 * Every call, by name: its request fields and its reply. Families of calls that live in their
 * own files (`protocol_*.ts`) join here.
 */
export interface BackendCalls extends ContainerFsCalls, ImageBuildCalls, VolumeCalls, NetworkCalls {
  "system.info": { request: Record<never, never>; reply: BackendInfo };
  "system.df": { request: Record<never, never>; reply: DiskUsage };
  /** Past events matching the query, then (unless `until` is given) live ones until cancelled. */
  "system.events": { request: { query: EventQuery }; reply: ReadableStream<DockerEvent> };

  "container.create": {
    request: { name?: string; body: ContainerCreateBody; platform?: string };
    reply: { Id: string; Warnings: string[] };
  };
  "container.list": {
    request: { all: boolean; limit?: number; size: boolean; filters: Filters };
    reply: ContainerSummary[];
  };
  "container.inspect": { request: { id: string; size: boolean }; reply: ContainerInspect };
  "container.start": { request: { id: string }; reply: void };
  "container.stop": { request: { id: string; signal?: string; timeout?: number }; reply: void };
  "container.restart": {
    request: { id: string; signal?: string; timeout?: number };
    reply: void;
  };
  "container.kill": { request: { id: string; signal: string }; reply: void };
  /** Registers the wait and replies at once; the stream yields the result when it happens. */
  "container.wait": {
    request: { id: string; condition: WaitCondition };
    reply: ReadableStream<WaitResult>;
  };
  "container.attach": { request: AttachRequest; reply: AttachedStreams };
  "container.logs": { request: LogsRequest; reply: AttachedStreams };
  "container.remove": {
    request: { id: string; force: boolean; volumes: boolean; link: boolean };
    reply: void;
  };
  "container.rename": { request: { id: string; name: string }; reply: void };

  "exec.create": { request: { id: string; body: ExecCreateBody }; reply: { Id: string } };
  /** Detached: starts and replies with no streams. Otherwise the process's streams. */
  "exec.start": {
    request: { id: string; detach: boolean; tty: boolean };
    reply: AttachedStreams | null;
  };
  "exec.inspect": { request: { id: string }; reply: ExecInspect };

  /** Starts a pull and replies at once with its progress (Docker's JSON messages). */
  "image.pull": {
    request: { name: string; platform?: string; credentials?: RegistryCredentials };
    reply: ReadableStream<ProgressMessage>;
  };
  "image.list": {
    request: { all: boolean; filters: Filters; digests: boolean };
    reply: ImageSummary[];
  };
  "image.inspect": { request: { name: string }; reply: ImageInspect };
  "image.history": { request: { name: string }; reply: HistoryItem[] };
  "image.tag": { request: { name: string; repo: string; tag?: string }; reply: void };
  "image.remove": {
    request: { name: string; force: boolean; noprune: boolean };
    reply: ImageDeleteItem[];
  };
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

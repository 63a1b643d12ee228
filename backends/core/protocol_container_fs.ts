/**
 * Backend calls for a container's filesystem and process figures: archive (docker cp), export,
 * changes, top, stats, and the remaining container verbs (pause, update, resize, prune).
 *
 * @module
 */
import type { Filters } from "./filters.ts";

/**
 * moby's `container.PathStat`, sent base64-encoded JSON in `X-Docker-Container-Path-Stat`:
 * `mode` is Go's `os.FileMode` bits, `mtime` Go's RFC 3339 time, `linkTarget` the container path
 * a symlink resolves to (empty otherwise).
 */
export interface ContainerPathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

/** One entry of `GET /containers/{id}/changes`: Kind 0 modified, 1 added, 2 deleted. */
export interface FilesystemChange {
  Path: string;
  Kind: 0 | 1 | 2;
}

/** `GET /containers/{id}/top`: column titles and one row of strings per process. */
export interface ContainerTop {
  Titles: string[];
  Processes: string[][];
}

/** moby's `container.CPUStats`. */
export interface CpuStats {
  cpu_usage: {
    total_usage: number;
    usage_in_kernelmode: number;
    usage_in_usermode: number;
    percpu_usage?: number[];
  };
  system_cpu_usage?: number;
  online_cpus?: number;
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number };
}

/** One sample of `GET /containers/{id}/stats` (moby's `container.StatsResponse`). */
export interface ContainerStats {
  name: string;
  id: string;
  read: string;
  preread: string;
  pids_stats: { current?: number; limit?: number };
  blkio_stats: Record<string, null>;
  num_procs: number;
  storage_stats: Record<string, never>;
  cpu_stats: CpuStats;
  precpu_stats: CpuStats;
  memory_stats: {
    usage?: number;
    max_usage?: number;
    stats?: Record<string, number>;
    limit?: number;
  };
  networks?: Record<string, Record<string, number>>;
}

/** The body of `POST /containers/{id}/update` (moby's `container.UpdateConfig`). */
export interface ContainerUpdateBody {
  RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
  [resource: string]: unknown;
}

/** The body of `POST /containers/prune`. */
export interface ContainerPruneReport {
  ContainersDeleted: string[] | null;
  SpaceReclaimed: number;
}

export interface ContainerFsCalls {
  /** `HEAD /containers/{id}/archive`: NotFound when the path does not exist. */
  "container.archiveStat": { request: { id: string; path: string }; reply: ContainerPathStat };
  /** `GET /containers/{id}/archive`: the stat, and a tar whose top entry is the path's base name. */
  "container.archiveGet": {
    request: { id: string; path: string };
    reply: { stat: ContainerPathStat; tar: ReadableStream<Uint8Array> };
  };
  /** `PUT /containers/{id}/archive`: extracts `tar` into the directory `path`. */
  "container.archivePut": {
    request: {
      id: string;
      path: string;
      tar: ReadableStream<Uint8Array>;
      noOverwriteDirNonDir: boolean;
      copyUIDGID: boolean;
    };
    reply: void;
  };
  /** `GET /containers/{id}/export`: the whole filesystem as a tar. */
  "container.export": { request: { id: string }; reply: ReadableStream<Uint8Array> };
  /** `GET /containers/{id}/changes`: null when nothing changed, as moby answers. */
  "container.changes": { request: { id: string }; reply: FilesystemChange[] | null };
  /** `GET /containers/{id}/top`: Conflict when the container is not running. */
  "container.top": { request: { id: string; psArgs?: string }; reply: ContainerTop };
  /**
   * `GET /containers/{id}/stats`: one sample (`stream` false), or one a second until the reader
   * cancels. Without `oneShot`, a single sample waits a second to have a previous one to compare.
   */
  "container.stats": {
    request: { id: string; stream: boolean; oneShot: boolean };
    reply: ReadableStream<ContainerStats>;
  };
  "container.pause": { request: { id: string }; reply: void };
  "container.unpause": { request: { id: string }; reply: void };
  "container.update": {
    request: { id: string; body: ContainerUpdateBody };
    reply: { Warnings: string[] };
  };
  /** `POST /containers/{id}/resize`: records the TTY size and tells the main process. */
  "container.resize": { request: { id: string; height: number; width: number }; reply: void };
  /** `POST /exec/{id}/resize`. */
  "exec.resize": { request: { id: string; height: number; width: number }; reply: void };
  "container.prune": { request: { filters: Filters }; reply: ContainerPruneReport };
}

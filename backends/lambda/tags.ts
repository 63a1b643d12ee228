/**
 * The lambda backend's tags: every function carries the container's identity
 * (backends/core/cloud/tags.ts), and each start and stop is recorded on it, so a listing (or a
 * restarted daemon) finds containers and their run state by scanning functions.
 *
 * @module
 */
import { IDENTITY_TAG } from "../core/cloud/mod.ts";

export { identityOf, identityTags } from "../core/cloud/mod.ts";

export const TAG = {
  ...IDENTITY_TAG,
  /** When the latest start invoked the function (ms since the epoch). */
  started: "sockerless-started",
  /** `{ms}:{exit status}` of the latest docker stop or kill. */
  stopped: "sockerless-stopped",
} as const;

/** What the tags say about the container's latest run. */
export interface RunMarks {
  startedAt?: number;
  stopped?: { at: number; exitCode: number };
}

export function runMarksOf(tags: Record<string, string> | undefined): RunMarks {
  const started = tags?.[TAG.started];
  const stopped = /^(\d+):(\d+)$/.exec(tags?.[TAG.stopped] ?? "");
  return {
    ...(started ? { startedAt: Number(started) } : {}),
    ...(stopped ? { stopped: { at: Number(stopped[1]), exitCode: Number(stopped[2]) } } : {}),
  };
}

/**
 * The tags that make the cloud the lambda backend's state: every function carries the container's
 * identity, and each start and stop is recorded on it, so a listing (or a restarted daemon) finds
 * containers and their run state by scanning functions, never by remembering them.
 *
 * @module
 */

export const TAG = {
  managed: "sockerless-managed",
  id: "sockerless-container-id",
  name: "sockerless-name",
  created: "sockerless-created",
  image: "sockerless-image",
  autoRemove: "sockerless-auto-remove",
  /** When the latest start invoked the function (ms since the epoch). */
  started: "sockerless-started",
  /** `{ms}:{exit status}` of the latest docker stop or kill. */
  stopped: "sockerless-stopped",
} as const;

/** What the tags say about a container. */
export interface ContainerIdentity {
  id: string;
  name: string;
  /** Milliseconds since the epoch. */
  created: number;
  image: string;
  autoRemove: boolean;
}

/** What the tags say about the container's latest run. */
export interface RunMarks {
  startedAt?: number;
  stopped?: { at: number; exitCode: number };
}

export function identityTags(c: ContainerIdentity): Record<string, string> {
  return {
    [TAG.managed]: "true",
    [TAG.id]: c.id,
    [TAG.name]: c.name,
    [TAG.created]: String(c.created),
    [TAG.image]: c.image,
    [TAG.autoRemove]: String(c.autoRemove),
  };
}

/** The identity in a function's tags, or undefined when the function is not a container's. */
export function identityOf(
  tags: Record<string, string> | undefined,
): ContainerIdentity | undefined {
  if (tags?.[TAG.managed] !== "true" || !tags[TAG.id]) return undefined;
  const id = tags[TAG.id];
  return {
    id,
    name: tags[TAG.name] ?? id.slice(0, 12),
    created: Number(tags[TAG.created] ?? 0),
    image: tags[TAG.image] ?? "",
    autoRemove: tags[TAG.autoRemove] === "true",
  };
}

export function runMarksOf(tags: Record<string, string> | undefined): RunMarks {
  const started = tags?.[TAG.started];
  const stopped = /^(\d+):(\d+)$/.exec(tags?.[TAG.stopped] ?? "");
  return {
    ...(started ? { startedAt: Number(started) } : {}),
    ...(stopped ? { stopped: { at: Number(stopped[1]), exitCode: Number(stopped[2]) } } : {}),
  };
}

/**
 * A container's mounts on the memory backend: checking bind sources against `--allow-bind`,
 * creating the volumes they name (or anonymous ones), serving each host tree from this
 * (backend) Worker and asking the container actor to mount it, and the inspect `Mounts` list.
 * On removal the trees are closed and, with `rm -v` or AutoRemove, anonymous volumes go too.
 *
 * @module
 */
import type { ActorRef } from "../../actors/mod.ts";
import type { ContainerConfig, HostConfig } from "../core/container_types.ts";
import { Forbidden, InvalidParameter } from "../core/errors.ts";
import type { Volume } from "../core/protocol_volumes.ts";
import type { Container } from "./container.ts";
import type { ContainerMountSpec } from "./container/mounts/spec.ts";
import type { ContainerMsg } from "./container/protocol.ts";
import { serveHostTree } from "./host_tree/mod.ts";
import type { MemoryBackendState } from "./state.ts";
import { type RequestedMount, requestedMounts } from "./volume_mount_specs.ts";
import { volumesOf } from "./volume_store.ts";

/** One mount as the backend keeps it. */
export interface MountRecord {
  requested: RequestedMount;
  /** The volume (named or anonymous) for volume mounts. */
  volume?: Volume;
  /** Created for this container without a name: `rm -v` removes it. */
  anonymous: boolean;
  /** The canonical host path served: the bind source or the volume's `_data`. */
  hostPath?: string;
}

/** moby's types.MountPoint, as `Mounts` in container inspect and list. */
export interface MountPoint {
  Type: string;
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

interface ContainerMounts {
  records: MountRecord[];
  closers: (() => void)[];
}

const byContainer = new WeakMap<Container, ContainerMounts>();

function within(path: string, roots: string[]): boolean {
  return roots.some((r) => path === r || path.startsWith(r === "/" ? "/" : `${r}/`));
}

function bindRefused(source: string, why: string): Forbidden {
  return new Forbidden(
    `bind mount of ${source} is not allowed: ${why}; start the daemon with ` +
      `--allow-bind ${source} (or a parent directory) to allow it`,
  );
}

/** The canonical host path of a bind source, if `--allow-bind` covers it (403 otherwise). */
async function allowedBindSource(state: MemoryBackendState, m: RequestedMount): Promise<string> {
  const allowed = state.options.allowBind ?? [];
  if (allowed.length === 0) {
    throw bindRefused(m.source, "the daemon allows no host paths to be bound");
  }
  if (!within(m.source, allowed)) {
    throw bindRefused(m.source, `it is outside the --allow-bind paths (${allowed.join(", ")})`);
  }
  let real: string;
  try {
    real = await Deno.realPath(m.source);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    if (m.mustExist) {
      throw new InvalidParameter(
        `invalid mount config for type "bind": bind source path does not exist: ${m.source}`,
      );
    }
    // `-v /host:/c` makes a missing source directory, as moby does.
    await Deno.mkdir(m.source, { recursive: true, mode: 0o755 });
    real = await Deno.realPath(m.source);
  }
  const roots = await Promise.all(allowed.map((p) => Deno.realPath(p).catch(() => p)));
  if (!within(real, roots)) {
    throw bindRefused(m.source, `it resolves to ${real}, outside the --allow-bind paths`);
  }
  return real;
}

/**
 * Checks and prepares every mount of a new container (volumes are created here). Nothing is
 * mounted yet: {@link attachMounts} does that once the container actor exists.
 */
export async function prepareMounts(
  state: MemoryBackendState,
  host: HostConfig,
  config: ContainerConfig,
): Promise<MountRecord[]> {
  const requested = requestedMounts(host, config);
  const records: MountRecord[] = [];
  for (const m of requested) {
    if (m.type === "bind") {
      records.push({ requested: m, anonymous: false, hostPath: await allowedBindSource(state, m) });
    }
  }
  const volumes = await volumesOf(state);
  try {
    for (const m of requested) {
      if (m.type === "bind") continue;
      if (m.type === "tmpfs") {
        records.push({ requested: m, anonymous: false });
        continue;
      }
      const { volume, created } = await volumes.create({ Name: m.source, Labels: m.labels });
      if (created) {
        state.events.publish("volume", "create", {
          ID: volume.Name,
          Attributes: { driver: volume.Driver },
        });
      }
      records.push({
        requested: m,
        volume,
        anonymous: !m.source && created,
        hostPath: volume.Mountpoint,
      });
    }
    records.push(...mountsFrom(state, host.VolumesFrom ?? [], records));
  } catch (error) {
    await discardMounts(state, records);
    throw error;
  }
  // Parents before children (moby's sortMounts), so `/w` and `/w/cache` nest as asked.
  const depth = (r: MountRecord) => r.requested.target.split("/").length;
  return records.sort((a, b) => depth(a) - depth(b));
}

/**
 * `--volumes-from name[:ro|rw]`: the volumes and binds of other containers, at the same
 * destinations, unless this container mounts something there itself.
 */
function mountsFrom(
  state: MemoryBackendState,
  entries: string[],
  own: MountRecord[],
): MountRecord[] {
  const taken = new Set(own.map((r) => r.requested.target));
  const records: MountRecord[] = [];
  for (const entry of entries) {
    const [ref, mode = ""] = entry.split(":");
    if (!["", "ro", "rw"].includes(mode)) {
      throw new InvalidParameter(`invalid mode for volumes-from: ${mode}`);
    }
    const source = state.containers.get(ref);
    for (const r of byContainer.get(source)?.records ?? []) {
      const m = r.requested;
      if (m.type === "tmpfs" || taken.has(m.target)) continue;
      taken.add(m.target);
      const readOnly = mode ? mode === "ro" : m.readOnly;
      records.push({ ...r, requested: { ...m, readOnly, noCopy: true }, anonymous: false });
    }
  }
  return records;
}

/** Removes the anonymous volumes made for a container that was never created. */
export async function discardMounts(state: MemoryBackendState, records: MountRecord[]) {
  const volumes = await volumesOf(state);
  for (const r of records) if (r.anonymous && r.volume) await volumes.remove(r.volume.Name);
}

/** Serves each host tree and asks the container actor to mount everything, in order. */
export async function attachMounts(
  container: Container,
  actor: ActorRef<ContainerMsg>,
  records: MountRecord[],
): Promise<void> {
  const closers: (() => void)[] = [];
  byContainer.set(container, { records, closers });
  const specs: ContainerMountSpec[] = records.map((r) => {
    const m = r.requested;
    if (m.type === "tmpfs") {
      const parts = [
        ...(m.tmpfs?.sizeBytes ? [`size=${Math.floor(m.tmpfs.sizeBytes / 1024)}k`] : []),
        ...(m.tmpfs?.mode !== undefined ? [`mode=${m.tmpfs.mode.toString(8)}`] : []),
      ];
      return {
        kind: "tmpfs",
        target: m.target,
        readOnly: m.readOnly,
        sizeBytes: m.tmpfs?.sizeBytes,
        mode: m.tmpfs?.mode,
        options: parts.join(","),
      };
    }
    const { port1, port2 } = new MessageChannel();
    closers.push(serveHostTree(port1, { root: r.hostPath!, readOnly: m.readOnly }));
    return {
      kind: "host",
      type: m.type,
      target: m.target,
      readOnly: m.readOnly,
      port: port2,
      source: r.hostPath!,
      copyUp: m.type === "volume" && !m.noCopy,
    };
  });
  if (specs.length) await actor.ask({ type: "mount", mounts: specs });
}

/** A container's mount records (what crash-only persistence writes down and restores). */
export function mountRecordsOf(c: Container): MountRecord[] {
  return byContainer.get(c)?.records ?? [];
}

/** Inspect's `Mounts`. */
export function mountPointsOf(c: Container): MountPoint[] {
  const records = byContainer.get(c)?.records ?? [];
  return records.filter((r) => r.requested.listed).map((r): MountPoint => {
    const m = r.requested;
    const RW = !m.readOnly;
    if (m.type === "bind") {
      return {
        Type: "bind",
        Source: r.hostPath!,
        Destination: m.target,
        Mode: m.mode,
        RW,
        Propagation: "rprivate",
      };
    }
    if (m.type === "tmpfs") {
      return { Type: "tmpfs", Source: "", Destination: m.target, Mode: "", RW, Propagation: "" };
    }
    return {
      Type: "volume",
      Name: r.volume!.Name,
      Source: r.volume!.Mountpoint,
      Destination: m.target,
      Driver: r.volume!.Driver,
      Mode: r.anonymous ? "" : m.mode || "z",
      RW,
      Propagation: "",
    };
  });
}

/**
 * moby's `volume mount` events when a container starts (one per volume, naming the container and
 * destination) and `volume unmount` when it stops.
 */
export function publishVolumeEvents(
  state: MemoryBackendState,
  c: Container,
  action: "mount" | "unmount",
): void {
  for (const r of byContainer.get(c)?.records ?? []) {
    if (!r.volume) continue;
    const attributes: Record<string, string> = { driver: r.volume.Driver, container: c.id };
    if (action === "mount") {
      attributes.destination = r.requested.target;
      attributes.propagation = "";
      attributes["read/write"] = String(!r.requested.readOnly);
    }
    state.events.publish("volume", action, { ID: r.volume.Name, Attributes: attributes });
  }
}

/** Ids of the containers that mount volume `name`. */
export function containersUsing(state: MemoryBackendState, name: string): string[] {
  return state.containers.all().filter((c) =>
    byContainer.get(c)?.records.some((r) => r.volume?.Name === name)
  ).map((c) => c.id);
}

/**
 * Closes a removed container's host trees; with `removeAnonymous` (`rm -v`, AutoRemove) also
 * removes its anonymous volumes that no other container uses.
 */
export async function releaseMounts(
  state: MemoryBackendState,
  c: Container,
  options: { removeAnonymous: boolean },
): Promise<void> {
  const mounts = byContainer.get(c);
  if (!mounts) return;
  byContainer.delete(c);
  for (const close of mounts.closers) close();
  if (!options.removeAnonymous) return;
  const volumes = await volumesOf(state);
  for (const r of mounts.records) {
    if (!r.anonymous || !r.volume || !volumes.has(r.volume.Name)) continue;
    if (containersUsing(state, r.volume.Name).length === 0) await volumes.remove(r.volume.Name);
  }
}

/**
 * Reading the memory backend's state back after a restart, as Docker recovers after a daemon
 * crash (moby's `daemon.restore`): networks first (predefined ones keep their ids), then every
 * container with its name, endpoints and mounts. A container that was running is stopped with
 * ExitCode 255 and FinishedAt now (moby sets 255 when the task's exit status is gone). Then
 * restart policies run (`always`; `unless-stopped` unless the user stopped it; `on-failure`
 * under its retry limit), and AutoRemove containers are removed.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { Container } from "../container.ts";
import { imageLayerBytes } from "../image_rootfs.ts";
import { removeContainer, startContainer } from "../lifecycle.ts";
import { attachMounts, type MountRecord } from "../mounts.ts";
import { AddressPool } from "../network_ipam.ts";
import { type NetworkRecord, networksOf } from "../network_store.ts";
import { hostsFor } from "../network_settings.ts";
import { joinVirtualNetwork } from "../network_vnet.ts";
import type { MemoryBackendState } from "../state.ts";
import { volumesOf } from "../volume_store.ts";
import { DeferredContainerActor } from "./deferred_actor.ts";
import type { PersistedContainer, PersistedNetwork } from "./records.ts";
import type { StateDirectory } from "./state_dir.ts";
import type { StateWriter } from "./state_writer.ts";

/** What a restore found, for the daemon's log and for tests. */
export interface RestoreReport {
  containers: number;
  networks: number;
  /** Containers that were running when the daemon died. */
  crashed: number;
  restarted: string[];
  removed: string[];
  /** Records that could not be read or applied, with why (they stay on disk). */
  failures: string[];
}

function restoreNetwork(state: MemoryBackendState, record: PersistedNetwork): void {
  const table = networksOf(state);
  if (record.predefined) {
    const network = table.byName(record.name);
    if (!network) throw new Error(`predefined network ${record.name} does not exist`);
    table.delete(network);
    network.id = record.id;
    network.created = record.created;
    table.add(network);
    return;
  }
  const { pool, version: _, ...fields } = record;
  const restored: NetworkRecord = {
    ...fields,
    pool: pool &&
      new AddressPool({ base: pool.base, prefix: pool.prefix }, pool.gateway, pool.range),
    endpoints: new Map(),
  };
  table.add(restored);
}

async function restoreContainer(
  state: MemoryBackendState,
  dir: StateDirectory,
  record: PersistedContainer,
): Promise<Container> {
  const image = state.images.get(record.image.id);
  const hostname = record.config.Hostname || record.id.slice(0, 12);
  const actor = new DeferredContainerActor(record.id, async () => {
    if (!image) {
      throw new Error(
        `image ${record.image.name} (${record.image.id}) is no longer in the image store`,
      );
    }
    const checkpoints = (await dir.readLayers(record.id, record.layers)).map((tar) => ({
      digest: `sha256:${createHash("sha256").update(tar).digest("hex")}`,
      tar,
    }));
    const real = await state.spawnContainer({
      id: record.id,
      hostname,
      hosts: hostsFor(state, {
        id: record.id,
        hostname,
        extraHosts: record.hostConfig.ExtraHosts ?? [],
        links: record.hostConfig.Links ?? [],
      }),
      // The checkpoints lie over the image's layers: files the container left are back.
      image: {
        kind: "layers",
        layers: [...await imageLayerBytes(state.images, image), ...checkpoints],
      },
      ncpu: state.options.ncpu,
      memTotal: state.options.memTotal,
    });
    joinVirtualNetwork(state, record.id, real);
    return real;
  });
  const c = new Container(
    record.id,
    record.name,
    new Date(record.created),
    record.config,
    record.hostConfig,
    record.image,
    record.path,
    record.args,
    actor.asRef(),
  );
  Object.assign(c.state, record.state);
  c.restartCount = record.restartCount;
  for (const chunk of await dir.readLogs(record.id)) c.logs.append(chunk);
  const networks = networksOf(state);
  for (const { networkId, ...endpoint } of record.endpoints) {
    const network = networks.all().find((n) => n.id === networkId);
    if (!network) throw new Error(`its network ${networkId} is gone`);
    if (endpoint.address) network.pool?.allocate(endpoint.address);
    network.endpoints.set(c.id, endpoint);
  }
  const volumes = await volumesOf(state);
  const mounts: MountRecord[] = record.mounts.map((m) => ({
    requested: m.requested,
    anonymous: m.anonymous,
    hostPath: m.hostPath,
    volume: m.volumeName ? volumes.get(m.volumeName) : undefined,
  }));
  // Kept by the deferred actor and replayed when the sandbox is rebuilt.
  await attachMounts(c, actor.asRef(), mounts);
  return c;
}

/** moby's ShouldRestart for a container found stopped at daemon start. */
function shouldRestart(c: Container, manuallyStopped: boolean): boolean {
  const policy = c.hostConfig.RestartPolicy;
  switch (policy?.Name) {
    case "always":
      return true;
    case "unless-stopped":
      return !manuallyStopped;
    case "on-failure": {
      const max = policy.MaximumRetryCount ?? 0;
      return (max === 0 || c.restartCount < max) && c.state.ExitCode !== 0;
    }
    default:
      return false;
  }
}

/** Reads the state back into `state`; the writer learns what it restored. */
export async function restoreState(
  state: MemoryBackendState,
  dir: StateDirectory,
  writer: StateWriter,
): Promise<RestoreReport> {
  const report: RestoreReport = {
    containers: 0,
    networks: 0,
    crashed: 0,
    restarted: [],
    removed: [],
    failures: [],
  };
  const networks = await dir.loadNetworks();
  for (const record of networks.records) {
    try {
      restoreNetwork(state, record);
      report.networks++;
    } catch (error) {
      report.failures.push(`network ${record.name}: ${(error as Error).message}`);
    }
  }
  const containers = await dir.loadContainers();
  report.failures.push(
    ...[...networks.unreadable, ...containers.unreadable].map((u) => u.error.message),
  );
  const restored: Container[] = [];
  for (const record of containers.records) {
    try {
      const c = await restoreContainer(state, dir, record);
      state.containers.add(c);
      writer.adopt(c.id, record.manuallyStopped, record.layers);
      restored.push(c);
      report.containers++;
      const { Running, Paused, Restarting } = record.state;
      if (Running || Paused || Restarting) {
        report.crashed++;
        // Its processes died with the daemon: no exit status survives, so moby's 255.
        Object.assign(c.state, {
          Status: "exited",
          Running: false,
          Paused: false,
          Restarting: false,
          Pid: 0,
          ExitCode: 255,
          FinishedAt: new Date().toISOString(),
        });
        writer.touchContainer(c.id);
      }
    } catch (error) {
      report.failures.push(`container ${record.name} (${record.id}): ${(error as Error).message}`);
    }
  }
  for (const network of networksOf(state).all()) writer.touchNetwork(network.id);
  for (const c of restored) {
    if (shouldRestart(c, writer.manuallyStopped(c.id))) {
      await startContainer(state, c.id).then(
        () => report.restarted.push(c.id),
        (error) => report.failures.push(`restart of ${c.name}: ${(error as Error).message}`),
      );
    } else if (c.hostConfig.AutoRemove) {
      await removeContainer(state, c.id, { force: true, volumes: true }).then(
        () => report.removed.push(c.id),
        (error) => report.failures.push(`removal of ${c.name}: ${(error as Error).message}`),
      );
    }
  }
  await writer.settled();
  return report;
}

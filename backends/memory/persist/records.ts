/**
 * What is written down per container and per network: the Docker-visible facts a restart must
 * give back (id, name, created, config, host config, image, state, restart count, endpoints,
 * mounts) and nothing tied to one process (actors, waiters, exec sessions, pids).
 *
 * @module
 */
import type { ContainerConfig, ContainerState, HostConfig } from "../../core/container_types.ts";
import type { Container } from "../container.ts";
import { mountRecordsOf } from "../mounts.ts";
import type { Endpoint, NetworkRecord } from "../network_store.ts";
import { networksOf } from "../network_store.ts";
import type { MemoryBackendState } from "../state.ts";
import type { RequestedMount } from "../volume_mount_specs.ts";

export interface PersistedMount {
  requested: RequestedMount;
  volumeName?: string;
  anonymous: boolean;
  hostPath?: string;
}

export interface PersistedContainer {
  version: 1;
  id: string;
  name: string;
  created: string;
  config: ContainerConfig;
  hostConfig: HostConfig;
  image: { id: string; name: string };
  path: string;
  args: string[];
  state: ContainerState;
  restartCount: number;
  /** moby's HasBeenManuallyStopped: `unless-stopped` does not restart it after a crash. */
  manuallyStopped: boolean;
  endpoints: ({ networkId: string } & Endpoint)[];
  mounts: PersistedMount[];
  /** How many filesystem checkpoints (`layer-<n>.tar`) belong to it, oldest first. */
  layers: number;
}

/** A network as written: its record without live endpoints, and its pool as plain numbers. */
export interface PersistedNetwork extends Omit<NetworkRecord, "pool" | "endpoints"> {
  version: 1;
  /** The pool as numbers, so it is rebuilt exactly (subnet, gateway, optional range). */
  pool?: {
    base: number;
    prefix: number;
    gateway: number;
    range?: { base: number; prefix: number };
  };
}

export function containerRecord(
  state: MemoryBackendState,
  c: Container,
  extra: { manuallyStopped: boolean; layers: number },
): PersistedContainer {
  const endpoints = networksOf(state).of(c.id).map((n) => ({
    networkId: n.id,
    ...n.endpoints.get(c.id)!,
  }));
  return {
    version: 1,
    id: c.id,
    name: c.name,
    created: c.created.toISOString(),
    config: c.config,
    hostConfig: c.hostConfig,
    image: c.image,
    path: c.path,
    args: c.args,
    state: { ...c.state },
    restartCount: c.restartCount,
    manuallyStopped: extra.manuallyStopped,
    endpoints,
    mounts: mountRecordsOf(c).map((r) => ({
      requested: r.requested,
      volumeName: r.volume?.Name,
      anonymous: r.anonymous,
      hostPath: r.hostPath,
    })),
    layers: extra.layers,
  };
}

export function networkRecord(n: NetworkRecord): PersistedNetwork {
  const pool = n.pool && {
    base: n.pool.subnet.base,
    prefix: n.pool.subnet.prefix,
    gateway: n.pool.gateway,
    ...(n.pool.range ? { range: { ...n.pool.range } } : {}),
  };
  return {
    version: 1,
    id: n.id,
    name: n.name,
    driver: n.driver,
    created: n.created,
    predefined: n.predefined,
    internal: n.internal,
    attachable: n.attachable,
    labels: n.labels,
    options: n.options,
    userIpam: n.userIpam,
    ipamConfig: n.ipamConfig,
    ipamOptions: n.ipamOptions,
    ...(pool ? { pool } : {}),
  };
}

/**
 * Attaching containers to networks: the checks moby makes before it creates an endpoint (host
 * and none are exclusive, static addresses and aliases only on user-defined networks, one
 * endpoint per network), address allocation, and detaching with the addresses given back.
 * Every check runs before anything is allocated, so a refused request leaves nothing behind.
 *
 * @module
 */
import { Forbidden, InvalidParameter, NotImplemented } from "../core/errors.ts";
import { newId } from "../core/names.ts";
import type { EndpointConfig } from "../core/protocol_networks.ts";
import { parseIPv4 } from "./network_ipam.ts";
import { type Endpoint, macFor, type NetworkRecord, networksOf } from "./network_store.ts";
import type { MemoryBackendState } from "./state.ts";

/** A network to join and the endpoint settings asked for on it. */
export interface PlannedEndpoint {
  network: NetworkRecord;
  config: EndpointConfig;
}

const exclusive = (n: NetworkRecord) => n.driver === "host" || n.driver === "null";

/** Fails unless `container` may join `network` next to the networks it is already on. */
export function checkJoin(
  network: NetworkRecord,
  others: NetworkRecord[],
  containerName: string,
  config: EndpointConfig,
): number | undefined {
  if (others.some((o) => o.id === network.id)) {
    throw new Forbidden(
      `endpoint with name ${containerName} already exists in network ${network.name}`,
    );
  }
  if (others.length && (exclusive(network) || others.some(exclusive))) {
    const which = [network, ...others].find(exclusive)!;
    throw new Forbidden(
      which.driver === "host"
        ? "container cannot be disconnected from host network or connected to host network"
        : "container cannot be connected to multiple networks with one of the networks in private (none) mode",
    );
  }
  if (config.Aliases?.length && (network.predefined)) {
    throw new InvalidParameter(
      "network-scoped alias is supported only for containers in user defined networks",
    );
  }
  const wanted = config.IPAMConfig?.IPv4Address;
  if (!wanted) return undefined;
  if (network.predefined) {
    throw new InvalidParameter(
      "user specified IP address is supported on user defined networks only",
    );
  }
  if (!network.userIpam) {
    throw new InvalidParameter(
      "user specified IP address is supported only when connecting to networks with user configured subnets",
    );
  }
  const address = parseIPv4(wanted);
  if (address === undefined) throw new InvalidParameter(`invalid IPv4 address: ${wanted}`);
  return address;
}

/**
 * The host network would put a container's listeners on the daemon host's interfaces; container
 * Workers have no network permission, so the memory backend says so instead of pretending.
 */
export function refuseHost(network: NetworkRecord): void {
  if (network.driver !== "host") return;
  throw new NotImplemented(
    "memory backend: the host network is not supported: sandbox containers cannot use the host's " +
      "network stack (publish ports with -p, or use a bridge network)",
  );
}

/**
 * The networks a new container joins: its NetworkMode (default: bridge) and every entry of
 * NetworkingConfig.EndpointsConfig, each checked against the others.
 */
export function planEndpoints(
  state: MemoryBackendState,
  networkMode: string | undefined,
  endpoints: Record<string, unknown> | null | undefined,
): PlannedEndpoint[] {
  const table = networksOf(state);
  const mode = !networkMode || networkMode === "default" ? "bridge" : networkMode;
  if (mode.startsWith("container:")) {
    throw new NotImplemented(
      `memory backend: HostConfig.NetworkMode=${mode} is not supported: containers cannot share another container's network namespace`,
    );
  }
  const planned: PlannedEndpoint[] = [];
  // The docker CLI names the default network "default" in EndpointsConfig too.
  const configs = Object.entries(endpoints ?? {}).map(([k, v]) =>
    [k === "default" ? "bridge" : k, v] as const
  );
  const primary = table.get(mode);
  const primaryConfig = configs.find(([k]) => k === mode || table.get(k).id === primary.id)?.[1];
  const add = (network: NetworkRecord, config: EndpointConfig) => {
    refuseHost(network);
    checkJoin(network, planned.map((p) => p.network), "", config);
    planned.push({ network, config });
  };
  add(primary, (primaryConfig ?? {}) as EndpointConfig);
  for (const [key, config] of configs) {
    const network = table.get(key);
    if (network.id === primary.id) continue;
    add(network, (config ?? {}) as EndpointConfig);
  }
  return planned;
}

/** Creates the endpoints; on any failure the ones made are released and the error thrown. */
export function attachEndpoints(
  state: MemoryBackendState,
  containerId: string,
  containerName: string,
  planned: PlannedEndpoint[],
): void {
  const made: NetworkRecord[] = [];
  try {
    for (const { network, config } of planned) {
      const others = networksOf(state).of(containerId);
      const wanted = checkJoin(network, others, containerName, config);
      const address = network.pool?.allocate(wanted) ?? 0;
      const endpoint: Endpoint = {
        containerId,
        endpointId: newId(),
        address,
        mac: macFor(address),
        aliases: [...(config.Aliases ?? [])],
        links: [...(config.Links ?? [])],
        staticAddress: wanted === undefined ? undefined : config.IPAMConfig?.IPv4Address,
      };
      network.endpoints.set(containerId, endpoint);
      made.push(network);
    }
  } catch (error) {
    for (const network of made) detachEndpoint(network, containerId);
    throw error;
  }
}

/** Removes a container's endpoint from one network and frees its address. */
export function detachEndpoint(network: NetworkRecord, containerId: string): Endpoint | undefined {
  const endpoint = network.endpoints.get(containerId);
  if (!endpoint) return undefined;
  network.endpoints.delete(containerId);
  if (endpoint.address) network.pool?.release(endpoint.address);
  return endpoint;
}

/**
 * Detaches a container from every network, with a disconnect event for each unless `quiet`
 * (a create that failed half-way never announced its endpoints).
 */
export function detachAll(
  state: MemoryBackendState,
  containerId: string,
  options: { quiet?: boolean } = {},
): void {
  for (const network of networksOf(state).of(containerId)) {
    detachEndpoint(network, containerId);
    if (!options.quiet) {
      publishNetworkEvent(state, network, "disconnect", { container: containerId });
    }
  }
}

/**
 * A connect (or disconnect) event for each network of a container: Docker makes endpoints when
 * a container starts and removes them when it stops, and says so then.
 */
export function announceEndpoints(
  state: MemoryBackendState,
  containerId: string,
  action: "connect" | "disconnect",
): void {
  for (const network of networksOf(state).of(containerId)) {
    publishNetworkEvent(state, network, action, { container: containerId });
  }
}

export function publishNetworkEvent(
  state: MemoryBackendState,
  network: NetworkRecord,
  action: string,
  extra: Record<string, string> = {},
): void {
  state.events.publish("network", action, {
    ID: network.id,
    Attributes: { name: network.name, type: network.driver, ...extra },
  });
}

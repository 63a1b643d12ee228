/**
 * The memory backend's networks: the predefined `bridge`, `host` and `none`, user-defined bridge
 * networks with their IPAM, and each network's endpoints (the containers on it with their address
 * and DNS names). Lookups follow moby: full id, exact name, then a unique id prefix.
 *
 * @module
 */
import { Conflict, InvalidParameter, NotFound } from "../core/errors.ts";
import { newId } from "../core/names.ts";
import type { IpamConfig, NetworkInspect } from "../core/protocol_networks.ts";
import { AddressPool, formatCidr, formatIPv4, type Subnet } from "./network_ipam.ts";
import type { MemoryBackendState } from "./state.ts";

/** One container's attachment to one network. */
export interface Endpoint {
  containerId: string;
  endpointId: string;
  /** 0 on `host` and `none`, which give no address. */
  address: number;
  mac: string;
  /** User-given aliases (`--network-alias`, compose's service name). */
  aliases: string[];
  /** Legacy links `target:alias` as given. */
  links: string[];
  /** The address asked for with `--ip`, if any. */
  staticAddress?: string;
}

export interface NetworkRecord {
  id: string;
  name: string;
  driver: "bridge" | "host" | "null";
  created: string;
  predefined: boolean;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** IPAM as the user gave it (static addresses need a user-configured subnet, as in moby). */
  userIpam: boolean;
  ipamConfig: IpamConfig[];
  ipamOptions: Record<string, string> | null;
  pool?: AddressPool;
  endpoints: Map<string, Endpoint>;
}

const tables = new WeakMap<MemoryBackendState, NetworkTable>();

/** The backend's network table, made with the predefined networks on first use. */
export function networksOf(state: MemoryBackendState): NetworkTable {
  let table = tables.get(state);
  if (!table) tables.set(state, table = new NetworkTable());
  return table;
}

/** A MAC address derived from the IPv4 address, as Docker's bridge driver does (02:42:…). */
export function macFor(address: number): string {
  if (!address) return "";
  return [
    "02",
    "42",
    ...formatIPv4(address).split(".").map((o) => Number(o).toString(16).padStart(2, "0")),
  ]
    .join(":");
}

export class NetworkTable {
  #byId = new Map<string, NetworkRecord>();

  constructor() {
    const now = new Date().toISOString();
    const base = (name: string, driver: NetworkRecord["driver"]): NetworkRecord => ({
      id: newId(),
      name,
      driver,
      created: now,
      predefined: true,
      internal: false,
      attachable: false,
      labels: {},
      options: {},
      userIpam: false,
      ipamConfig: [],
      ipamOptions: null,
      endpoints: new Map(),
    });
    const bridge = base("bridge", "bridge");
    const subnet: Subnet = { base: (172 * 256 + 17) * 65536, prefix: 16 };
    bridge.pool = new AddressPool(subnet, subnet.base + 1);
    bridge.ipamConfig = [{ Subnet: formatCidr(subnet), Gateway: formatIPv4(subnet.base + 1) }];
    bridge.options = {
      "com.docker.network.bridge.default_bridge": "true",
      "com.docker.network.bridge.enable_icc": "true",
      "com.docker.network.bridge.enable_ip_masquerade": "true",
      "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
      "com.docker.network.bridge.name": "docker0",
      "com.docker.network.driver.mtu": "1500",
    };
    for (const n of [bridge, base("host", "host"), base("none", "null")]) this.add(n);
  }

  add(network: NetworkRecord): void {
    this.#byId.set(network.id, network);
  }

  delete(network: NetworkRecord): void {
    this.#byId.delete(network.id);
  }

  all(): NetworkRecord[] {
    return [...this.#byId.values()];
  }

  byName(name: string): NetworkRecord | undefined {
    return this.all().find((n) => n.name === name);
  }

  /** Finds a network by id, name or unique id prefix; NotFound ("network x not found") otherwise. */
  get(ref: string): NetworkRecord {
    const exact = this.#byId.get(ref) ?? this.byName(ref);
    if (exact) return exact;
    const matches = /^[a-f0-9]+$/.test(ref) ? this.all().filter((n) => n.id.startsWith(ref)) : [];
    if (matches.length > 1) {
      throw new InvalidParameter(
        `network ${ref} is ambiguous (${matches.length} matches found based on ID prefix)`,
      );
    }
    if (matches.length === 1) return matches[0];
    throw new NotFound(`network ${ref} not found`);
  }

  /** The networks a container is attached to. */
  of(containerId: string): NetworkRecord[] {
    return this.all().filter((n) => n.endpoints.has(containerId));
  }

  /** Fails with Conflict when a name is already taken. */
  checkFree(name: string): void {
    if (this.byName(name)) throw new Conflict(`network with name ${name} already exists`);
  }
}

/** `GET /networks/{id}` for a record; `containerName` names each endpoint's container. */
export function inspectNetwork(
  n: NetworkRecord,
  containerName: (id: string) => string,
  withContainers = true,
): NetworkInspect {
  const prefix = n.pool?.subnet.prefix;
  const containers: NetworkInspect["Containers"] = {};
  if (withContainers) {
    for (const e of n.endpoints.values()) {
      containers[e.containerId] = {
        Name: containerName(e.containerId),
        EndpointID: e.endpointId,
        MacAddress: e.mac,
        IPv4Address: e.address ? `${formatIPv4(e.address)}/${prefix}` : "",
        IPv6Address: "",
      };
    }
  }
  return {
    Name: n.name,
    Id: n.id,
    Created: n.created,
    Scope: "local",
    Driver: n.driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: "default", Options: n.ipamOptions, Config: n.ipamConfig },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Containers: containers,
    Options: n.options,
    Labels: n.labels,
  };
}

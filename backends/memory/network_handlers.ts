/**
 * The network calls on the memory backend: create (bridge driver with IPAM), list with moby's
 * filters, inspect, remove (403 predefined, 409 in use), prune, connect and disconnect.
 *
 * @module
 */
import { Conflict, Forbidden, InvalidParameter, NotImplemented } from "../core/errors.ts";
import {
  checkFilterKeys,
  exactMatch,
  type Filters,
  fuzzyMatch,
  labelsMatch,
} from "../core/filters.ts";
import { newId } from "../core/names.ts";
import type { BackendHandlers } from "../core/protocol.ts";
import type { NetworkCreateBody } from "../core/protocol_networks.ts";
import {
  attachEndpoints,
  detachEndpoint,
  publishNetworkEvent,
  refuseHost,
} from "./network_endpoints.ts";
import {
  AddressPool,
  formatCidr,
  formatIPv4,
  nextFreePool,
  overlaps,
  parseCidr,
  parseIPv4,
  type Subnet,
} from "./network_ipam.ts";
import { inspectNetwork, type NetworkRecord, networksOf } from "./network_store.ts";
import type { MemoryBackendState } from "./state.ts";

const LIST_FILTERS = ["dangling", "driver", "id", "label", "name", "scope", "type"];
const PRUNE_FILTERS = ["label", "label!", "until"];

/** Builds the address pool for a new network, refusing overlaps with existing subnets. */
function poolFor(body: NetworkCreateBody, inUse: Subnet[]): { pool: AddressPool; user: boolean } {
  const configs = body.IPAM?.Config ?? [];
  const v4 = configs.filter((c) => !c.Subnet?.includes(":"));
  if (v4.length > 1) {
    throw new NotImplemented(
      "memory backend: a network takes one IPv4 subnet (several were given)",
    );
  }
  const config = v4[0];
  if (!config?.Subnet) {
    if (config?.Gateway || config?.IPRange) {
      throw new InvalidParameter("invalid pool request: a gateway or ip range needs a subnet");
    }
    const subnet = nextFreePool(inUse);
    return { pool: new AddressPool(subnet, subnet.base + 1), user: false };
  }
  const subnet = parseCidr(config.Subnet);
  const clash = inUse.find((s) => overlaps(s, subnet));
  if (clash) {
    throw new Forbidden(
      `invalid pool request: Pool overlaps with other one on this address space (${config.Subnet} overlaps ${
        formatCidr(clash)
      })`,
    );
  }
  let gateway = subnet.base + 1;
  if (config.Gateway) {
    const parsed = parseIPv4(config.Gateway);
    if (parsed === undefined) {
      throw new InvalidParameter(`invalid gateway address: ${config.Gateway}`);
    }
    gateway = parsed;
  }
  const range = config.IPRange ? parseCidr(config.IPRange) : undefined;
  return { pool: new AddressPool(subnet, gateway, range), user: true };
}

function createNetwork(state: MemoryBackendState, body: NetworkCreateBody): NetworkRecord {
  const table = networksOf(state);
  const name = body.Name ?? "";
  if (!name) throw new InvalidParameter("network name cannot be empty");
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) {
    throw new InvalidParameter(
      `invalid network name "${name}": must match [a-zA-Z0-9][a-zA-Z0-9_.-]*`,
    );
  }
  table.checkFree(name);
  const driver = body.Driver || "bridge";
  if (driver === "host" || driver === "null") {
    throw new Forbidden(`only one instance of "${driver}" network is allowed`);
  }
  if (driver !== "bridge") {
    throw new NotImplemented(
      `memory backend: network driver "${driver}" is not supported (only bridge)`,
    );
  }
  if (body.EnableIPv6) throw new NotImplemented("memory backend: IPv6 networks are not supported");
  if (body.IPAM?.Driver && body.IPAM.Driver !== "default") {
    throw new NotImplemented(`memory backend: IPAM driver "${body.IPAM.Driver}" is not supported`);
  }
  const inUse = table.all().flatMap((n) => n.pool ? [n.pool.subnet] : []);
  const { pool, user } = poolFor(body, inUse);
  const network: NetworkRecord = {
    id: newId(),
    name,
    driver: "bridge",
    created: new Date().toISOString(),
    predefined: false,
    internal: Boolean(body.Internal),
    attachable: Boolean(body.Attachable),
    labels: { ...(body.Labels ?? {}) },
    options: { ...(body.Options ?? {}) },
    userIpam: user,
    ipamConfig: [{
      Subnet: formatCidr(pool.subnet),
      ...(pool.range ? { IPRange: formatCidr(pool.range) } : {}),
      Gateway: formatIPv4(pool.gateway),
    }],
    ipamOptions: body.IPAM?.Options ?? {},
    pool,
    endpoints: new Map(),
  };
  table.add(network);
  publishNetworkEvent(state, network, "create");
  return network;
}

function untilMatches(filters: Filters, created: string): boolean {
  const until = filters.until?.[0];
  if (!until) return true;
  const limit = /^\d+(\.\d+)?$/.test(until) ? Number(until) * 1000 : Date.parse(until);
  if (Number.isNaN(limit)) throw new InvalidParameter(`invalid filter 'until=${until}'`);
  return Date.parse(created) < limit;
}

type NetworkCallNames =
  | "network.create"
  | "network.list"
  | "network.inspect"
  | "network.remove"
  | "network.prune"
  | "network.connect"
  | "network.disconnect";

export function networkHandlers(
  state: MemoryBackendState,
): Pick<BackendHandlers, NetworkCallNames> {
  const nameOf = (id: string) => state.containers.all().find((c) => c.id === id)?.name ?? "";
  const remove = (network: NetworkRecord) => {
    networksOf(state).delete(network);
    publishNetworkEvent(state, network, "destroy");
  };
  return {
    "network.create"({ body }) {
      return { Id: createNetwork(state, body ?? {}).id, Warning: "" };
    },
    "network.list"({ filters }) {
      checkFilterKeys(filters, LIST_FILTERS);
      const type = filters.type?.[0];
      if (type && !["custom", "builtin"].includes(type)) {
        throw new InvalidParameter(`invalid filter: 'type'='${type}'`);
      }
      const dangling = filters.dangling?.[0];
      return networksOf(state).all().filter((n) =>
        fuzzyMatch(filters, "name", n.name) && fuzzyMatch(filters, "id", n.id) &&
        exactMatch(filters, "driver", n.driver) && exactMatch(filters, "scope", "local") &&
        labelsMatch(filters, "label", n.labels) &&
        (!type || (type === "builtin") === n.predefined) &&
        (dangling === undefined ||
          (["1", "true"].includes(dangling)) === (!n.predefined && n.endpoints.size === 0))
      ).map((n) => inspectNetwork(n, nameOf, false));
    },
    "network.inspect"({ id }) {
      return inspectNetwork(networksOf(state).get(id), nameOf);
    },
    "network.remove"({ id }) {
      const network = networksOf(state).get(id);
      if (network.predefined) {
        throw new Forbidden(`${network.name} is a pre-defined network and cannot be removed`);
      }
      if (network.endpoints.size) {
        const users = [...network.endpoints.keys()].map((c) => `${nameOf(c)} (${c.slice(0, 12)})`);
        throw new Conflict(
          `error while removing network: network ${network.name} id ${network.id} has active endpoints: ${
            users.join(", ")
          }`,
        );
      }
      remove(network);
    },
    "network.prune"({ filters }) {
      checkFilterKeys(filters, PRUNE_FILTERS);
      const deleted: string[] = [];
      for (const n of networksOf(state).all()) {
        if (n.predefined || n.endpoints.size) continue;
        if (!labelsMatch(filters, "label", n.labels) || !untilMatches(filters, n.created)) continue;
        if (filters["label!"]?.length && labelsMatch({ l: filters["label!"] }, "l", n.labels)) {
          continue;
        }
        remove(n);
        deleted.push(n.name);
      }
      state.events.publish("network", "prune", { ID: "", Attributes: {} });
      return { NetworksDeleted: deleted };
    },
    "network.connect"({ id, container, endpoint }) {
      const network = networksOf(state).get(id);
      refuseHost(network);
      const c = state.containers.get(container);
      attachEndpoints(state, c.id, c.name, [{ network, config: endpoint ?? {} }]);
      if (c.running) publishNetworkEvent(state, network, "connect", { container: c.id });
    },
    "network.disconnect"({ id, container, force }) {
      const network = networksOf(state).get(id);
      const c = force
        ? state.containers.all().find((x) => x.id === container || x.name === container)
        : state.containers.get(container);
      const containerId = c?.id ?? container;
      if (!network.endpoints.has(containerId)) {
        if (force) return;
        throw new Forbidden(`container ${containerId} is not connected to network ${network.name}`);
      }
      if (network.driver === "host" && c?.running) {
        throw new Forbidden(
          "container cannot be disconnected from host network or connected to host network",
        );
      }
      detachEndpoint(network, containerId);
      if (c?.running) publishNetworkEvent(state, network, "disconnect", { container: containerId });
    },
  };
}

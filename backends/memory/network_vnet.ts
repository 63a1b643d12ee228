/**
 * The memory backend's virtual network: the switchboard (./vnet/) routed by the backend's
 * networks. Names resolve on user-defined networks only (container name, short id, aliases),
 * as Docker's embedded DNS does; addresses route between running containers sharing a network.
 *
 * @module
 */
import type { ActorRef } from "../../actors/mod.ts";
import type { Container } from "./container.ts";
import type { ContainerMsg } from "./container/protocol.ts";
import { publishPorts, unpublishPorts } from "./network_ports.ts";
import { announceEndpoints, detachAll } from "./network_endpoints.ts";
import { formatIPv4 } from "./network_ipam.ts";
import { linkEnvironment } from "./network_links.ts";
import { dnsNames } from "./network_settings.ts";
import { networksOf } from "./network_store.ts";
import type { MemoryBackendState } from "./state.ts";
import { Switchboard, type Topology } from "./vnet/mod.ts";

const boards = new WeakMap<MemoryBackendState, Switchboard>();

function topologyOf(state: MemoryBackendState): Topology {
  const running = (id: string) => state.containers.all().find((c) => c.id === id)?.running ?? false;
  return {
    resolve(from, name) {
      const wanted = name.toLowerCase().replace(/\.$/, "");
      const found: string[] = [];
      for (const n of networksOf(state).of(from)) {
        if (n.predefined) continue;
        // Links on a user-defined network (compose's `links: [web:alias]`) are extra names.
        const linked = n.endpoints.get(from)!.links.map((l) => l.replace(/^\//, "").split(":"))
          .find(([, alias]) => alias?.toLowerCase() === wanted)?.[0];
        for (const e of n.endpoints.values()) {
          const c = state.containers.all().find((x) => x.id === e.containerId);
          if (!c?.running || !e.address) continue;
          const isLinked = linked !== undefined && (linked === c.name || c.id.startsWith(linked));
          // Docker's DNS also answers `name.network` on that network.
          const names = dnsNames(c, e).flatMap((d) => [d, `${d}.${n.name}`]);
          if (isLinked || names.some((d) => d.toLowerCase() === wanted)) {
            found.push(formatIPv4(e.address));
          }
        }
      }
      return [...new Set(found)];
    },
    route(from, address) {
      for (const n of networksOf(state).of(from)) {
        const own = n.endpoints.get(from)!;
        if (!own.address) continue;
        for (const e of n.endpoints.values()) {
          if (e.address && formatIPv4(e.address) === address && running(e.containerId)) {
            return { containerId: e.containerId, fromAddress: formatIPv4(own.address) };
          }
        }
      }
      return undefined;
    },
  };
}

/** The backend's switchboard, made on first use. */
export function switchboardOf(state: MemoryBackendState): Switchboard {
  let board = boards.get(state);
  if (!board) boards.set(state, board = new Switchboard(topologyOf(state)));
  return board;
}

/** Gives a new container's sandbox its sockets: one end of a channel to the switchboard. */
export function joinVirtualNetwork(
  state: MemoryBackendState,
  containerId: string,
  actor: ActorRef<ContainerMsg>,
): void {
  const channel = new MessageChannel();
  switchboardOf(state).join(containerId, channel.port1);
  actor.tell({ type: "net", port: channel.port2 }, [channel.port2]);
}

/** A removed container leaves its networks (disconnect events) and the switchboard. */
export function leaveNetworks(state: MemoryBackendState, containerId: string): void {
  // Its endpoints were announced as disconnected when it stopped.
  detachAll(state, containerId, { quiet: true });
  switchboardOf(state).leave(containerId);
}

/**
 * Before a container's main process starts: its legacy links' environment (returned; their
 * targets must run) and its published ports listening on the host.
 */
export async function networkStarting(
  state: MemoryBackendState,
  c: Container,
): Promise<string[]> {
  const linkEnv = linkEnvironment(state, c);
  await publishPorts(switchboardOf(state), c);
  announceEndpoints(state, c.id, "connect");
  return linkEnv;
}

/** After a container's processes ended: no host listeners, no listeners inside. */
export function networkStopped(state: MemoryBackendState, c: Container): void {
  unpublishPorts(c);
  switchboardOf(state).clearListeners(c.id);
  announceEndpoints(state, c.id, "disconnect");
}

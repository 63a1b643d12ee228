/**
 * The virtual network's switchboard, in the backend actor: every container's sandbox is joined
 * to it by a MessagePort. It keeps which ports each container listens on, answers name lookups
 * from the network topology (the backend is the sandboxes' DNS server), and brokers each
 * connection by handing the two ends a fresh MessageChannel, so bytes flow Worker to Worker.
 * A container reaches only the addresses the topology routes for it: no shared network, no route.
 *
 * @module
 */
import type { NetFailure, NetReply, NetRequest } from "./protocol.ts";

/** What the switchboard needs to know about networks; the memory backend's networks provide it. */
export interface Topology {
  /** Addresses of `name` as seen from container `from` (empty when nothing answers to it). */
  resolve(from: string, name: string): string[];
  /**
   * The container an address reaches from `from`, with the address `from` appears as to it;
   * undefined when no network joins them.
   */
  route(from: string, address: string): { containerId: string; fromAddress: string } | undefined;
}

interface Member {
  port: MessagePort;
  listening: Set<number>;
  nextEphemeral: number;
}

const failure = (code: NetFailure["code"], message: string): NetFailure => ({ code, message });

export class Switchboard {
  #members = new Map<string, Member>();

  constructor(readonly topology: Topology) {}

  /** Joins a container's sandbox by its end of a MessageChannel. */
  join(containerId: string, port: MessagePort): void {
    const member: Member = { port, listening: new Set(), nextEphemeral: 32768 };
    this.#members.set(containerId, member);
    port.onmessage = (event: MessageEvent<NetRequest>) =>
      this.#handle(containerId, member, event.data);
    port.start();
  }

  leave(containerId: string): void {
    const member = this.#members.get(containerId);
    if (!member) return;
    this.#members.delete(containerId);
    member.port.close();
  }

  /** Forgets a container's listeners (its processes were all killed: stop, restart). */
  clearListeners(containerId: string): void {
    this.#members.get(containerId)?.listening.clear();
  }

  /** True when the container has a listener on `port`. */
  listening(containerId: string, port: number): boolean {
    return this.#members.get(containerId)?.listening.has(port) ?? false;
  }

  /**
   * Delivers a connection from outside the virtual network (a published port) to a container's
   * listener; returns the caller's end, or a failure.
   */
  dialIn(
    containerId: string,
    port: number,
    remote: string,
    local: string,
  ): MessagePort | NetFailure {
    const member = this.#members.get(containerId);
    if (!member?.listening.has(port)) {
      return failure(
        "ECONNREFUSED",
        `nothing listens on port ${port} in container ${containerId.slice(0, 12)}`,
      );
    }
    const channel = new MessageChannel();
    this.#post(member, { op: "incoming", port, channel: channel.port2, local, remote }, [
      channel.port2,
    ]);
    return channel.port1;
  }

  #post(member: Member, reply: NetReply, transfer: Transferable[] = []): void {
    member.port.postMessage(reply, transfer);
  }

  #handle(from: string, member: Member, msg: NetRequest): void {
    switch (msg.op) {
      case "listen":
        if (member.listening.has(msg.port)) {
          return this.#post(member, { id: msg.id, error: failure("EADDRINUSE", "Address in use") });
        }
        member.listening.add(msg.port);
        return this.#post(member, { id: msg.id, ok: true });
      case "unlisten":
        member.listening.delete(msg.port);
        return;
      case "resolve": {
        const addresses = this.topology.resolve(from, msg.name);
        if (!addresses.length) {
          return this.#post(member, {
            id: msg.id,
            error: failure("ENOTFOUND", `can't resolve '${msg.name}'`),
          });
        }
        return this.#post(member, { id: msg.id, addresses });
      }
      case "connect":
        return this.#connect(from, member, msg);
      case "probe": {
        const reachable = msg.address.startsWith("127.") || this.topology.route(from, msg.address);
        if (reachable) return this.#post(member, { id: msg.id, ok: true });
        return this.#post(member, {
          id: msg.id,
          error: failure("EHOSTUNREACH", "Host is unreachable"),
        });
      }
    }
  }

  #connect(from: string, member: Member, msg: Extract<NetRequest, { op: "connect" }>): void {
    const loopback = msg.address.startsWith("127.");
    const route = loopback
      ? { containerId: from, fromAddress: msg.address }
      : this.topology.route(from, msg.address);
    if (!route) {
      return this.#post(member, {
        id: msg.id,
        error: failure("EHOSTUNREACH", "Host is unreachable"),
      });
    }
    const target = this.#members.get(route.containerId);
    if (!target?.listening.has(msg.port)) {
      return this.#post(member, {
        id: msg.id,
        error: failure("ECONNREFUSED", "Connection refused"),
      });
    }
    const ephemeral = member.nextEphemeral++;
    if (member.nextEphemeral > 60999) member.nextEphemeral = 32768;
    const local = `${route.fromAddress}:${ephemeral}`;
    const remote = `${msg.address}:${msg.port}`;
    const channel = new MessageChannel();
    this.#post(target, {
      op: "incoming",
      port: msg.port,
      channel: channel.port2,
      local: remote,
      remote: local,
    }, [
      channel.port2,
    ]);
    this.#post(member, { id: msg.id, channel: channel.port1, local, remote }, [channel.port1]);
  }
}

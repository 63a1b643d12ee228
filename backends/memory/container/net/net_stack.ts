/**
 * A container's sockets (the sandbox's `NetworkStack`), over its port to the backend's
 * switchboard: names resolve through /etc/hosts first and then the backend (Docker's embedded
 * DNS at 127.0.0.11), listeners are registered with the switchboard, and every connection is a
 * MessagePort of its own carrying bytes straight to the peer's Worker.
 *
 * @module
 */
import {
  type FileSystem,
  NetError,
  type NetListener,
  type NetSocket,
  type NetworkStack,
} from "../../../../sandbox/mod.ts";
import { duplexPort } from "../../vnet/mod.ts";
import type { NetReply, NetRequest } from "../../vnet/mod.ts";

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Addresses /etc/hosts gives a name (IPv4 only: the virtual network has no IPv6). */
export function hostsLookup(hosts: string, name: string): string[] {
  const wanted = name.toLowerCase();
  const found: string[] = [];
  for (const line of hosts.split("\n")) {
    const [address, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (!address || !IPV4.test(address)) continue;
    if (names.some((n) => n.toLowerCase() === wanted)) found.push(address);
  }
  return found;
}

function socketOf(channel: MessagePort, local: string, remote: string): NetSocket {
  const { readable, writable, reset } = duplexPort(channel);
  return { readable, writable, local, remote, reset };
}

export function createNetworkStack(port: MessagePort, fs: FileSystem): NetworkStack {
  let nextId = 1;
  const pending = new Map<number, (reply: NetReply) => void>();
  const listeners = new Map<number, (socket: NetSocket) => void>();
  port.onmessage = (event: MessageEvent<NetReply>) => {
    const reply = event.data;
    if ("op" in reply) {
      const deliver = listeners.get(reply.port);
      if (deliver) deliver(socketOf(reply.channel, reply.local, reply.remote));
      else reply.channel.close();
      return;
    }
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  };
  port.start();
  type Asked = NetRequest extends infer R ? R extends { id: number } ? Omit<R, "id"> : never
    : never;
  const ask = (request: Asked, signal?: AbortSignal) => {
    const id = nextId++;
    return new Promise<NetReply>((resolve, reject) => {
      signal?.throwIfAborted();
      pending.set(id, (reply) => {
        if ("error" in reply) reject(new NetError(reply.error.code, reply.error.message));
        else resolve(reply);
      });
      signal?.addEventListener("abort", () => {
        pending.delete(id);
        reject(signal.reason);
      }, { once: true });
      port.postMessage({ ...request, id } as NetRequest);
    });
  };

  const stack: NetworkStack = {
    nameserver: "127.0.0.11",
    async resolve(name, signal) {
      if (IPV4.test(name)) return [name];
      const hosts = await fs.readFile("/etc/hosts").then(
        (b) => new TextDecoder().decode(b),
        () => "",
      );
      const local = hostsLookup(hosts, name);
      if (local.length) return local;
      const reply = await ask({ op: "resolve", name }, signal);
      return "addresses" in reply ? reply.addresses : [];
    },
    async reachable(address, signal) {
      try {
        await ask({ op: "probe", address }, signal);
        return true;
      } catch (error) {
        if (error instanceof NetError && error.code === "EHOSTUNREACH") return false;
        throw error;
      }
    },
    async connect(host, port, signal) {
      const [address] = await stack.resolve(host, signal);
      const reply = await ask({ op: "connect", address, port }, signal);
      if (!("channel" in reply)) throw new Error("switchboard answered connect without a channel");
      return socketOf(reply.channel, reply.local, reply.remote);
    },
    async listen(listenPort) {
      await ask({ op: "listen", port: listenPort });
      const queue: NetSocket[] = [];
      const waiting: ((s: NetSocket) => void)[] = [];
      listeners.set(listenPort, (socket) => {
        const next = waiting.shift();
        if (next) next(socket);
        else queue.push(socket);
      });
      const listener: NetListener = {
        port: listenPort,
        accept(signal) {
          const ready = queue.shift();
          if (ready) return Promise.resolve(ready);
          return new Promise((resolve, reject) => {
            signal?.throwIfAborted();
            const take = (s: NetSocket) => resolve(s);
            waiting.push(take);
            signal?.addEventListener("abort", () => {
              waiting.splice(waiting.indexOf(take) >>> 0, 1);
              reject(signal.reason);
            }, { once: true });
          });
        },
        close() {
          if (listeners.get(listenPort) === undefined) return;
          listeners.delete(listenPort);
          for (const s of queue.splice(0)) s.reset();
          port.postMessage({ op: "unlisten", port: listenPort } satisfies NetRequest);
        },
      };
      return listener;
    },
  };
  return stack;
}

import assert from "node:assert/strict";
import { testFileSystem } from "../../../sandbox/applets/testing.ts";
import { NetError, type NetworkStack } from "../../../sandbox/mod.ts";
import { createNetworkStack } from "../container/net/net_stack.ts";
import { Switchboard, type Topology } from "./switchboard.ts";

/** Two containers a and b share a network; c is on none of theirs. */
const ADDRESSES: Record<string, string> = { a: "10.0.0.2", b: "10.0.0.3", c: "10.9.0.2" };
const topology: Topology = {
  resolve(from, name) {
    if (from === "c" || !["a", "b", "web"].includes(name)) return [];
    return [ADDRESSES[name === "web" ? "b" : name]];
  },
  route(from, address) {
    const to = Object.keys(ADDRESSES).find((k) => ADDRESSES[k] === address);
    if (!to || (from === "c") !== (to === "c")) return undefined;
    return { containerId: to, fromAddress: ADDRESSES[from] };
  },
};

async function join(board: Switchboard, id: string, hosts = ""): Promise<NetworkStack> {
  const channel = new MessageChannel();
  board.join(id, channel.port1);
  return createNetworkStack(channel.port2, await testFileSystem({ "/etc/hosts": hosts }));
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) parts.push(chunk);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

Deno.test("containers on one network resolve and connect; bytes flow both ways with half-close", async () => {
  const board = new Switchboard(topology);
  const a = await join(board, "a", "127.0.0.1\tlocalhost\n10.0.0.77\tpinned\n");
  const b = await join(board, "b");
  try {
    assert.deepEqual(await a.resolve("web"), ["10.0.0.3"]);
    assert.deepEqual(await a.resolve("pinned"), ["10.0.0.77"], "/etc/hosts answers first");
    await assert.rejects(
      a.resolve("nothing"),
      (e) => e instanceof NetError && e.code === "ENOTFOUND",
    );
    const listener = await b.listen(7000);
    await assert.rejects(b.listen(7000), (e) => e instanceof NetError && e.code === "EADDRINUSE");
    const [client, server] = await Promise.all([a.connect("web", 7000), listener.accept()]);
    assert.equal(client.remote, "10.0.0.3:7000");
    assert.match(server.remote, /^10\.0\.0\.2:\d+$/);
    // A megabyte-and-a-bit in both directions exercises the credit window.
    const big = new Uint8Array(3 << 20).map((_, i) => i % 251);
    const [toServer, toClient] = await Promise.all([
      readAll(server.readable),
      readAll(client.readable),
      (async () => {
        const w = client.writable.getWriter();
        await w.write(big);
        await w.close();
      })(),
      (async () => {
        const w = server.writable.getWriter();
        await w.write(new TextEncoder().encode("pong"));
        await w.close();
      })(),
    ]);
    assert.deepEqual(toServer, big);
    assert.equal(new TextDecoder().decode(toClient), "pong");
    listener.close();
    await new Promise((r) => setTimeout(r, 10));
    await assert.rejects(
      a.connect("b", 7000),
      (e) => e instanceof NetError && e.code === "ECONNREFUSED",
    );
  } finally {
    board.leave("a");
    board.leave("b");
  }
});

Deno.test("a container without a shared network cannot resolve or reach the others", async () => {
  const board = new Switchboard(topology);
  const b = await join(board, "b");
  const c = await join(board, "c");
  try {
    const listener = await b.listen(80);
    await assert.rejects(c.resolve("b"), (e) => e instanceof NetError && e.code === "ENOTFOUND");
    await assert.rejects(
      c.connect("10.0.0.3", 80),
      (e) => e instanceof NetError && e.code === "EHOSTUNREACH",
    );
    assert.equal(await c.reachable("10.0.0.3"), false);
    assert.equal(await b.reachable("10.0.0.3"), true);
    listener.close();
  } finally {
    board.leave("b");
    board.leave("c");
  }
});

Deno.test("a reset reaches the peer as ECONNRESET", async () => {
  const board = new Switchboard(topology);
  const a = await join(board, "a");
  const b = await join(board, "b");
  try {
    const listener = await b.listen(1);
    const [client, server] = await Promise.all([a.connect("b", 1), listener.accept()]);
    client.reset();
    await assert.rejects(readAll(server.readable), /Connection reset by peer/);
    listener.close();
  } finally {
    board.leave("a");
    board.leave("b");
  }
});

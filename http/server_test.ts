import assert from "node:assert/strict";
import { handlersClient } from "../backends/core/handlers_client.ts";
import { createMemoryBackend } from "../backends/memory/backend.ts";
import { HijackResponse, MULTIPLEXED_STREAM } from "./hijack.ts";
import { jsonResponse, readJson, textResponse } from "./json.ts";
import { createRouter, type Route } from "./router.ts";
import { serveConnection } from "./server.ts";
import { stdcopyFrame } from "./stdcopy.ts";
import { scriptedConnection } from "./test_utils.ts";
import type { DaemonFacts } from "./daemon_facts.ts";

const facts: DaemonFacts = {
  id: "test",
  name: "host",
  backend: "memory",
  dataRoot: "/tmp/none",
  startedAt: new Date(0),
  ncpu: 2,
  memTotal: 1024,
  kernelVersion: "6.0",
  operatingSystem: "Test OS",
  osVersion: "1",
  architecture: "amd64",
  hosts: [],
  insecureRegistries: [],
};

let lastSignal: AbortSignal | undefined;
let constantCalls = 0;
const testRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/constant",
    constant: true,
    handler: () => {
      constantCalls++;
      return textResponse(`call ${constantCalls}`);
    },
  },
  {
    method: "GET",
    pattern: "/_ping",
    handler: () => new Response("OK", { headers: { "Content-Length": "2" } }),
  },
  {
    method: "POST",
    pattern: "/echo",
    handler: async (req) => jsonResponse({ got: await readJson(req) }),
  },
  {
    method: "GET",
    pattern: "/stream",
    handler: (_req, ctx) => {
      lastSignal = ctx.signal;
      return new Response(
        new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("tick\n")) }),
      );
    },
  },
  {
    method: "POST",
    pattern: "/attach",
    handler: () =>
      new HijackResponse(MULTIPLEXED_STREAM, async ({ readable, writable }) => {
        const writer = writable.getWriter();
        for await (const chunk of readable) await writer.write(stdcopyFrame(1, chunk));
        await writer.write(stdcopyFrame(2, new TextEncoder().encode("bye")));
        await writer.close();
      }),
  },
];

const router = createRouter(testRoutes, {
  backend: handlersClient(
    await createMemoryBackend({ dataRoot: await Deno.makeTempDir(), ncpu: 2, memTotal: 1 << 30 }),
  ),
  daemon: facts,
});

const identity =
  "Api-Version: 1.44\r\nDocker-Experimental: false\r\nOstype: linux\r\nServer: Docker/25.0.0-sockerless (linux)\r\n";

Deno.test("a request fed one byte at a time gets the exact golden response", async () => {
  const conn = scriptedConnection(["GET /v1.44/_ping HTTP/1.1\r\nHost: docker\r\n\r\n"]);
  await serveConnection(conn, router);
  assert.equal(
    conn.written(),
    `HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: text/plain;charset=UTF-8\r\n${identity}\r\nOK`,
  );
  assert.ok(conn.closed);
});

Deno.test("keep-alive serves requests back to back, with chunked request bodies", async () => {
  const conn = scriptedConnection([
    'POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{"a\r\n4;ext=1\r\n":1}\r\n0\r\nTrailer: x\r\n\r\n',
    "POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\n[1,2]",
  ], { pieceSize: 3 });
  await serveConnection(conn, router);
  const bodies = conn.written().split("\r\n\r\n").slice(1).map((b) => b.split("HTTP/1.1")[0]);
  assert.deepEqual(bodies, ['{"got":{"a":1}}', '{"got":[1,2]}']);
});

Deno.test("hijack with Upgrade: tcp answers 101 and streams both ways, ending with a half-close", async () => {
  const conn = scriptedConnection([
    "POST /attach HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\nhi",
  ]);
  await serveConnection(conn, router);
  const text = conn.written();
  const golden =
    `HTTP/1.1 101 UPGRADED\r\nContent-Type: ${MULTIPLEXED_STREAM}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n${identity}\r\n`;
  assert.ok(text.startsWith(golden), text);
  const frames = text.slice(golden.length);
  assert.equal(frames, "\x01\0\0\0\0\0\0\x01h\x01\0\0\0\0\0\0\x01i\x02\0\0\0\0\0\0\x03bye");
  assert.ok(conn.writeClosed);
});

Deno.test("hijack without Upgrade answers 200 with a raw stream", async () => {
  const conn = scriptedConnection(["POST /attach HTTP/1.1\r\nContent-Length: 0\r\n\r\n"], {
    pieceSize: 7,
  });
  await serveConnection(conn, router);
  assert.ok(
    conn.written().startsWith(`HTTP/1.1 200 OK\r\nContent-Type: ${MULTIPLEXED_STREAM}\r\n`),
  );
});

Deno.test("a streaming response is chunked and its signal aborts when the client goes away", async () => {
  const conn = scriptedConnection(["GET /stream HTTP/1.1\r\n\r\n"], { endInput: false });
  const serving = serveConnection(conn, router);
  while (!conn.written().includes("tick")) await new Promise((r) => setTimeout(r, 1));
  assert.match(conn.written(), /transfer-encoding: chunked\r\n\r\n5\r\ntick\n\r\n$/i);
  assert.equal(lastSignal?.aborted, false);
  conn.end();
  await serving;
  assert.equal(lastSignal?.aborted, true);
});

Deno.test("bad input gets a 4xx JSON message and the connection closes", async () => {
  const cases: [string, number][] = [
    ["GARBAGE\r\n\r\n", 400],
    ["GET /_ping HTTP/3.0\r\n\r\n", 505],
    ["POST /echo HTTP/1.1\r\nContent-Length: nope\r\n\r\n", 400],
    ["POST /echo HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400],
    ['POST /echo HTTP/1.1\r\nContent-Length: 7\r\n\r\n{"a":', 400],
    ["POST /echo HTTP/1.1\r\nContent-Length: 3\r\n\r\n{x}", 400],
    ["POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400],
    ["GET /v0.1/_ping HTTP/1.1\r\n\r\n", 400],
    ["GET /nowhere HTTP/1.1\r\n\r\n", 404],
    ["DELETE /_ping HTTP/1.1\r\n\r\n", 404],
  ];
  for (const [request, status] of cases) {
    const conn = scriptedConnection([request], { pieceSize: 5 });
    await serveConnection(conn, router);
    const text = conn.written();
    assert.ok(text.startsWith(`HTTP/1.1 ${status} `), `${JSON.stringify(request)} → ${text}`);
    assert.match(text, /\r\n\r\n\{"message":".+"\}$/, request);
  }
});

Deno.test("an oversized head is refused with 431", async () => {
  const conn = scriptedConnection(
    [`GET /_ping HTTP/1.1\r\nX-Big: ${"a".repeat(1 << 20)}\r\n\r\n`],
    {
      pieceSize: 65536,
    },
  );
  await serveConnection(conn, router);
  assert.ok(conn.written().startsWith("HTTP/1.1 431 "));
});

Deno.test("a constant route's bytes answer the same bodiless keep-alive request again", async () => {
  const get = (target: string, extra = "") =>
    `GET ${target} HTTP/1.1\r\nHost: docker${extra}\r\n\r\n`;
  const before = constantCalls;
  const conn = scriptedConnection([
    get("/constant"),
    get("/constant"),
    get("/v1.44/constant"),
    get("/constant", "\r\nContent-Length: 0"),
    get("/constant", "\r\nContent-Length: 1") + "x",
    get("/constant", "\r\nConnection: close"),
  ]);
  await serveConnection(conn, router);
  const bodies = conn.written().split("HTTP/1.1 ").slice(1).map((r) => r.split("\r\n\r\n")[1]);
  const n = (k: number) => `call ${before + k}`;
  // Another target is another entry; a body or a closing connection goes through the router.
  assert.deepEqual(bodies, [n(1), n(1), n(2), n(1), n(3), n(4)]);
  assert.match(conn.written(), /Connection: close\r\n\r\ncall/);
});

import assert from "node:assert/strict";
import { WorkerPool } from "./pool.ts";
import { spawn } from "./spawn.ts";
import { testActor } from "./test_utils.ts";
import type { StreamsMsg } from "./testdata/streams.ts";
import { transferList } from "./transfer.ts";

const streams = testActor("streams");

function bytes(size: number): Uint8Array {
  return new Uint8Array(size).map((_, i) => (i * 31) % 256);
}

function streamOf(data: Uint8Array, chunk: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= data.length) return controller.close();
      controller.enqueue(data.slice(at, at + chunk));
      at += chunk;
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function adler(data: Uint8Array): number {
  let sum = 0;
  for (const byte of data) sum = (sum + byte) % 65521;
  return sum;
}

Deno.test("transferList finds streams and ports at any depth and keeps explicit buffers", () => {
  const readable = new ReadableStream();
  const { port1 } = new MessageChannel();
  const buffer = new ArrayBuffer(8);
  const found = transferList({ a: [{ readable }], port1, data: new Uint8Array(buffer) }, [buffer]);
  assert.deepEqual(new Set(found), new Set([buffer, readable, port1]));
  port1.close();
});

Deno.test("a ReadableStream in a message carries real bytes to the actor", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<StreamsMsg>({ module: streams, permissions: "none", pool });
  const data = bytes(300_000);
  const result = await ref.ask({ type: "count", body: streamOf(data, 7_001) });
  assert.deepEqual(result, { bytes: data.length, sum: adler(data) });
  await ref.stop();
});

Deno.test("a reply carries a ReadableStream back, including one piped from the caller's stream", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<StreamsMsg>({ module: streams, permissions: "none", pool });
  const produced = await collect(
    await ref.ask<ReadableStream<Uint8Array>>({
      type: "produce",
      size: 100_000,
    }),
  );
  assert.equal(produced.length, 100_000);
  assert.ok(produced.every((byte, i) => byte === i % 251));

  const text = "hello, docker attach\n".repeat(1000);
  const source = streamOf(new TextEncoder().encode(text), 333);
  const { body } = await ref.ask<{ body: ReadableStream<Uint8Array> }>({
    type: "upper",
    body: source,
  });
  assert.equal(new TextDecoder().decode(await collect(body)), text.toUpperCase());
  await ref.stop();
});

Deno.test("a WritableStream in a message lets the actor write to the caller", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<StreamsMsg>({ module: streams, permissions: "none", pool });
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const received = collect(readable);
  assert.equal(
    await ref.ask({ type: "write-into", sink: writable, text: "stdout line\n" }),
    "written",
  );
  assert.equal(new TextDecoder().decode(await received), "stdout line\n");
  await ref.stop();
});

Deno.test("ArrayBuffers move when listed in a transfer and are copied otherwise", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<StreamsMsg>({ module: streams, permissions: "none", pool });
  const copied = new ArrayBuffer(64);
  assert.equal(await ref.ask({ type: "measure", data: copied }), 64);
  assert.equal(copied.byteLength, 64, "not listed: the caller keeps its copy");
  const moved = new ArrayBuffer(64);
  assert.equal(await ref.ask({ type: "measure", data: moved }, { transfer: [moved] }), 64);
  assert.equal(moved.byteLength, 0, "listed: detached on the caller's side");
  const buffer = await ref.ask<ArrayBuffer>({ type: "buffer", size: 1024 });
  assert.ok(buffer instanceof ArrayBuffer);
  assert.equal(buffer.byteLength, 1024);
  assert.ok(new Uint8Array(buffer).every((byte) => byte === 7));
  await ref.stop();
});

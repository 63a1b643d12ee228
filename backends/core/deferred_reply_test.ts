import assert from "node:assert/strict";
import { deferReply, settleReply } from "./deferred_reply.ts";
import { NotFound } from "./errors.ts";

Deno.test("a deferred reply settles with the value, streams moved along", async () => {
  const [reply] = deferReply(async () => {
    await new Promise((r) => setTimeout(r, 5));
    return { n: 1, body: ReadableStream.from([new Uint8Array([7])]) };
  });
  const copy = structuredClone(reply, { transfer: [reply.deferred] });
  const value = await settleReply<{ n: number; body: ReadableStream<Uint8Array> }>(copy);
  assert.equal(value.n, 1);
  assert.deepEqual(await Array.fromAsync(value.body), [new Uint8Array([7])]);
});

Deno.test("a deferred reply rethrows the typed error", async () => {
  const [reply] = deferReply(() => {
    throw new NotFound("No such container: x");
  });
  await assert.rejects(settleReply(reply), (e) => e instanceof NotFound && e.status === 404);
});

Deno.test("an aborted wait rejects with the signal's reason", async () => {
  const [reply] = deferReply(() => new Promise(() => {}));
  const controller = new AbortController();
  const waiting = settleReply(reply, controller.signal);
  controller.abort(new Error("client went away"));
  await assert.rejects(waiting, /client went away/);
});

import assert from "node:assert/strict";
import { humanSize, jsonLines, progressBar, ProgressChannel, startJsonLines } from "./progress.ts";

Deno.test("sizes and bars render like go-units and jsonmessage", () => {
  assert.equal(humanSize(512), "512B");
  assert.equal(humanSize(1000), "1kB");
  assert.equal(humanSize(3405000), "3.405MB");
  assert.equal(humanSize(1234567), "1.235MB");
  assert.equal(progressBar(0, 0), "");
  assert.equal(progressBar(50, 100), `[${"=".repeat(25)}>${" ".repeat(25)}]      50B/100B`);
  assert.equal(progressBar(100, 100), `[${"=".repeat(50)}>]     100B/100B`);
});

Deno.test("jsonLines streams \\r\\n-separated JSON and ends a failure with errorDetail", async () => {
  async function* messages() {
    yield { status: "Pulling from library/alpine", id: "latest" };
    throw new Error("manifest unknown");
  }
  const text = await new Response(jsonLines(messages())).text();
  assert.equal(
    text,
    '{"status":"Pulling from library/alpine","id":"latest"}\r\n' +
      '{"errorDetail":{"message":"manifest unknown"},"error":"manifest unknown"}\r\n',
  );
});

Deno.test("a channel delivers pushes from concurrent tasks in order, then its failure", async () => {
  const channel = new ProgressChannel<number>();
  const seen: number[] = [];
  const consumer = (async () => {
    for await (const n of channel) seen.push(n);
  })();
  channel.push(1);
  await Promise.resolve();
  channel.push(2);
  channel.fail(new Error("boom"));
  channel.push(3);
  await assert.rejects(consumer, /boom/);
  assert.deepEqual(seen, [1, 2]);
});

Deno.test("startJsonLines rejects a failure before the first message, streams later ones", async () => {
  async function* early(): AsyncGenerator<{ status: string }> {
    await Promise.reject(new Error("No such image"));
    yield { status: "never" };
  }
  await assert.rejects(startJsonLines(early()), /No such image/);
  let cleanedUp = false;
  async function* late() {
    try {
      yield { status: "one" };
      yield { status: "two" };
      throw new Error("later");
    } finally {
      cleanedUp = true;
    }
  }
  const text = await new Response(await startJsonLines(late())).text();
  assert.equal(
    text,
    '{"status":"one"}\r\n{"status":"two"}\r\n{"errorDetail":{"message":"later"},"error":"later"}\r\n',
  );
  assert.ok(cleanedUp);
  cleanedUp = false;
  const cancelled = await startJsonLines(late());
  await cancelled.cancel();
  assert.ok(cleanedUp, "cancelling the body stops the operation");
});

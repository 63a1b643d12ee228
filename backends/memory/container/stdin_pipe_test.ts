import assert from "node:assert/strict";
import { StdinPipe } from "./stdin_pipe.ts";
import { typedInput } from "./test_utils.ts";

const text = (bytes: Uint8Array | null) => bytes === null ? null : new TextDecoder().decode(bytes);

Deno.test("stdin pipe: attaches come and go; only a closing one ends the input", async () => {
  const pipe = new StdinPipe();
  const first = typedInput();
  pipe.feed(first.stream, false);
  first.type("a");
  assert.equal(text(await pipe.read()), "a");
  first.end();
  const second = typedInput();
  pipe.feed(second.stream, true);
  second.type("b");
  assert.equal(text(await pipe.read()), "b");
  second.end();
  assert.equal(await pipe.read(), null);
  assert.equal(await pipe.read(), null, "EOF stays EOF");
  const late = typedInput();
  pipe.feed(late.stream, true);
  assert.ok(late.cancelled, "a stream fed after EOF is let go at once");
});

Deno.test("stdin pipe: a feeding stream is read only 64 KiB ahead of the reader", async () => {
  const pipe = new StdinPipe();
  let pulled = 0;
  const chunk = new Uint8Array(16 * 1024);
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 0 });
  pipe.feed(source, true);
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  assert.ok(pulled <= 6, `pulled ${pulled} chunks of 16 KiB with nobody reading`);
  assert.ok(pulled >= 4, `pulled ${pulled}: the pipe fills up to its capacity`);
  const before = pulled;
  await pipe.read();
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  assert.ok(pulled > before, "reading makes room for more");
  pipe.close();
});

Deno.test("stdin pipe: a pending read rejects when its signal aborts", async () => {
  const pipe = new StdinPipe();
  const abort = new AbortController();
  const reading = pipe.read(abort.signal);
  abort.abort("SIGINT");
  await assert.rejects(reading, (reason) => reason === "SIGINT");
  pipe.close();
  assert.equal(await pipe.read(), null);
});

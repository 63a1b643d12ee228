import assert from "node:assert/strict";
import { OutputChannel, OutputClosed, OutputInterrupted } from "./output_channel.ts";

Deno.test("output channel: a writer waits while the reader is 64 KiB behind", async () => {
  const channel = new OutputChannel();
  const block = new Uint8Array(16 * 1024);
  let written = 0;
  const writer = (async () => {
    for (let i = 0; i < 8; i++) {
      await channel.write(1, block);
      written++;
    }
    channel.close();
  })();
  // Let the writer run as far as it can with nobody reading.
  for (let i = 0; i < 50; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(written, 3, "the fourth 16 KiB write fills the 64 KiB queue and waits");
  let read = 0;
  for await (const chunk of channel.readable) read += chunk.data.byteLength;
  await writer;
  assert.equal(read, 8 * block.byteLength);
  await assert.rejects(channel.write(2, block), OutputClosed);
});

Deno.test("output channel: a cancelled reader does not block or kill the writer", async () => {
  const channel = new OutputChannel();
  await channel.readable.cancel();
  for (let i = 0; i < 10; i++) await channel.write(1, new Uint8Array(64 * 1024));
  channel.close();
});

Deno.test("output channel: interrupt fails the writes waiting for room, not later ones", async () => {
  const channel = new OutputChannel();
  const block = new Uint8Array(64 * 1024);
  const blocked = channel.write(1, block);
  channel.interrupt();
  await assert.rejects(blocked, OutputInterrupted);
  const reader = channel.readable.getReader();
  await reader.read();
  await channel.write(1, new Uint8Array(1));
  channel.close();
  reader.releaseLock();
});

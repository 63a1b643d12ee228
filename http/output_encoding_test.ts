import assert from "node:assert/strict";
import { encodeOutput, timestamp } from "./output_encoding.ts";

const enc = (s: string) => new TextEncoder().encode(s);

async function encode(tty: boolean, timestamps: boolean, text: string, stream: 1 | 2 = 1) {
  const out = await Array.fromAsync(
    ReadableStream.from([{ stream, data: enc(text), time: Date.UTC(2026, 0, 2, 3, 4, 5, 678) }])
      .pipeThrough(encodeOutput(tty, { timestamps })),
  );
  return out.map((b) => new TextDecoder("latin1").decode(b)).join("");
}

Deno.test("timestamps use nine fraction digits like moby", () => {
  assert.equal(timestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), "2026-01-02T03:04:05.678000000Z");
});

Deno.test("tty output is raw; otherwise stdcopy frames on the chunk's stream", async () => {
  assert.equal(await encode(true, false, "hi\n"), "hi\n");
  assert.equal(await encode(false, false, "hi\n", 2), "\x02\0\0\0\0\0\0\x03hi\n");
});

Deno.test("every line gets a timestamp prefix", async () => {
  const ts = "2026-01-02T03:04:05.678000000Z ";
  assert.equal(await encode(true, true, "a\nb\nc"), `${ts}a\n${ts}b\n${ts}c`);
});

import assert from "node:assert/strict";
import type { OutputChunk } from "../core/container_types.ts";
import { withoutExitMarker } from "./marker_filter.ts";

const e = new TextEncoder();

async function filtered(chunks: [1 | 2, string][]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  const source = ReadableStream.from(
    chunks.map(([stream, text]): OutputChunk => ({ stream, data: e.encode(text), time: 1 })),
  );
  for await (const c of source.pipeThrough(withoutExitMarker())) {
    const last = out.at(-1);
    const text = new TextDecoder().decode(c.data);
    if (last && last[0] === c.stream) last[1] += text;
    else out.push([c.stream, text]);
  }
  return out;
}

Deno.test("the marker at the end of stderr is dropped, in one chunk or split", async () => {
  assert.deepEqual(
    await filtered([[1, "out\n"], [2, "err\n"], [2, "sockerless-exit-status 3\n"]]),
    [
      [1, "out\n"],
      [2, "err\n"],
    ],
  );
  assert.deepEqual(await filtered([[2, "err\nsockerless-exit"], [2, "-status 0"], [2, "\n"]]), [
    [2, "err\n"],
  ]);
});

Deno.test("stderr that only looks like the marker for a while is all kept", async () => {
  assert.deepEqual(
    await filtered([[2, "sockerless-exit-status 1\n"], [2, "more\n"], [2, "sockerless-exit"]]),
    [[2, "sockerless-exit-status 1\nmore\nsockerless-exit"]],
  );
  assert.deepEqual(await filtered([[2, "sock"], [2, "s\n"]]), [[2, "socks\n"]]);
  assert.deepEqual(await filtered([[2, "no newline"]]), [[2, "no newline"]]);
});

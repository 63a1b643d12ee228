import assert from "node:assert/strict";
import { stdcopyDecoder, type StdcopyFrame, stdcopyFrame } from "./stdcopy.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test("stdcopyFrame writes moby's 8-byte header", () => {
  assert.deepEqual([...stdcopyFrame(2, enc("hi"))], [2, 0, 0, 0, 0, 0, 0, 2, 104, 105]);
  assert.deepEqual([...stdcopyFrame(1, new Uint8Array(0x10203).fill(7)).subarray(0, 8)], [
    1,
    0,
    0,
    0,
    0,
    1,
    2,
    3,
  ]);
});

async function decodeAll(chunks: Uint8Array[]): Promise<StdcopyFrame[]> {
  const frames: StdcopyFrame[] = [];
  await ReadableStream.from(chunks).pipeThrough(stdcopyDecoder()).pipeTo(
    new WritableStream({ write: (f) => void frames.push(f) }),
  );
  return frames;
}

Deno.test("the decoder reassembles frames fed one byte at a time", async () => {
  const bytes = new Uint8Array([
    ...stdcopyFrame(1, enc("out\n")),
    ...stdcopyFrame(2, enc("err\n")),
  ]);
  const frames = await decodeAll([...bytes].map((b) => new Uint8Array([b])));
  assert.deepEqual(frames.map((f) => [f.stream, dec(f.payload)]), [[1, "out\n"], [2, "err\n"]]);
});

Deno.test("the decoder refuses unknown stream ids and truncated frames", async () => {
  await assert.rejects(decodeAll([enc("hello world!")]), /Unrecognized input header: 104/);
  await assert.rejects(decodeAll([stdcopyFrame(1, enc("abc")).subarray(0, 9)]), /inside a frame/);
});

import assert from "node:assert/strict";
import { LogBuffer } from "./log_buffer.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const text = (chunks: { data: Uint8Array }[]) =>
  chunks.map((c) => new TextDecoder().decode(c.data)).join("");

Deno.test("history filters by stream, time and tail lines", () => {
  const logs = new LogBuffer();
  logs.append({ stream: 1, data: enc("a\nb\n"), time: 10 });
  logs.append({ stream: 2, data: enc("oops\n"), time: 20 });
  logs.append({ stream: 1, data: enc("c\nd"), time: 30 });
  assert.equal(text(logs.history({ stdout: true, stderr: true })), "a\nb\noops\nc\nd");
  assert.equal(text(logs.history({ stdout: true, stderr: false })), "a\nb\nc\nd");
  assert.equal(text(logs.history({ stdout: true, stderr: true, tail: 2 })), "c\nd");
  assert.equal(
    text(logs.history({ stdout: true, stderr: true, sinceMs: 20, untilMs: 30 })),
    "oops\n",
  );
  assert.equal(logs.history({ stdout: true, stderr: true, tail: 0 }).length, 0);
});

Deno.test("subscribers get live chunks until they unsubscribe; old chunks rotate out", () => {
  const logs = new LogBuffer(8);
  const seen: string[] = [];
  const stop = logs.subscribe((c) => seen.push(new TextDecoder().decode(c.data)));
  logs.append({ stream: 1, data: enc("12345"), time: 1 });
  stop();
  logs.append({ stream: 1, data: enc("6789"), time: 2 });
  assert.deepEqual(seen, ["12345"]);
  assert.equal(text(logs.history({ stdout: true, stderr: true })), "6789");
});

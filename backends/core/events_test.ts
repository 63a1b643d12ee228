import assert from "node:assert/strict";
import { EventBus, eventMatches, parseEventTime } from "./events.ts";

async function take<T>(stream: ReadableStream<T>, n: number): Promise<T[]> {
  const reader = stream.getReader();
  const out: T[] = [];
  while (out.length < n) {
    const { value, done } = await reader.read();
    if (done) break;
    out.push(value);
  }
  reader.releaseLock();
  return out;
}

Deno.test("live subscribers get matching events only", async () => {
  const bus = new EventBus();
  const stream = bus.subscribe({ filters: { type: ["container"], event: ["start"] } });
  bus.publish("image", "pull", { ID: "alpine:latest" });
  bus.publish("container", "create", { ID: "c1", Attributes: { name: "one" } });
  bus.publish("container", "start", { ID: "c1", Attributes: { name: "one" } });
  const [event] = await take(stream, 1);
  assert.equal(event.Action, "start");
  assert.equal(event.status, "start");
  await stream.cancel();
  assert.equal(bus.listeners, 0);
});

Deno.test("since/until replays history and ends the stream", async () => {
  const bus = new EventBus();
  const first = bus.publish("volume", "create", { ID: "v1" });
  bus.publish("volume", "destroy", { ID: "v1" });
  const stream = bus.subscribe({
    filters: {},
    sinceNano: first.timeNano,
    untilNano: Date.now() * 1e6,
  });
  const events = await take(stream, 10);
  assert.deepEqual(events.map((e) => e.Action), ["create", "destroy"]);
});

Deno.test("container and label filters match by id prefix, name and labels", () => {
  const event = {
    Type: "container" as const,
    Action: "exec_start: sh -c true",
    Actor: { ID: "abcdef", Attributes: { name: "web", image: "alpine:3", team: "a" } },
    scope: "local" as const,
    time: 1,
    timeNano: 1e9,
  };
  assert.ok(eventMatches(event, { container: ["abc"] }));
  assert.ok(eventMatches(event, { container: ["web"], event: ["exec_start"] }));
  assert.ok(eventMatches(event, { label: ["team=a"], image: ["alpine"] }));
  assert.ok(!eventMatches(event, { container: ["zzz"] }));
  assert.ok(!eventMatches(event, { network: ["n1"] }));
});

Deno.test("parseEventTime reads seconds with optional nanoseconds", () => {
  assert.equal(parseEventTime("12.5"), 12.5e9);
  assert.equal(parseEventTime(null), undefined);
  assert.ok(Number.isNaN(parseEventTime("soon")));
});

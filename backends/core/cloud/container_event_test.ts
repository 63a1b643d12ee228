import assert from "node:assert/strict";
import { EventBus } from "../events.ts";
import { containerEvent } from "./container_event.ts";
import { testContainer } from "./test_container.ts";

Deno.test("a container event carries its labels, image, name and the extra attributes", async () => {
  const events = new EventBus();
  const c = testContainer("a".repeat(64), "web", { labels: { tier: "front" } });
  containerEvent({ events }, c, "die", { exitCode: "3" });
  const stream = events.subscribe({ filters: {}, sinceNano: 0, untilNano: Date.now() * 1e6 + 1e6 });
  const [event] = await Array.fromAsync(stream);
  assert.equal(event.Action, "die");
  assert.equal(event.Actor.ID, c.id);
  assert.deepEqual(event.Actor.Attributes, {
    tier: "front",
    image: "alpine",
    name: "web",
    exitCode: "3",
  });
});

// Times spawning children from inside an actor, pooled or in fresh Workers (for the benchmark).
import { defineActor } from "../mod.ts";
import type { CounterMsg } from "./counter.ts";

export type SpawnerMsg = { type: "time-spawns"; count: number; pooled: boolean };

const counter = new URL("./counter.ts", import.meta.url);

export default defineActor<undefined, SpawnerMsg>({
  async receive(msg, ctx) {
    const times: number[] = [];
    for (let i = 0; i < msg.count; i++) {
      const t0 = performance.now();
      const child = await ctx.spawn<CounterMsg>({
        module: counter,
        args: { from: 0 },
        permissions: "none",
        pool: msg.pooled ? undefined : false,
      });
      await child.ask({ type: "get" });
      times.push(performance.now() - t0);
      await child.stop();
    }
    return times;
  },
});

// Reaches another actor through an address it was given in a message.
import { type ActorAddress, connect, defineActor } from "../mod.ts";
import type { CounterMsg } from "./counter.ts";

export type RelayMsg =
  | { type: "add-via"; to: ActorAddress<CounterMsg>; n: number }
  | { type: "tell-then-get"; to: ActorAddress<CounterMsg>; n: number };

export default defineActor<undefined, RelayMsg>({
  async receive(msg) {
    const counter = connect(msg.to);
    try {
      if (msg.type === "add-via") {
        return await counter.ask<number>({ type: "add", n: msg.n }, { timeoutMs: 5_000 });
      }
      // One connection keeps order: the tell is handled before the ask.
      counter.tell({ type: "add", n: msg.n });
      return await counter.ask<number>({ type: "get" }, { timeoutMs: 5_000 });
    } finally {
      counter.close();
    }
  },
});

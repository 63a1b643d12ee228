// Reaches another actor through an address it was given in a message.
import { type ActorAddress, connect, defineActor } from "../mod.ts";
import type { CounterMsg } from "./counter.ts";

export type RelayMsg =
  | { type: "add-via"; to: ActorAddress<CounterMsg>; n: number }
  | { type: "tell-via"; to: ActorAddress<CounterMsg>; n: number };

export default defineActor<undefined, RelayMsg>({
  async receive(msg) {
    const counter = connect(msg.to);
    try {
      if (msg.type === "tell-via") return counter.tell({ type: "add", n: msg.n });
      return await counter.ask<number>({ type: "add", n: msg.n }, { timeoutMs: 5_000 });
    } finally {
      counter.close();
    }
  },
});

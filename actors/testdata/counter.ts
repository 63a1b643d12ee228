// A counter with private state, typed errors and a hang, for ask/tell tests.
import { Conflict, NotFound } from "../../backends/core/errors.ts";
import { defineActor } from "../mod.ts";

export type CounterMsg =
  | { type: "add"; n: number }
  | { type: "get" }
  | { type: "missing"; what: string }
  | { type: "conflict" }
  | { type: "hang" }
  | { type: "stop-self" }
  | { type: "notify-parent"; note: string }
  | { type: "uncloneable" };

export default defineActor<{ from: number }, CounterMsg, { total: number }>({
  start: (args) => ({ total: args.from }),
  receive(msg, ctx) {
    switch (msg.type) {
      case "add":
        ctx.state.total += msg.n;
        return ctx.state.total;
      case "get":
        return ctx.state.total;
      case "missing":
        throw new NotFound(`no such thing: ${msg.what}`);
      case "conflict":
        throw new Conflict("already there");
      case "hang":
        return new Promise(() => {});
      case "stop-self":
        ctx.stop();
        return "stopping";
      case "notify-parent":
        ctx.parent.tell({ type: "note", note: msg.note, total: ctx.state.total });
        return;
      case "uncloneable":
        return () => "functions cannot be cloned";
    }
  },
});

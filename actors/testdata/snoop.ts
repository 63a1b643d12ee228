// Tries to reach outside its Worker and reports what the permission set allowed.
import { defineActor } from "../mod.ts";

export type SnoopMsg =
  | { type: "read"; path: string }
  | { type: "env"; name: string }
  | { type: "connect"; port: number };

export default defineActor<undefined, SnoopMsg>({
  async receive(msg) {
    try {
      switch (msg.type) {
        case "read":
          return { ok: true, value: (await Deno.readTextFile(msg.path)).length };
        case "env":
          return { ok: true, value: Deno.env.get(msg.name) ?? null };
        case "connect": {
          const conn = await Deno.connect({ hostname: "127.0.0.1", port: msg.port });
          conn.close();
          return { ok: true, value: msg.port };
        }
      }
    } catch (error) {
      return { ok: false, error: (error as Error).name, message: (error as Error).message };
    }
  },
});

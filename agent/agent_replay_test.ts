import assert from "node:assert/strict";
import { runAgent } from "./agent.ts";
import { dialBackend } from "./channel.ts";
import { AgentListener, type AgentSession } from "./listener.ts";
import { hostLauncher } from "./process.ts";
import { REPLAY_ENV } from "./protocol.ts";

/** An agent whose main command asks for replay, dialled into a real listener. */
async function withReplayAgent(
  script: string,
  replayMs: number,
  fn: (a: { listener: AgentListener; exit: Promise<number>; logs: () => string }) => Promise<void>,
) {
  const listener = new AgentListener();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => listener.handle(req),
  );
  const secret = listener.register("c1");
  const logged: string[] = [];
  const sink = () =>
    new WritableStream<Uint8Array>({ write: (c) => void logged.push(new TextDecoder().decode(c)) });
  try {
    const url = `ws://127.0.0.1:${server.addr.port}/agent?container=c1`;
    const exit = runAgent({
      containerId: "c1",
      // Replay is for an agent that dials its backend (not one on a fixed in-process channel).
      connect: (signal) => dialBackend(url, secret, signal),
      launcher: hostLauncher,
      main: {
        argv: ["sh", "-c", script],
        env: { PATH: "/usr/bin:/bin", [REPLAY_ENV]: String(replayMs) },
      },
      stdout: sink(),
      stderr: sink(),
    });
    await fn({ listener, exit, logs: () => logged.join("") });
    await exit;
  } finally {
    listener.unregister("c1");
    await server.shutdown();
  }
}

async function collect(session: AgentSession) {
  const [stdout, stderr, code] = await Promise.all([
    new Response(session.stdout).text(),
    new Response(session.stderr).text(),
    session.exited,
  ]);
  return { stdout, stderr, code };
}

Deno.test("a fromStart attach gets the main output written before it came, streams apart", async () => {
  await withReplayAgent("echo out; echo err >&2; exit 3", 60_000, async (a) => {
    const conn = await a.listener.waitFor("c1", AbortSignal.timeout(10_000));
    // The command is done (its output is in the logs) before anyone attached.
    while (a.logs().length < "out\nerr\n".length) await new Promise((r) => setTimeout(r, 10));
    const attach = conn.attach({ fromStart: true });
    assert.deepEqual(await collect(attach), { stdout: "out\n", stderr: "err\n", code: 3 });
    // The agent ends once the backend acknowledged the exit by closing the attach's stdin.
    let ended = false;
    void a.exit.then(() => ended = true);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(ended, false);
    await attach.stdin.close();
    assert.equal(await a.exit, 3);
  });
});

Deno.test("with no fromStart attach the agent ends once the replay wait passed", async () => {
  await withReplayAgent("echo gone", 50, async (a) => {
    assert.equal(await a.exit, 0);
    assert.equal(a.logs(), "gone\n");
  });
});

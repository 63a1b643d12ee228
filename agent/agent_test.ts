import assert from "node:assert/strict";
import { runAgent } from "./agent.ts";
import { dialBackend } from "./channel.ts";
import { AgentListener, type AgentSession } from "./listener.ts";
import { hostLauncher } from "./process.ts";

/** A real WebSocket server running an AgentListener, and an agent dialled into it. */
async function withAgent(
  mainArgv: string[],
  fn: (ctx: {
    session: () => Promise<import("./listener.ts").AgentConnection>;
    agentExit: Promise<number>;
    logs: () => string;
  }) => Promise<void>,
) {
  const listener = new AgentListener();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => listener.handle(req),
  );
  const url = `ws://127.0.0.1:${server.addr.port}/agent?container=c1`;
  const secret = listener.register("c1");
  const logged: Uint8Array[] = [];
  const sink = () => new WritableStream<Uint8Array>({ write: (c) => void logged.push(c.slice()) });
  try {
    const channel = await dialBackend(url, secret);
    const agentExit = runAgent({
      containerId: "c1",
      channel,
      launcher: hostLauncher,
      main: { argv: mainArgv, env: { PATH: "/usr/bin:/bin" } },
      stdout: sink(),
      stderr: sink(),
    });
    await fn({
      session: () => listener.waitFor("c1", AbortSignal.timeout(10_000)),
      agentExit,
      logs: () => logged.map((c) => new TextDecoder().decode(c)).join(""),
    });
    await agentExit;
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

Deno.test("exec sessions run beside the main process with output, stdin and exit codes", async () => {
  await withAgent(["sh", "-c", "echo started; read line; echo main got $line"], async (a) => {
    const conn = await a.session();
    const [hi, fail, cat] = [
      conn.exec({ cmd: ["sh", "-c", "echo hi; echo oops >&2"] }),
      conn.exec({ cmd: ["sh", "-c", "exit 3"] }),
      conn.exec({ cmd: ["cat"] }),
    ];
    const writer = cat.stdin.getWriter();
    await writer.write(new TextEncoder().encode("piped in\n"));
    await writer.close();
    assert.deepEqual(await collect(hi), { stdout: "hi\n", stderr: "oops\n", code: 0 });
    assert.equal((await collect(fail)).code, 3);
    assert.deepEqual(await collect(cat), { stdout: "piped in\n", stderr: "", code: 0 });
    // Attach to the main process and feed its stdin; its exit code reaches the attach session.
    const attach = conn.attach();
    const w = attach.stdin.getWriter();
    await w.write(new TextEncoder().encode("hello\n"));
    const attached = await collect(attach);
    assert.equal(attached.code, 0);
    assert.equal(attached.stdout, "main got hello\n");
    assert.equal(await a.agentExit, 0);
    assert.equal(a.logs(), "started\nmain got hello\n");
  });
});

Deno.test("signals reach the process; an unknown command fails its session, not the agent", async () => {
  await withAgent(["sleep", "30"], async (a) => {
    const conn = await a.session();
    const missing = conn.exec({ cmd: ["/no/such/program"] });
    await assert.rejects(missing.exited, /agent: .*no\/such\/program|agent: .*No such file/);
    const sleeper = conn.exec({ cmd: ["sleep", "30"] });
    sleeper.signal("SIGTERM");
    assert.equal((await collect(sleeper)).code, 143);
    const tty = conn.exec({ cmd: ["true"], tty: true });
    await assert.rejects(tty.exited, /pseudo-terminal/);
    const main = conn.attach();
    main.signal("SIGKILL");
    assert.equal((await collect(main)).code, 137);
    assert.equal(await a.agentExit, 137);
  });
});

Deno.test("an agent with a wrong secret is refused before the upgrade", async () => {
  const listener = new AgentListener();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => listener.handle(req),
  );
  try {
    listener.register("c1");
    const base = `ws://127.0.0.1:${server.addr.port}/agent`;
    await assert.rejects(dialBackend(`${base}?container=c1`, "wrong"), /cannot connect.*401/);
    await assert.rejects(dialBackend(`${base}?container=other`, "wrong"), /cannot connect.*401/);
    const waiting = listener.waitFor("c1", AbortSignal.timeout(50));
    await assert.rejects(waiting, /did not connect/);
  } finally {
    await server.shutdown();
  }
});

Deno.test("the agent redials when its backend goes away and comes back with the same secret", async () => {
  const first = new AgentListener();
  let listener = first;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => listener.handle(req),
  );
  const url = `ws://127.0.0.1:${server.addr.port}/agent?container=c1`;
  const secret = first.register("c1");
  try {
    const agentExit = runAgent({
      containerId: "c1",
      connect: (signal) => dialBackend(url, secret, signal),
      redial: { initialMs: 10, maxMs: 50 },
      launcher: hostLauncher,
      main: { argv: ["sleep", "30"], env: { PATH: "/usr/bin:/bin" } },
      stdout: new WritableStream(),
      stderr: new WritableStream(),
    });
    const before = await first.waitFor("c1", AbortSignal.timeout(10_000));
    const hung = before.exec({ cmd: ["sleep", "30"] });
    // The backend "restarts": a new listener that knows the container's secret, old socket gone.
    listener = new AgentListener();
    listener.register("c1", secret);
    before.close();
    await assert.rejects(hung.exited, /disconnected/);
    const after = await listener.waitFor("c1", AbortSignal.timeout(10_000));
    assert.deepEqual(await collect(after.exec({ cmd: ["echo", "back"] })), {
      stdout: "back\n",
      stderr: "",
      code: 0,
    });
    after.attach().signal("SIGKILL");
    assert.equal(await agentExit, 137);
  } finally {
    await server.shutdown();
  }
});

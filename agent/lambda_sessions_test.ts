import assert from "node:assert/strict";
import { runAgent } from "./agent.ts";
import { dialBackend } from "./channel.ts";
import { InvocationSessions, type InvocationSink, SPLIT_ENV } from "./lambda_sessions.ts";
import { AgentListener } from "./listener.ts";
import { hostLauncher } from "./process.ts";
import { decodeBytes, REPLAY_ENV } from "./protocol.ts";

const PATH = "/usr/bin:/bin";
/** Writes stdout and stderr apart when the agent splits, joined as the run wrapper does if not. */
const SCRIPT =
  `if [ -n "$${SPLIT_ENV}" ]; then echo out; echo err >&2; else echo out 1>&2; fi; exit 3`;

function spec(requestId: string, replay: boolean) {
  return {
    argv: ["sh", "-c", SCRIPT],
    env: { PATH, AWS_LAMBDA_REQUEST_ID: requestId, ...(replay ? { [REPLAY_ENV]: "60000" } : {}) },
  };
}

/** What the Lambda runtime sees of a handler. */
async function asRuntime(
  launcher: ReturnType<InvocationSessions["launcher"]>,
  s: ReturnType<typeof spec>,
) {
  const p = await launcher.spawn(s);
  await p.stdin.close();
  const [stdout, stderr, code] = await Promise.all([
    new Response(p.stdout).text(),
    new Response(p.stderr).text(),
    p.exited,
  ]);
  return { stdout, stderr, code };
}

function collector() {
  const got = { stdout: "", stderr: "", code: undefined as number | undefined };
  const ended = Promise.withResolvers<void>();
  const sink: InvocationSink = (f) => {
    if (f.type === "exit") {
      got.code = f.code;
      ended.resolve();
    } else got[f.type] += new TextDecoder().decode(decodeBytes(f.data));
  };
  return { got, sink, ended: ended.promise };
}

Deno.test("an invocation is kept apart for a later attach; the runtime sees the wrapper's join", async () => {
  const sessions = new InvocationSessions();
  const launcher = sessions.launcher(hostLauncher);
  // The runtime gets no stdout (no response) and both streams on stderr, for the logs.
  const seen = await asRuntime(launcher, spec("r1", true));
  assert.equal(seen.stdout, "");
  assert.deepEqual(seen.stderr.split("\n").sort(), ["", "err", "out"]);
  assert.equal(seen.code, 3);
  const late = collector();
  sessions.join("r1", late.sink, 1_000);
  await late.ended;
  assert.deepEqual(late.got, { stdout: "out\n", stderr: "err\n", code: 3 });
});

Deno.test("an attach before its invocation waits for it; without replay nothing is split", async () => {
  const sessions = new InvocationSessions();
  const launcher = sessions.launcher(hostLauncher);
  const early = collector();
  sessions.join("r2", early.sink, 60_000);
  await asRuntime(launcher, spec("r2", true));
  await early.ended;
  assert.deepEqual(early.got, { stdout: "out\n", stderr: "err\n", code: 3 });
  assert.deepEqual(await asRuntime(launcher, spec("r3", false)), {
    stdout: "",
    stderr: "out\n",
    code: 3,
  });
  const none = collector();
  sessions.join("r3", none.sink, 50);
  await none.ended;
  assert.equal(none.got.code, 126);
  assert.match(none.got.stderr, /invocation r3 did not begin on this instance/);
});

Deno.test("an invocation keeps at most MAX_BACKLOG for an attach, and says what it dropped", async () => {
  const sessions = new InvocationSessions();
  const launcher = sessions.launcher(hostLauncher);
  const big = {
    argv: ["sh", "-c", "head -c 7000000 /dev/zero; echo done >&2"],
    env: { PATH, AWS_LAMBDA_REQUEST_ID: "r5", [REPLAY_ENV]: "60000" },
  };
  const p = await launcher.spawn(big);
  await p.stdin.close();
  await Promise.all([p.stdout.cancel(), p.stderr.pipeTo(new WritableStream()), p.exited]);
  const late = collector();
  sessions.join("r5", late.sink, 1_000);
  await late.ended;
  assert.equal(late.got.stdout, "");
  assert.match(late.got.stderr, /invocation r5 wrote more than \d+ bytes .* was not kept/);
  assert.equal(late.got.code, 0);
});

Deno.test("a Lambda-mode agent serves an attach naming an invocation", async () => {
  const listener = new AgentListener();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => listener.handle(req),
  );
  const secret = listener.register("c1");
  const sessions = new InvocationSessions();
  const stop = new AbortController();
  const nowhere = () => new WritableStream<Uint8Array>();
  const url = `ws://127.0.0.1:${server.addr.port}/agent?container=c1`;
  const agent = runAgent({
    containerId: "c1",
    connect: (signal) => dialBackend(url, secret, signal),
    launcher: hostLauncher,
    base: { env: { PATH } },
    signal: stop.signal,
    invocations: sessions,
    stdout: nowhere(),
    stderr: nowhere(),
  });
  try {
    const conn = await listener.waitFor("c1", AbortSignal.timeout(10_000));
    const attach = conn.attach({ fromStart: true, invocation: "r4" });
    await asRuntime(sessions.launcher(hostLauncher), spec("r4", true));
    const [stdout, stderr, code] = await Promise.all([
      new Response(attach.stdout).text(),
      new Response(attach.stderr).text(),
      attach.exited,
    ]);
    assert.deepEqual({ stdout, stderr, code }, { stdout: "out\n", stderr: "err\n", code: 3 });
    // The backend's acknowledgement finds no session to close and is not an error.
    await attach.stdin.close();
    // Exec sessions' stdin still closes (docker exec -i).
    const cat = conn.exec({ cmd: ["cat"] });
    const w = cat.stdin.getWriter();
    await w.write(new TextEncoder().encode("piped\n"));
    await w.close();
    assert.equal(await new Response(cat.stdout).text(), "piped\n");
    assert.equal(await cat.exited, 0);
  } finally {
    stop.abort();
    await agent;
    listener.unregister("c1");
    await server.shutdown();
  }
});

import assert from "node:assert/strict";
import type { OutputChunk } from "../container_types.ts";
import { NotFound } from "../errors.ts";
import { openAgentEndpoint } from "./agent_endpoint.ts";
import { AgentExecs, type ExecTarget } from "./agent_execs.ts";
import { runTestAgent } from "./test_agent.ts";

const decoder = new TextDecoder();

async function collect(output: ReadableStream<OutputChunk>) {
  let stdout = "";
  let stderr = "";
  for await (const c of output) {
    if (c.stream === 1) stdout += decoder.decode(c.data);
    else stderr += decoder.decode(c.data);
  }
  return { stdout, stderr };
}

/** A backend's endpoint and exec handlers, and a workload whose agent (host processes) dials it. */
async function withAgent(
  fn: (execs: AgentExecs, targets: Map<string, ExecTarget>) => Promise<void>,
) {
  const endpoint = openAgentEndpoint({ backend: "test", port: 0 });
  const targets = new Map<string, ExecTarget>([
    ["ctr", { id: "ctr", running: true, workload: "task one" }],
    ["silent", { id: "silent", running: true, workload: "task two" }],
  ]);
  const execs = new AgentExecs({
    backend: "test",
    listener: endpoint.listener,
    agentWaitMs: 200,
    find: (ref) => {
      const t = targets.get(ref);
      return t ? Promise.resolve(t) : Promise.reject(new NotFound(`No such container: ${ref}`));
    },
  });
  const env = endpoint.enrol("ctr");
  // A restarted backend enrols a known agent with the secret it already holds.
  assert.equal(
    endpoint.enrol("ctr", env.SOCKERLESS_AGENT_SECRET).SOCKERLESS_AGENT_SECRET,
    env.SOCKERLESS_AGENT_SECRET,
  );
  assert.equal(env.SOCKERLESS_CONTAINER_ID, "ctr");
  endpoint.enrol("silent");
  const stop = new AbortController();
  const agent = runTestAgent(env, {
    base: { env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", FROM: "workload" } },
    signal: stop.signal,
  });
  try {
    await endpoint.listener.waitFor("ctr");
    await fn(execs, targets);
  } finally {
    stop.abort();
    await agent;
    await endpoint.close();
  }
}

Deno.test("exec through the agent: output, exit status, environment, directory, stdin", async () => {
  await withAgent(async (execs) => {
    const { Id } = await execs.create({
      id: "ctr",
      body: {
        Cmd: ["/bin/sh", "-c", 'echo "$FROM $STEP" $PWD; echo err >&2; exit 7'],
        Env: ["STEP=two words"],
        WorkingDir: "/tmp",
      },
    });
    const started = await execs.start({ id: Id, detach: false });
    assert.deepEqual(await collect(started!.output), {
      stdout: "workload two words /tmp\n",
      stderr: "err\n",
    });
    assert.equal(execs.inspect(Id).ExitCode, 7);
    assert.equal(execs.inspect(Id).Running, false);
    await assert.rejects(execs.start({ id: Id, detach: false }), /already run/);

    const cat = await execs.create({ id: "ctr", body: { Cmd: ["cat"], AttachStdin: true } });
    const streams = await execs.start({ id: cat.Id, detach: false });
    const writer = streams!.stdin!.getWriter();
    await writer.write(new TextEncoder().encode("piped in\n"));
    await writer.close();
    assert.equal((await collect(streams!.output)).stdout, "piped in\n");
    assert.equal(execs.inspect(cat.Id).ExitCode, 0);
  });
});

Deno.test("an exec whose agent is not connected fails saying so; -t and -u are 501", async () => {
  await withAgent(async (execs, targets) => {
    const { Id } = await execs.create({ id: "silent", body: { Cmd: ["true"] } });
    await assert.rejects(
      execs.start({ id: Id, detach: false }),
      /test backend: the agent of task two is not connected/,
    );
    await assert.rejects(
      execs.create({ id: "ctr", body: { Cmd: ["sh"], Tty: true } }),
      (e: Error & { status?: number }) => e.status === 501 && /no TTY/.test(e.message),
    );
    await assert.rejects(
      execs.create({ id: "ctr", body: { Cmd: ["id"], User: "nobody" } }),
      (e: Error & { status?: number }) => e.status === 501 && /docker exec -u/.test(e.message),
    );
    targets.set("ctr", { id: "ctr", running: false, workload: "task one" });
    await assert.rejects(execs.create({ id: "ctr", body: { Cmd: ["true"] } }), /not running/);
    assert.throws(() => execs.inspect("nope"), /No such exec instance/);
  });
});

import assert from "node:assert/strict";
import { AgentListener } from "./listener.ts";

const main = new URL("./main.ts", import.meta.url).pathname;

Deno.test("the agent program dials back with its secret, serves exec and exits with its command's status", async () => {
  const listener = new AgentListener();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => listener.handle(req),
  );
  const secret = listener.register("ctr-1");
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", main, "--", "sh", "-c", "echo main output; read line; exit 7"],
      env: {
        SOCKERLESS_CALLBACK_URL: `ws://127.0.0.1:${server.addr.port}/agent?container=ctr-1`,
        SOCKERLESS_AGENT_SECRET: secret,
        SOCKERLESS_CONTAINER_ID: "ctr-1",
      },
      // Open and never written: the command's stdin stays open for the attach below.
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const output = new Response(child.stdout).text();
    const errors = new Response(child.stderr).text();
    const conn = await listener.waitFor("ctr-1", AbortSignal.timeout(60_000));
    const exec = conn.exec({ cmd: ["sh", "-c", "echo from exec $SOCKERLESS_CONTAINER_ID"] });
    assert.equal(await new Response(exec.stdout).text(), "from exec ctr-1\n");
    assert.equal(await exec.exited, 0);
    const attach = conn.attach();
    const stdin = attach.stdin.getWriter();
    await stdin.write(new TextEncoder().encode("go\n"));
    assert.equal(await attach.exited, 7);
    const status = await child.status;
    await child.stdin.close().catch(() => {});
    assert.equal(status.code, 7, await errors);
    assert.equal(await output, "main output\n");
  } finally {
    await server.shutdown();
  }
});

Deno.test("the agent program's stdin is its command's: at EOF, the command reads EOF", async () => {
  const listener = new AgentListener();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => listener.handle(req),
  );
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", main, "--", "sh", "-c", "cat; echo read all"],
      env: {
        SOCKERLESS_CALLBACK_URL: `ws://127.0.0.1:${server.addr.port}/agent?container=ctr-2`,
        SOCKERLESS_AGENT_SECRET: listener.register("ctr-2"),
        SOCKERLESS_CONTAINER_ID: "ctr-2",
      },
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode("piped\n"));
    await w.close();
    assert.equal(await new Response(child.stdout).text(), "piped\nread all\n");
    assert.equal((await child.status).code, 0);
  } finally {
    await server.shutdown();
  }
});

Deno.test("the agent program refuses to start without its backend settings", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", main, "--", "true"],
    env: { SOCKERLESS_CALLBACK_URL: "", SOCKERLESS_AGENT_SECRET: "" },
    clearEnv: true,
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 2);
  assert.match(new TextDecoder().decode(out.stderr), /SOCKERLESS_CALLBACK_URL is not set/);
});

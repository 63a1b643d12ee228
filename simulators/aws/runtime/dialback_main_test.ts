import assert from "node:assert/strict";
import { AgentListener } from "../../../agent/mod.ts";
import { sandboxWorkloadRuntime } from "./sandbox_runtime.ts";

const text = (s: ReadableStream<Uint8Array>) => new Response(s).text();

Deno.test("a task with a callback URL runs its command under an agent that dials back", async () => {
  const listener = new AgentListener();
  const backend = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => listener.handle(req),
  );
  const runtime = sandboxWorkloadRuntime();
  try {
    const w = await runtime.start({
      image: "alpine",
      argv: ["sh", "-c", "echo up; read line; echo main got $line; exit 5"],
      env: {
        SOCKERLESS_CALLBACK_URL: `ws://127.0.0.1:${backend.addr.port}/?container=task-ctr`,
        SOCKERLESS_AGENT_SECRET: listener.register("task-ctr"),
        SOCKERLESS_CONTAINER_ID: "task-ctr",
        GREETING: "hello",
      },
    });
    // The runtime still sees the command's output, for awslogs.
    const mainOut = text(w.stdout);
    const agent = await listener.waitFor("task-ctr", AbortSignal.timeout(60_000));
    const exec = agent.exec({ cmd: ["sh", "-c", "echo $GREETING $PWD; exit 2"], workdir: "/tmp" });
    const [out, code] = await Promise.all([text(exec.stdout), exec.exited]);
    assert.deepEqual([out, code], ["hello /tmp\n", 2]);
    // ExecuteCommand's way in (the runtime's own) runs in the same container.
    const direct = await w.exec({ argv: ["sh", "-c", "echo $GREETING"], env: {} });
    assert.equal(await text(direct.stdout), "hello\n");
    assert.equal(await direct.exited, 0);
    // Attach through the dial-back agent reaches the command's stdin and sees its exit.
    const attach = agent.attach();
    const stdin = attach.stdin.getWriter();
    await stdin.write(new TextEncoder().encode("line\n"));
    const [attached, attachCode] = await Promise.all([text(attach.stdout), attach.exited]);
    assert.equal(attached, "main got line\n");
    assert.equal(attachCode, 5);
    assert.equal(await w.exited, 5);
    assert.equal(await mainOut, "up\nmain got line\n");
  } finally {
    runtime.close?.();
    await backend.shutdown();
  }
});

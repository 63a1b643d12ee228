import assert from "node:assert/strict";
import { openAgentEndpoint } from "./agent_endpoint.ts";
import { runTestAgent } from "./test_agent.ts";

// agent/listener.ts: a client that goes away cancels a session's streams; the agent's later
// frames for that session must be dropped there, not thrown out of the socket's message handler.
Deno.test("output for a session whose reader cancelled is dropped; its exit still arrives", async () => {
  const endpoint = openAgentEndpoint({ backend: "test", port: 0 });
  const env = endpoint.enrol("ctr");
  const stop = new AbortController();
  const agent = runTestAgent(env, { signal: stop.signal });
  try {
    const connection = await endpoint.listener.waitFor("ctr");
    const session = connection.exec({
      cmd: ["/bin/sh", "-c", "read go; echo out; echo err >&2; exit 4"],
    });
    await session.stdout.cancel();
    await session.stderr.cancel();
    const writer = session.stdin.getWriter();
    await writer.write(new TextEncoder().encode("go\n"));
    await writer.close();
    assert.equal(await session.exited, 4);
    // The connection still serves the next session.
    const next = connection.exec({ cmd: ["/bin/sh", "-c", "echo again"] });
    await next.stdin.close();
    assert.equal(await new Response(next.stdout).text(), "again\n");
    assert.equal(await next.exited, 0);
  } finally {
    stop.abort();
    await agent;
    await endpoint.close();
  }
});

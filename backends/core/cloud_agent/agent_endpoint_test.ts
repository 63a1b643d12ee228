import assert from "node:assert/strict";
import { AGENT_ENV, openAgentEndpoint } from "./agent_endpoint.ts";
import { runTestAgent } from "./test_agent.ts";

Deno.test("--agent-url is what agents are told to dial, and an agent dialling it gets in", async () => {
  // Listen on one port first to learn a free one, then again on it behind a public URL.
  const probe = openAgentEndpoint({ backend: "test", port: 0 });
  const port = Number(new URL(probe.url).port);
  await probe.close();
  const endpoint = openAgentEndpoint({
    backend: "test",
    port,
    hostname: "127.0.0.1",
    publicUrl: `ws://localhost:${port}/agent`,
  });
  const agentStop = new AbortController();
  try {
    const env = endpoint.enrol("ctr");
    assert.equal(env[AGENT_ENV.callbackUrl], `ws://localhost:${port}/agent?container=ctr`);
    const agent = runTestAgent(env, { signal: agentStop.signal }).catch(() => 0);
    const connection = await endpoint.listener.waitFor("ctr", AbortSignal.timeout(30_000));
    assert.equal(connection.containerId, "ctr");
    agentStop.abort();
    await agent;
  } finally {
    await endpoint.close();
  }
});

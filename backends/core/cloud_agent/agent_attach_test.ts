import assert from "node:assert/strict";
import type { OutputChunk } from "../container_types.ts";
import { openAgentEndpoint } from "./agent_endpoint.ts";
import { agentAttach } from "./agent_attach.ts";
import { runTestAgent } from "./test_agent.ts";

const decoder = new TextDecoder();

async function collect(output: ReadableStream<OutputChunk>) {
  const seen = { stdout: "", stderr: "" };
  for await (const c of output) {
    seen[c.stream === 1 ? "stdout" : "stderr"] += decoder.decode(c.data);
  }
  return seen;
}

Deno.test("attach through the agent: stdin in, the streams asked for out, the end at exit", async () => {
  const endpoint = openAgentEndpoint({ backend: "test", port: 0 });
  const env = endpoint.enrol("ctr");
  const agent = runTestAgent(env, {
    main: {
      argv: ["/bin/sh", "-c", "read a; echo got $a; echo err >&2; read b; echo then $b; exit 3"],
    },
  });
  try {
    const connection = await endpoint.listener.waitFor("ctr");
    // Without StdinOnce, one client's end of stdin leaves the process's stdin open for the next.
    const first = agentAttach(connection, { stdin: true, stdout: true, stderr: false }, {
      backend: "test",
      stdinOnce: false,
    });
    const firstOut = collect(first.output);
    const w1 = first.stdin!.getWriter();
    await w1.write(new TextEncoder().encode("one\n"));
    await w1.close();
    const second = agentAttach(connection, { stdin: true, stdout: true, stderr: true }, {
      backend: "test",
      stdinOnce: true,
    });
    const secondOut = collect(second.output);
    const w2 = second.stdin!.getWriter();
    await w2.write(new TextEncoder().encode("two\n"));
    await w2.close();
    assert.equal(await agent, 3);
    // The second attach may come before or after the first line was written.
    assert.deepEqual(await firstOut, { stdout: "got one\nthen two\n", stderr: "" });
    const b = await secondOut;
    assert.match(b.stdout, /then two\n$/);
  } finally {
    await endpoint.close();
  }
});

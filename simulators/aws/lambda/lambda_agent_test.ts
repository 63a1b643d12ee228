import assert from "node:assert/strict";
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { withSimulator } from "../test_utils.ts";
import { sandboxWorkloadRuntime } from "../runtime/sandbox_runtime.ts";
import { AgentListener } from "../../../agent/mod.ts";

const ROLE = "arn:aws:iam::000000000000:role/lambda-role";

Deno.test("a function instance's agent dials back to SOCKERLESS_CALLBACK_URL and serves exec", async () => {
  const listener = new AgentListener();
  const backend = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => listener.handle(req),
  );
  const callback = (id: string) => `ws://127.0.0.1:${backend.addr.port}/agent?container=${id}`;
  const secret = listener.register("fn-ctr");
  listener.register("intruder");
  try {
    await withSimulator(async ({ client }) => {
      const lambda = new LambdaClient(client);
      const create = (name: string, id: string, agentSecret: string) =>
        lambda.send(
          new CreateFunctionCommand({
            FunctionName: name,
            Role: ROLE,
            PackageType: "Image",
            Code: { ImageUri: "alpine" },
            ImageConfig: { Command: ["cat"] },
            Environment: {
              Variables: {
                SOCKERLESS_CALLBACK_URL: callback(id),
                SOCKERLESS_AGENT_SECRET: agentSecret,
                SOCKERLESS_CONTAINER_ID: id,
              },
            },
          }),
        );
      await create("with-agent", "fn-ctr", secret);
      await create("wrong-secret", "intruder", "not-the-secret");
      const payload = new TextEncoder().encode('{"x":1}');
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: "with-agent", Payload: payload }),
      );
      assert.equal(new TextDecoder().decode(out.Payload), '{"x":1}');
      const conn = await listener.waitFor("fn-ctr", AbortSignal.timeout(60_000));
      const exec = conn.exec({
        cmd: ["sh", "-c", "echo $AWS_LAMBDA_FUNCTION_NAME; head -1 /etc/os-release"],
      });
      const [stdout, code] = await Promise.all([new Response(exec.stdout).text(), exec.exited]);
      assert.equal(code, 0);
      assert.match(stdout, /^with-agent\nNAME=".+"\n$/);
      // The function with the wrong secret still runs, but its agent is refused.
      const other = await lambda.send(
        new InvokeCommand({ FunctionName: "wrong-secret", Payload: payload }),
      );
      assert.equal(new TextDecoder().decode(other.Payload), '{"x":1}');
      await assert.rejects(
        listener.waitFor("intruder", AbortSignal.timeout(1_000)),
        /did not connect/,
      );
    }, { runtime: sandboxWorkloadRuntime() });
  } finally {
    await backend.shutdown();
  }
});

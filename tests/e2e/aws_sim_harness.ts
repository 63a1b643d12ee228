/**
 * Starting the AWS simulator as outside scripts do, and the clients the e2e tests drive it with:
 * Debian's AWS CLI v2 (`/usr/bin/aws --endpoint-url …`) and the `@aws-sdk/client-*` packages.
 *
 * @module
 */
import assert from "node:assert/strict";
import { DescribeTasksCommand, ECSClient } from "@aws-sdk/client-ecs";

export const AWS_CLI = "/usr/bin/aws";
export const root = new URL("../../", import.meta.url);

export async function requireCli(): Promise<void> {
  try {
    await Deno.stat(AWS_CLI);
  } catch {
    throw new Error(
      `${AWS_CLI} is missing: install Debian's AWS CLI v2 with \`apt-get install -y awscli\``,
    );
  }
}

export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

export interface RunningSim {
  endpoint: string;
  dir: string;
  logs(): string;
  stop(): Promise<void>;
}

/** Starts the simulator; with `dir`, reuses that directory (and its data) and leaves it behind. */
export async function startSim(existing?: string): Promise<RunningSim> {
  const dir = existing ?? await Deno.makeTempDir({ prefix: "aws-sim-e2e-" });
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "simulators/aws/main.ts",
      "--port",
      String(port),
      "--data-dir",
      `${dir}/data`,
    ],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const drain = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s.pipeThrough(new TextDecoderStream())) output += chunk;
  };
  const draining = Promise.all([drain(child.stdout), drain(child.stderr)]);
  const deadline = Date.now() + 60_000;
  while (!output.includes("listening on")) {
    if (Date.now() > deadline) throw new Error(`simulator did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    dir,
    logs: () => output,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await draining;
      if (!existing) await Deno.remove(dir, { recursive: true });
    },
  };
}

/** Runs Debian's CLI with isolated config and the test credentials. */
export async function aws(sim: RunningSim, args: string[], secret = "test") {
  const out = await new Deno.Command(AWS_CLI, {
    args: ["--endpoint-url", sim.endpoint, "--output", "json", ...args],
    env: {
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: secret,
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_CONFIG_FILE: `${sim.dir}/cli-config`,
      AWS_SHARED_CREDENTIALS_FILE: `${sim.dir}/cli-credentials`,
      AWS_PAGER: "",
      AWS_EC2_METADATA_DISABLED: "true",
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  return {
    code: out.code,
    stderr: new TextDecoder().decode(out.stderr),
    json: () => JSON.parse(stdout),
  };
}

/**
 * Waits for the task to reach `status`, polling with the SDK (a CLI call costs a Python start-up),
 * then describes it once more through the CLI, whose view the test asserts on.
 */
export async function waitForStatus(sim: RunningSim, taskArn: string, status: string) {
  const ecs = new ECSClient(sdk(sim));
  for (let i = 0; i < 1200; i++) {
    const { tasks } = await ecs.send(
      new DescribeTasksCommand({ cluster: "e2e", tasks: [taskArn] }),
    );
    if (tasks?.[0].lastStatus === status) {
      const out = await aws(sim, ["ecs", "describe-tasks", "--cluster", "e2e", "--tasks", taskArn]);
      assert.equal(out.code, 0, out.stderr);
      return out.json().tasks[0];
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`task ${taskArn} did not reach ${status}: ${sim.logs()}`);
}

export function sdk(sim: RunningSim) {
  return {
    endpoint: sim.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  };
}

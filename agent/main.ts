/**
 * The agent as a program, for cloud workloads (`deno compile` turns it into the binary the
 * backends inject):
 *
 *   agent [--lambda] -- <command> [args…]
 *
 * Without `--lambda` it runs the command as the workload's main process (its own stdin copied into
 * the command's) and dials the backend at `SOCKERLESS_CALLBACK_URL` with
 * `SOCKERLESS_AGENT_SECRET`, serving exec and attach until the command exits, then exits with its
 * status. As a Fargate image's entrypoint that is `ENTRYPOINT ["/sockerless-agent", "--"]`, with
 * the container's command as the task's `command`. With `--lambda` it also serves the Lambda Runtime
 * API at `AWS_LAMBDA_RUNTIME_API`, running the command once per event.
 *
 * @module
 */
import { runAgent } from "./agent.ts";
import { dialBackend } from "./channel.ts";
import { runLambdaRuntime } from "./lambda_runtime.ts";
import { hostLauncher } from "./process.ts";

function required(name: string): string {
  const value = Deno.env.get(name);
  if (!value) {
    console.error(`agent: ${name} is not set; the backend must provide it to the workload`);
    Deno.exit(2);
  }
  return value;
}

const dash = Deno.args.indexOf("--");
const flags = dash < 0 ? Deno.args : Deno.args.slice(0, dash);
const command = dash < 0 ? [] : Deno.args.slice(dash + 1);
if (command.length === 0) {
  console.error("usage: agent [--lambda] -- <command> [args…]");
  Deno.exit(2);
}
const env = Deno.env.toObject();
if (flags.includes("--lambda")) {
  await runLambdaRuntime({
    api: required("AWS_LAMBDA_RUNTIME_API"),
    handler: { argv: command, env },
    launcher: hostLauncher,
    stderr: Deno.stderr.writable,
  });
} else {
  const url = required("SOCKERLESS_CALLBACK_URL");
  const secret = required("SOCKERLESS_AGENT_SECRET");
  const code = await runAgent({
    containerId: required("SOCKERLESS_CONTAINER_ID"),
    // Redialled while the command runs, so a backend restart does not orphan the workload.
    connect: (signal) => dialBackend(url, secret, signal),
    launcher: hostLauncher,
    main: { argv: command, env, workdir: Deno.cwd() },
    stdin: Deno.stdin.readable,
    stdout: Deno.stdout.writable,
    stderr: Deno.stderr.writable,
  });
  Deno.exit(code);
}

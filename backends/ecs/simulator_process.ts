/**
 * The AWS simulator as a separate process on a free port, started exactly as outside scripts do
 * (`deno run -A simulators/aws/main.ts --port P --data-dir D`), for the ecs backend's end-to-end
 * tests and benchmarks.
 *
 * @module
 */

const root = new URL("../../", import.meta.url);

export interface SimulatorProcess {
  endpoint: string;
  logs(): string;
  stop(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Starts the simulator and resolves once it listens; rejects with its output if it exits. */
export async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const dir = await Deno.makeTempDir({ prefix: "sockerless-ecs-sim-" });
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "simulators/aws/main.ts", "--port", String(port), "--data-dir", dir],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  let exited = false;
  const status = child.status.finally(() => exited = true);
  const drain = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s.pipeThrough(new TextDecoderStream())) output += chunk;
  };
  const draining = Promise.all([drain(child.stdout), drain(child.stderr)]);
  const deadline = Date.now() + 60_000;
  while (!output.includes("listening on")) {
    if (exited || Date.now() > deadline) {
      throw new Error(`the AWS simulator did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    logs: () => output,
    async stop() {
      if (!exited) child.kill("SIGTERM");
      await status;
      await draining;
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

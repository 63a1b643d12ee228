/**
 * AWS simulator latency through the official ECS SDK over loopback HTTP with SigV4 verified:
 * RunTask and DescribeTasks, against ListClusters (the cheapest signed round trip) as the
 * baseline measured in the same run. Each task runs `true` in the sandbox; RunTask answers at
 * PROVISIONING while the task's zero-permission Worker starts beside it. Deno's table shows avg/p75/p99;
 * the p50 of every benchmark is printed when the run ends.
 */
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from "@aws-sdk/client-ecs";
// The simulator runs as outside scripts start it (`deno run`), in its own process: inside
// `deno bench` every Worker would be type-checked on start, which is not what users run.
const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
const port = (listener.addr as Deno.NetAddr).port;
listener.close();
const child = new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", "simulators/aws/main.ts", "--port", String(port)],
  cwd: new URL("../", import.meta.url),
  stdout: "piped",
  stderr: "null",
}).spawn();
const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
for (let seen = ""; !seen.includes("listening on");) {
  const { value, done } = await reader.read();
  if (done) throw new Error(`the simulator exited before listening: ${seen}`);
  seen += value;
}
reader.releaseLock();
void child.stdout.cancel().catch(() => {});
const sim = { endpoint: `http://127.0.0.1:${port}` };
const ecs = new ECSClient({
  endpoint: sim.endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  maxAttempts: 1,
});
await ecs.send(new CreateClusterCommand({ clusterName: "bench" }));
await ecs.send(
  new RegisterTaskDefinitionCommand({
    family: "bench",
    containerDefinitions: [{ name: "app", image: "alpine", command: ["true"] }],
  }),
);
const first = await ecs.send(new RunTaskCommand({ cluster: "bench", taskDefinition: "bench" }));
const taskArn = first.tasks![0].taskArn!;

const samples: Record<string, number[]> = {};
async function timed(name: string, fn: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await fn();
  (samples[name] ??= []).push(performance.now() - start);
}

Deno.bench("ListClusters (baseline)", { group: "aws-sim", baseline: true, n: 200 }, async () => {
  await timed("ListClusters", () => ecs.send(new ListClustersCommand({})));
});

Deno.bench("DescribeTasks", { group: "aws-sim", n: 200 }, async () => {
  await timed(
    "DescribeTasks",
    () => ecs.send(new DescribeTasksCommand({ cluster: "bench", tasks: [taskArn] })),
  );
});

// Each iteration runs one task to STOPPED, so tasks do not pile up: the p50 lines report the
// RunTask reply alone and the whole lifecycle (Worker start, sandbox, `true`, teardown).
Deno.bench("RunTask until STOPPED", { group: "aws-sim", n: 30 }, async () => {
  const start = performance.now();
  let arn = "";
  await timed("RunTask reply", async () => {
    const run = await ecs.send(new RunTaskCommand({ cluster: "bench", taskDefinition: "bench" }));
    arn = run.tasks![0].taskArn!;
  });
  while (true) {
    const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster: "bench", tasks: [arn] }));
    if (tasks![0].lastStatus === "STOPPED") break;
    await new Promise((r) => setTimeout(r, 5));
  }
  (samples["RunTask until STOPPED"] ??= []).push(performance.now() - start);
});

globalThis.addEventListener("unload", () => {
  for (const [name, values] of Object.entries(samples)) {
    const sorted = [...values].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)];
    console.log(`aws-sim p50 ${name}: ${p50.toFixed(2)} ms over ${values.length} calls`);
  }
  child.kill("SIGKILL");
});

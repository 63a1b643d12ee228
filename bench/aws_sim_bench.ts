/**
 * AWS simulator latency through the official ECS SDK over loopback HTTP with SigV4 verified:
 * RunTask and DescribeTasks, against ListClusters (the cheapest signed round trip) as the
 * baseline measured in the same run. Each task runs `true` in the sandbox; RunTask answers at
 * PROVISIONING while the task's zero-permission Worker starts beside it. Deno's table shows avg/p75/p99;
 * the p50 of every benchmark is printed when the run ends.
 *
 * ECR: `skopeo copy` pushes and pulls a small image (one fresh 1 MB layer of random bytes per push,
 * so no blob is already there or mountable) to and from the simulator's registry, against Debian's
 * docker-registry as the baseline in the same run. Skipped, naming the packages, without them.
 */
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from "@aws-sdk/client-ecs";
import {
  CreateRepositoryCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
} from "@aws-sdk/client-ecr";
import { randomLayer } from "../tests/registry/busybox_image.ts";
import { OciLayout, skopeo } from "../tests/registry/oci_layout.ts";
import { missingPackages, startRegistry } from "../tests/registry/registry_server.ts";
// The simulator runs as outside scripts start it (`deno run`), in its own process: inside
// `deno bench` every Worker would be type-checked on start, which is not what users run.
const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
const port = (listener.addr as Deno.NetAddr).port;
listener.close();
// A data directory, as docker-registry has one: ECR's blobs go to disk, as that registry's do.
const simData = await Deno.makeTempDir({ prefix: "aws-sim-bench-" });
const child = new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", "simulators/aws/main.ts", "--port", String(port), "--data-dir", simData],
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

const missing = missingPackages();
if (missing.length > 0) {
  console.warn(`aws-sim ECR figures SKIPPED: apt-get install -y ${missing.join(" ")}`);
} else {
  await ecrBenches();
}

/** Pushes and pulls through skopeo: the simulator's ECR against docker-registry. */
async function ecrBenches(): Promise<void> {
  const registry = await startRegistry();
  const scratch = await Deno.makeTempDir({ prefix: "aws-sim-ecr-bench-" });
  globalThis.addEventListener("unload", () => {
    registry.kill();
    Deno.removeSync(scratch, { recursive: true });
  });
  const ecr = new ECRClient({
    endpoint: sim.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  const token = await ecr.send(new GetAuthorizationTokenCommand({}));
  const creds = atob(token.authorizationData![0].authorizationToken!);
  const ecrHost = sim.endpoint.replace("http://", "");
  // deno bench runs n + warmup + 1 iterations here; each push needs a fresh image.
  const rounds = 12;
  const layouts: OciLayout[] = [];
  for (let i = 0; i < 2 * rounds + 1; i++) {
    const layout = new OciLayout(`${scratch}/layout-${i}`);
    await layout.tag(
      "img",
      await layout.image({ layers: [await randomLayer("data.bin", 1_000_000)] }),
    );
    layouts.push(layout);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: `bench/img${i}` }));
  }
  const targets: Record<string, { host: string; creds?: string }> = {
    "docker-registry": { host: registry.host },
    "simulator ECR": { host: ecrHost, creds },
  };
  // The last layout is the image every pull fetches, pushed to both registries first.
  const pulled = layouts.length - 1;
  let next = 0;
  const push = async (target: string, i = next++) => {
    if (i > pulled) throw new Error(`the ECR bench ran more pushes than the ${rounds} prepared`);
    const { host, creds } = targets[target];
    const dest = creds ? ["--dest-creds", creds] : [];
    await skopeo(
      "copy",
      "--quiet",
      "--dest-tls-verify=false",
      ...dest,
      `oci:${layouts[i].dir}:img`,
      `docker://${host}/bench/img${i}:1`,
    );
  };
  for (const target of Object.keys(targets)) await push(target, pulled);
  let pulls = 0;
  for (const target of Object.keys(targets)) {
    const baseline = target === "docker-registry";
    Deno.bench({
      name: `skopeo push to ${target}${baseline ? " (baseline)" : ""}`,
      group: "ECR push, 1 MB image",
      baseline,
      n: 8,
      warmup: 1,
      async fn(b) {
        b.start();
        const start = performance.now();
        await push(target);
        (samples[`push to ${target}`] ??= []).push(performance.now() - start);
        b.end();
      },
    });
    Deno.bench({
      name: `skopeo pull from ${target}${baseline ? " (baseline)" : ""}`,
      group: "ECR pull, 1 MB image",
      baseline,
      n: 8,
      warmup: 1,
      async fn(b) {
        const { host, creds } = targets[target];
        const out = `${scratch}/pulled-${pulls++}`;
        const src = creds ? ["--src-creds", creds] : [];
        b.start();
        const start = performance.now();
        await skopeo(
          "copy",
          "--quiet",
          "--src-tls-verify=false",
          ...src,
          `docker://${host}/bench/img${pulled}:1`,
          `dir:${out}`,
        );
        (samples[`pull from ${target}`] ??= []).push(performance.now() - start);
        b.end();
        await Deno.remove(out, { recursive: true });
      },
    });
  }
}

globalThis.addEventListener("unload", () => {
  for (const [name, values] of Object.entries(samples)) {
    const sorted = [...values].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)];
    console.log(`aws-sim p50 ${name}: ${p50.toFixed(2)} ms over ${values.length} calls`);
  }
  child.kill("SIGKILL");
  Deno.removeSync(simData, { recursive: true });
});

/**
 * The AWS simulator: one Deno HTTP server speaking ECS, CloudWatch Logs, Lambda (with the Runtime
 * API), ECR and STS well enough for the official SDKs and the AWS CLI, with SigV4 verified and
 * tasks and functions really executed through a {@link WorkloadRuntime}.
 *
 * @example
 * ```ts
 * const sim = await startAwsSimulator({ port: 0 });
 * console.log(sim.endpoint); // http://127.0.0.1:PORT
 * await sim.close();
 * ```
 *
 * @module
 */
import type { World } from "./context.ts";
import { LiveTasks } from "./ecs/mod.ts";
import { LambdaInvoker } from "./lambda/invoker.ts";
import { awsHandler } from "./server.ts";
import type { Credential } from "./sigv4/verify.ts";
import { StateStore } from "./state/store.ts";
import type { WorkloadRuntime } from "./runtime/workload.ts";
import { imagePullingRuntime, SimulatorImages } from "./images/mod.ts";
import { issuePassword } from "./ecr/auth_token.ts";

export type { Credential } from "./sigv4/verify.ts";
export type { Workload, WorkloadRuntime, WorkloadSpec } from "./runtime/workload.ts";
export { WorkloadUnavailable } from "./runtime/workload.ts";

/** The account every resource belongs to. */
export const SIMULATOR_ACCOUNT_ID = "000000000000";

export interface AwsSimulatorOptions {
  /** 0 picks a free port. Default 4566. */
  port?: number;
  hostname?: string;
  /** Where state is kept across restarts; in memory only when absent. */
  dataDir?: string;
  /** Accepted access keys; default one key `test`/`test`. */
  credentials?: Credential[];
  /** Executes tasks and functions; without it they fail loudly, naming what is missing. */
  runtime?: WorkloadRuntime;
  /** Registries (`host[:port]`) workloads' images are pulled from over plain HTTP. */
  insecureRegistries?: string[];
}

export interface AwsSimulator {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startAwsSimulator(options: AwsSimulatorOptions = {}): Promise<AwsSimulator> {
  const store = await StateStore.open(options.dataDir);
  const credentials = new Map(
    (options.credentials ?? [{ accessKeyId: "test", secretAccessKey: "test" }])
      .map((c) => [c.accessKeyId, c]),
  );
  const shutdown = new AbortController();
  const world: World = {
    state: store.state,
    store,
    runtime: undefined,
    images: undefined,
    liveTasks: new LiveTasks(),
    execSessions: new Map(),
    endpoint: "",
    signal: shutdown.signal,
  };
  if (options.runtime) {
    // Workloads run the image they name, pulled into <data-dir>/images (simulators/aws/images).
    world.images = await SimulatorImages.open({
      dir: store.dataDir === undefined ? undefined : `${store.dataDir}/images`,
      insecureRegistries: options.insecureRegistries,
      accountId: SIMULATOR_ACCOUNT_ID,
      endpointHost: () => world.endpoint.replace(/^https?:\/\//, ""),
      ecrPassword: (region) => issuePassword(world, region),
    });
    world.runtime = imagePullingRuntime(options.runtime, world.images);
  }
  const invoker = new LambdaInvoker(world);
  const hostname = options.hostname ?? "127.0.0.1";
  const server = Deno.serve({
    hostname,
    port: options.port ?? 4566,
    signal: shutdown.signal,
    onListen() {},
  }, awsHandler({ world, invoker, credentials, accountId: SIMULATOR_ACCOUNT_ID }));
  const port = server.addr.port;
  world.endpoint = `http://${hostname}:${port}`;
  return {
    endpoint: world.endpoint,
    port,
    async close() {
      invoker.shutdown();
      await world.liveTasks.shutdown(world);
      options.runtime?.close?.();
      shutdown.abort();
      await server.finished;
      await world.images?.close();
      await store.flush();
    },
  };
}

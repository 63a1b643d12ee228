/**
 * One backend's daemon for the matrix, started as the e2e tests start theirs: memory as is; ecs
 * and lambda with `--aws-endpoint` pointing at an AWS simulator process of their own. The docker
 * CLI reaches the daemon through a status tap, and a restart keeps the state (the same
 * `--data-root` for memory, the simulator's tags for the cloud backends).
 *
 * @module
 */
import { type RunningTestDaemon, startTestDaemon } from "../e2e/harness.ts";
import {
  type SimulatorProcess,
  startSimulatorProcess,
} from "../../backends/ecs/simulator_process.ts";
import type { BackendName, SessionTarget } from "./session.ts";
import { startStatusTap, type StatusTap } from "./status_tap.ts";

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_REGION: "us-east-1",
  SOCKERLESS_LAMBDA_ROLE: "arn:aws:iam::000000000000:role/sockerless-lambda",
};

export interface BackendDaemon extends SessionTarget {
  /** True while the daemon process runs. */
  alive(): boolean;
  /** The daemon's stderr so far (JSON log lines). */
  logs(): string;
  stop(): Promise<void>;
}

/** Starts `backend`'s daemon (and simulator); `registry` is passed through to the scenarios. */
export async function startBackendDaemon(
  backend: BackendName,
  registry: string | null,
): Promise<BackendDaemon> {
  const work = await Deno.realPath(
    await Deno.makeTempDir({ prefix: `sockerless-matrix-${backend}-` }),
  );
  const sim: SimulatorProcess | null = backend === "memory" ? null : await startSimulatorProcess();
  // The daemon child inherits these; the memory backend ignores them.
  for (const [k, v] of Object.entries(AWS_ENV)) Deno.env.set(k, v);
  const args = ["--data-root", `${work}/data`, "--allow-bind", work];
  if (sim) args.push("--backend", backend, "--aws-endpoint", sim.endpoint);
  let daemon: RunningTestDaemon;
  try {
    daemon = await startTestDaemon(args);
  } catch (error) {
    await sim?.stop();
    throw error;
  }
  const tap: StatusTap = startStatusTap(() => daemon.socket, `${work}/tap.sock`);
  await Deno.mkdir(`${work}/docker-config`);
  return {
    backend,
    work,
    registry,
    refusals: tap.refusals,
    env: {
      DOCKER_HOST: `unix://${tap.socket}`,
      DOCKER_CONFIG: `${work}/docker-config`,
      DOCKER_CLI_HINTS: "false",
    },
    alive: () => daemon.alive(),
    logs: () => daemon.logs(),
    async restart() {
      await daemon.stop();
      daemon = await startTestDaemon(args);
    },
    async stop() {
      await tap.close();
      await daemon.stop();
      await sim?.stop();
      await Deno.remove(work, { recursive: true }).catch(() => {});
    },
  };
}

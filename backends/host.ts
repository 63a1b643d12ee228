/**
 * Starts the backend named by `--backend` as an actor in its own Worker, with only the
 * permissions that backend needs, and returns the client the router calls it through.
 *
 * @module
 */
import { type ActorPermissions, type ActorRef, spawn } from "../actors/mod.ts";
import { codeReadRoots } from "./code_roots.ts";
import { actorBackendClient } from "./core/backend_actor.ts";
import type { BackendClient, BackendRequest } from "./core/protocol.ts";

export interface BackendOptions {
  dataRoot: string;
  /** Host figures the backend reports to containers; read here because backends lack `sys`. */
  ncpu: number;
  memTotal: number;
  /** Host paths bind mounts may use (`--allow-bind`); the backend may read and write them. */
  allowBind?: string[];
  /** `--insecure-registry`: registries reached over plain HTTP. */
  insecureRegistries?: string[];
  /** `--aws-endpoint`: where the ecs backend sends AWS API calls (a simulator when local). */
  awsEndpoint?: string;
  /** The loopback port the lambda backend's agent listener serves; chosen here when unset. */
  lambdaAgentPort?: number;
  /** The loopback port the ecs backend's agent listener serves; chosen here when unset. */
  ecsAgentPort?: number;
  /** `--agent-listen`: where cloud backends listen for their workloads' agents. */
  agentListen?: { hostname: string; port: number };
  /** `--agent-url`: what those agents dial (a TLS proxy in front of the listener). */
  agentUrl?: string;
}

/** The agent listener's address: `--agent-listen`, else loopback on `port()`'s port. */
function agentAddress(o: BackendOptions, port: () => number): { hostname: string; port: number } {
  return o.agentListen ?? { hostname: "127.0.0.1", port: port() };
}

interface BackendKind {
  module: URL;
  permissions(options: BackendOptions): ActorPermissions;
}

const kinds: Record<string, BackendKind> = {
  memory: {
    module: new URL("./memory/actor.ts", import.meta.url),
    // Container actors it spawns get no permissions at all. The backend itself needs its state
    // directory, and the network for registries, which can be anywhere the user names.
    permissions: (o) => ({
      read: [o.dataRoot, ...codeReadRoots(), ...(o.allowBind ?? [])],
      write: [o.dataRoot, ...(o.allowBind ?? [])],
      net: true,
    }),
  },
  ecs: {
    module: new URL("./ecs/actor.ts", import.meta.url),
    // The cloud is its state: it reaches the AWS endpoint and the one loopback port its tasks'
    // agents dial back to (picked here, so the permission can name it), reads its code and the
    // AWS_* credentials, and keeps nothing of its own beyond the data root.
    permissions: (o) => {
      // SOCKERLESS_ECS_AGENT_PORT keeps it fixed, so agents of tasks still running when the
      // daemon restarts redial a port that is listened on again.
      const agent = agentAddress(
        o,
        () =>
          o.ecsAgentPort ??
            (Number(Deno.env.get("SOCKERLESS_ECS_AGENT_PORT")) || freeLoopbackPort()),
      );
      o.ecsAgentPort = agent.port;
      return {
        read: [o.dataRoot, ...codeReadRoots(), ...awsConfigDir()],
        write: [o.dataRoot],
        net: [
          ...(o.awsEndpoint ? [new URL(o.awsEndpoint).host] : awsServiceHosts()),
          `${agent.hostname}:${agent.port}`,
        ],
        // The SDK reads its settings from AWS_* variables and ~/.aws (the home variables locate
        // it).
        env: ["AWS_*", "_X_AMZN_TRACE_ID", "HOME", "USERPROFILE", "HOMEPATH", "HOMEDRIVE"],
        // The SDK's User-Agent names the OS release.
        sys: ["osRelease"],
      };
    },
  },
  lambda: {
    module: new URL("./lambda/actor.ts", import.meta.url),
    // As ecs, plus the one loopback port its agent listener serves (picked here, before the
    // Worker exists, so the permission can name it) and the execution role's variable.
    permissions: (o) => {
      // SOCKERLESS_LAMBDA_AGENT_PORT keeps it fixed, so agents of functions still running when
      // the daemon restarts redial a port that is listened on again.
      const agent = agentAddress(
        o,
        () =>
          o.lambdaAgentPort ??
            (Number(Deno.env.get("SOCKERLESS_LAMBDA_AGENT_PORT")) || freeLoopbackPort()),
      );
      o.lambdaAgentPort = agent.port;
      const region = Deno.env.get("AWS_REGION");
      if (!o.awsEndpoint && !region) {
        throw new Error("the lambda backend needs AWS_REGION (or --aws-endpoint)");
      }
      const aws = o.awsEndpoint
        ? [new URL(o.awsEndpoint).host]
        : [`lambda.${region}.amazonaws.com`, `logs.${region}.amazonaws.com`];
      return {
        read: [o.dataRoot, ...codeReadRoots(), ...awsConfigDir()],
        write: [o.dataRoot],
        net: [...aws, `${agent.hostname}:${agent.port}`],
        env: [
          "AWS_*",
          "SOCKERLESS_LAMBDA_ROLE",
          "_X_AMZN_TRACE_ID",
          "HOME",
          "USERPROFILE",
          "HOMEPATH",
          "HOMEDRIVE",
        ],
        sys: ["osRelease"],
      };
    },
  },
};

function freeLoopbackPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** The AWS SDK's shared config directory, which it reads for settings not in the environment. */
function awsConfigDir(): string[] {
  const home = Deno.env.get("HOME");
  return home ? [`${home}/.aws`] : [];
}

/** Without `--aws-endpoint`: the regional ECS and CloudWatch Logs endpoints, and no others. */
function awsServiceHosts(): string[] {
  const region = Deno.env.get("AWS_REGION");
  if (!region) throw new Error("the ecs backend needs AWS_REGION (or --aws-endpoint)");
  return [`ecs.${region}.amazonaws.com`, `logs.${region}.amazonaws.com`];
}

/** The backend names `--backend` accepts. */
export const BACKEND_NAMES = Object.keys(kinds);

export interface RunningBackend {
  name: string;
  client: BackendClient;
  ref: ActorRef<BackendRequest>;
  stop(): Promise<void>;
}

/** Spawns the backend actor; rejects with a clear message for an unknown name. */
export async function startBackend(name: string, options: BackendOptions): Promise<RunningBackend> {
  const kind = kinds[name];
  if (!kind) {
    throw new Error(
      `unknown backend ${JSON.stringify(name)}: available: ${BACKEND_NAMES.join(", ")}`,
    );
  }
  const ref = await spawn<BackendRequest, BackendOptions>({
    module: kind.module,
    args: options,
    permissions: kind.permissions(options),
    name: `backend:${name}`,
    pool: false,
  });
  return {
    name,
    client: actorBackendClient(ref),
    ref,
    async stop() {
      await ref.stop();
    },
  };
}

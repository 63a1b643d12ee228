/**
 * The daemon's command line. It is a contract: scripts start the daemon as
 * `deno run -A main.ts --host unix:///dir/x.sock --data-root /dir/data`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { LogLevel } from "./log.ts";

export interface DaemonArgs {
  backend: string;
  hosts: string[];
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  insecureTcp: boolean;
  dataRoot: string;
  /** Host paths containers may bind-mount (absolute); none by default. */
  allowBind: string[];
  /** Registries (host[:port]) reached over plain HTTP, like dockerd's `--insecure-registry`. */
  insecureRegistries: string[];
  /** The AWS API endpoint the ecs backend uses (a simulator); AWS's own endpoints when absent. */
  awsEndpoint?: string;
  /** Where the ecs and lambda backends listen for their workloads' agents (`--agent-listen`). */
  agentListen?: { hostname: string; port: number };
  /** What those agents dial (`--agent-url`): a wss:// proxy in front of a non-loopback listener. */
  agentUrl?: string;
  logLevel: LogLevel;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: sockerless [OPTIONS]

A Docker Engine API daemon: Docker clients talk to it as to Docker; containers run on a backend.

Options:
  --backend NAME        where containers run: memory (default, in-process sandbox), ecs or lambda
                        (AWS ECS Fargate tasks or Lambda functions; see --aws-endpoint)
  --host URL            listen on unix:///path or tcp://addr:port (repeatable)
                        default: /var/run/sockerless.sock as root, else $XDG_RUNTIME_DIR/sockerless.sock
  --tls-cert FILE       server certificate for tcp:// listeners (PEM)
  --tls-key FILE        server key (PEM)
  --tls-ca FILE         CA that client certificates must chain to (mutual TLS)
  --insecure-tcp        allow tcp:// without mutual TLS (anyone who can connect controls the daemon)
  --data-root DIR       state directory (default /var/lib/sockerless as root,
                        else $XDG_DATA_HOME/sockerless or ~/.local/share/sockerless)
  --insecure-registry HOST[:PORT]
                        reach this registry over plain HTTP (repeatable; loopback always is)
  --allow-bind PATH     let containers bind-mount PATH or paths below it (repeatable);
                        by default no host path may be bound
  --aws-endpoint URL    AWS API endpoint for the ecs backend (e.g. http://127.0.0.1:4566 for
                        the simulator); credentials and region come from the AWS_* variables
  --agent-listen HOST:PORT
                        where the ecs and lambda backends listen for the agents their workloads
                        dial back with (default: loopback, port from SOCKERLESS_ECS_AGENT_PORT /
                        SOCKERLESS_LAMBDA_AGENT_PORT or a free one)
  --agent-url URL       what the agents dial (ws:// or wss://); required, and wss://, when
                        --agent-listen is not loopback: put a TLS proxy in front of the listener
  --log-level LEVEL     debug, info, warn or error (default info); logs are JSON lines on stderr
  --help                print this help
  --version             print the version
`;

const LOOPBACK = ["127.0.0.1", "::1", "localhost"];

function parseAgentListen(text: string): { hostname: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[a-zA-Z0-9.-]+):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) {
    throw new Error(`--agent-listen ${text}: expected host:port with a port from 1 to 65535`);
  }
  return { hostname: match[1].replace(/^\[(.*)\]$/, "$1"), port };
}

function parseAgentUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--agent-url ${text}: not a URL`);
  }
  if (url.protocol !== "ws:" && url.protocol !== "wss:") {
    throw new Error(`--agent-url ${text}: expected a ws:// or wss:// URL`);
  }
  return url.href;
}

function isRoot(): boolean {
  return Deno.uid?.() === 0;
}

function defaultHost(env: (name: string) => string | undefined): string {
  if (isRoot()) return "unix:///var/run/sockerless.sock";
  const runtime = env("XDG_RUNTIME_DIR");
  if (!runtime) {
    throw new Error("XDG_RUNTIME_DIR is not set: give the socket with --host unix:///path");
  }
  return `unix://${runtime}/sockerless.sock`;
}

function defaultDataRoot(env: (name: string) => string | undefined): string {
  if (isRoot()) return "/var/lib/sockerless";
  const data = env("XDG_DATA_HOME") ?? (env("HOME") ? `${env("HOME")}/.local/share` : undefined);
  if (!data) throw new Error("neither XDG_DATA_HOME nor HOME is set: give --data-root DIR");
  return `${data}/sockerless`;
}

const levels = ["debug", "info", "warn", "error"];

/** Parses the command line; throws an Error whose message is fit for the user. */
export function parseDaemonArgs(
  argv: string[],
  env: (name: string) => string | undefined = (name) => Deno.env.get(name),
): DaemonArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      backend: { type: "string", default: "memory" },
      host: { type: "string", short: "H", multiple: true },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      "tls-ca": { type: "string" },
      "insecure-tcp": { type: "boolean", default: false },
      "data-root": { type: "string" },
      "allow-bind": { type: "string", multiple: true },
      "insecure-registry": { type: "string", multiple: true },
      "aws-endpoint": { type: "string" },
      "agent-listen": { type: "string" },
      "agent-url": { type: "string" },
      "log-level": { type: "string", default: "info" },
      help: { type: "boolean", short: "h", default: false },
      version: { type: "boolean", short: "v", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const logLevel = values["log-level"]!;
  if (!levels.includes(logLevel)) {
    throw new Error(`--log-level ${logLevel}: expected one of ${levels.join(", ")}`);
  }
  const tls = [values["tls-cert"], values["tls-key"], values["tls-ca"]];
  if (tls.some(Boolean) && !tls.every(Boolean)) {
    throw new Error("mutual TLS needs all of --tls-cert, --tls-key and --tls-ca");
  }
  const agentListen = values["agent-listen"] === undefined
    ? undefined
    : parseAgentListen(values["agent-listen"]);
  const agentUrl = values["agent-url"] === undefined
    ? undefined
    : parseAgentUrl(values["agent-url"]);
  if (agentListen && !LOOPBACK.includes(agentListen.hostname) && !agentUrl?.startsWith("wss:")) {
    throw new Error(
      `--agent-listen ${
        values["agent-listen"]
      }: a listener off loopback needs --agent-url wss://… ` +
        "(agents send their secret; put a TLS proxy in front of the listener)",
    );
  }
  const wantsHelp = values.help! || values.version!;
  return {
    backend: values.backend!,
    hosts: values.host ?? (wantsHelp ? [] : [defaultHost(env)]),
    tlsCert: values["tls-cert"],
    tlsKey: values["tls-key"],
    tlsCa: values["tls-ca"],
    insecureTcp: values["insecure-tcp"]!,
    dataRoot: values["data-root"] ?? (wantsHelp ? "" : defaultDataRoot(env)),
    insecureRegistries: (values["insecure-registry"] ?? []).map((host) => {
      if (!/^[a-zA-Z0-9.-]+(:\d+)?$/.test(host)) {
        throw new Error(`--insecure-registry ${host}: expected host or host:port`);
      }
      return host;
    }),
    allowBind: (values["allow-bind"] ?? []).map((path) => {
      if (!path.startsWith("/")) throw new Error(`--allow-bind ${path}: expected an absolute path`);
      return path.replace(/(.)\/+$/, "$1");
    }),
    awsEndpoint: values["aws-endpoint"] === undefined
      ? undefined
      : new URL(values["aws-endpoint"]).origin,
    agentListen,
    agentUrl,
    logLevel: logLevel as LogLevel,
    help: values.help!,
    version: values.version!,
  };
}

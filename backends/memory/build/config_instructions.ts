/**
 * Dockerfile instructions that only change the image config (CMD, ENTRYPOINT, ENV, EXPOSE,
 * LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL, HEALTHCHECK, SHELL, ONBUILD, MAINTAINER), as moby's
 * dispatchers apply them. The builder uses them for its steps; `docker commit --change` and
 * `docker import --change` use them for their `changes`.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";
import type { ContainerConfig, HealthConfig } from "../../core/images/mod.ts";
import { type Instruction, parseError, parseInstruction } from "./dockerfile_parser.ts";
import { processPairs, processWord, processWords, type Variables } from "./shell_lex.ts";

/** What config instructions read and change. */
export interface ConfigState {
  config: ContainerConfig;
  /** The image author (MAINTAINER). */
  author?: string;
  /** Whether CMD was set in this stage (ENTRYPOINT clears an inherited CMD otherwise). */
  cmdSet: boolean;
  escape: string;
}

export const configInstructions = new Set([
  "cmd",
  "entrypoint",
  "env",
  "expose",
  "label",
  "user",
  "volume",
  "workdir",
  "stopsignal",
  "healthcheck",
  "shell",
  "onbuild",
  "maintainer",
]);

/** moby's `validCommitCommands`: what `--change` may say. */
const commitChanges = new Set([
  "cmd",
  "entrypoint",
  "env",
  "expose",
  "label",
  "onbuild",
  "stopsignal",
  "user",
  "volume",
  "workdir",
]);

const defaultShell = ["/bin/sh", "-c"];

/** The argv of a shell- or exec-form CMD/ENTRYPOINT/RUN. */
export function commandLine(instruction: Instruction, config: ContainerConfig): string[] {
  if (instruction.json) return instruction.json;
  return [...(config.Shell?.length ? config.Shell : defaultShell), instruction.args];
}

/** Go's `time.ParseDuration`, in nanoseconds. */
export function parseGoDuration(text: string): number {
  const units: Record<string, number> = {
    ns: 1,
    us: 1e3,
    "µs": 1e3,
    ms: 1e6,
    s: 1e9,
    m: 60e9,
    h: 3600e9,
  };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  if (text === "0") return 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new InvalidParameter(`time: invalid duration "${text}"`);
    total += Number(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  if (pos === 0) throw new InvalidParameter(`time: invalid duration "${text}"`);
  return Math.round(total);
}

function setEnv(config: ContainerConfig, key: string, value: string) {
  const env = (config.Env ?? []).filter((e) => e.split("=")[0] !== key);
  config.Env = [...env, `${key}=${value}`];
}

/** The variables of the config's Env, for substitution. */
export function envVariables(config: ContainerConfig): Variables {
  const vars: Variables = new Map();
  for (const entry of config.Env ?? []) {
    const cut = entry.indexOf("=");
    if (cut > 0) vars.set(entry.slice(0, cut), entry.slice(cut + 1));
  }
  return vars;
}

function healthcheck(instruction: Instruction, config: ContainerConfig): HealthConfig {
  const { args, flags, line } = instruction;
  const [kind, ...rest] = args.split(/\s+/);
  if (kind.toUpperCase() === "NONE") {
    if (rest.length || flags.length) throw parseError(line, "HEALTHCHECK NONE takes no arguments");
    return { Test: ["NONE"] };
  }
  if (kind.toUpperCase() !== "CMD") {
    throw parseError(line, `Unknown type "${kind}" in HEALTHCHECK (try CMD)`);
  }
  const command = parseInstruction(`CMD ${args.slice(kind.length).trim()}`, line);
  const health: HealthConfig = {
    Test: command.json ? ["CMD", ...command.json] : ["CMD-SHELL", command.args],
  };
  void config;
  for (const { name, value } of flags) {
    const text = String(value);
    switch (name) {
      case "interval":
        health.Interval = parseGoDuration(text);
        break;
      case "timeout":
        health.Timeout = parseGoDuration(text);
        break;
      case "start-period":
        health.StartPeriod = parseGoDuration(text);
        break;
      case "start-interval":
        health.StartInterval = parseGoDuration(text);
        break;
      case "retries":
        health.Retries = Number.parseInt(text, 10);
        if (!(health.Retries >= 0)) throw parseError(line, `invalid --retries value: ${text}`);
        break;
      default:
        throw parseError(line, `unknown flag: --${name}`);
    }
  }
  return health;
}

/**
 * Applies one config instruction. `vars` are the variables substitution sees (Env and build
 * arguments).
 */
export function applyConfigInstruction(
  state: ConfigState,
  instruction: Instruction,
  vars: Variables,
): void {
  const { config, escape } = state;
  const { name, args, line } = instruction;
  const words = () => instruction.json ?? processWords(args, vars, escape);
  if (name !== "healthcheck" && instruction.flags.length) {
    throw parseError(line, `unknown flag: --${instruction.flags[0].name}`);
  }
  switch (name) {
    case "cmd":
      config.Cmd = commandLine(instruction, config);
      state.cmdSet = true;
      return;
    case "entrypoint":
      config.Entrypoint = instruction.json ??
        (args === "" ? null : commandLine(instruction, config));
      if (!state.cmdSet) config.Cmd = null;
      return;
    case "env":
    case "label": {
      const pairs = processPairs(args, vars, escape, true);
      if (pairs.length === 0) {
        throw parseError(line, `${name.toUpperCase()} requires at least one argument`);
      }
      for (const [key, value] of pairs) {
        if (value === undefined) {
          throw parseError(line, `${name.toUpperCase()} must have two arguments`);
        }
        if (name === "env") {
          setEnv(config, key, value);
          vars.set(key, value);
        } else {
          config.Labels = { ...(config.Labels ?? {}), [key]: value };
        }
      }
      return;
    }
    case "expose": {
      const ports = { ...(config.ExposedPorts ?? {}) };
      for (const word of words()) {
        const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(word);
        if (!m) throw parseError(line, `invalid containerPort: ${word}`);
        const proto = (m[3] ?? "tcp").toLowerCase();
        for (let p = Number(m[1]); p <= Number(m[2] ?? m[1]); p++) ports[`${p}/${proto}`] = {};
      }
      config.ExposedPorts = ports;
      return;
    }
    case "user":
      config.User = processWord(args, vars, escape);
      return;
    case "volume": {
      const volumes = { ...(config.Volumes ?? {}) };
      for (const v of words()) {
        if (v.trim() === "") throw parseError(line, "VOLUME specified can not be an empty string");
        volumes[v] = {};
      }
      config.Volumes = volumes;
      return;
    }
    case "workdir": {
      const dir = processWord(args, vars, escape);
      if (!dir) throw parseError(line, "WORKDIR requires exactly one argument");
      const joined = dir.startsWith("/") ? dir : `${config.WorkingDir || "/"}/${dir}`;
      config.WorkingDir = "/" + joined.split("/").filter((p) => p && p !== ".").reduce(
        (acc: string[], p) => (p === ".." ? acc.slice(0, -1) : [...acc, p]),
        [],
      ).join("/");
      return;
    }
    case "stopsignal":
      config.StopSignal = processWord(args, vars, escape);
      return;
    case "healthcheck":
      config.Healthcheck = healthcheck(instruction, config);
      return;
    case "shell":
      if (!instruction.json?.length) {
        throw parseError(line, "SHELL requires the arguments to be in JSON form");
      }
      config.Shell = instruction.json;
      return;
    case "onbuild":
      parseInstruction(args, line); // refuse a bad trigger now, not in the child build
      config.OnBuild = [...(config.OnBuild ?? []), args];
      return;
    case "maintainer":
      state.author = args;
      return;
    default:
      throw new InvalidParameter(`${name.toUpperCase()} does not change the image config`);
  }
}

/**
 * Applies `--change` lines to a config, for commit and import.
 *
 * @example
 * ```ts
 * applyChanges(config, ["CMD [\"sh\"]", "ENV A=1"]);
 * ```
 */
export function applyChanges(config: ContainerConfig, changes: string[]): ContainerConfig {
  const state: ConfigState = { config: { ...config }, cmdSet: false, escape: "\\" };
  for (const change of changes) {
    for (const text of change.split(/\r?\n/).filter((l) => l.trim() !== "")) {
      const instruction = parseInstruction(text, 1);
      if (!commitChanges.has(instruction.name)) {
        throw new InvalidParameter(`${instruction.name} is not a valid change command`);
      }
      applyConfigInstruction(state, instruction, envVariables(state.config));
    }
  }
  return state.config;
}

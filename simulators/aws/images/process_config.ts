/**
 * What a workload runs, from its image's config and the overrides ECS (a container definition's
 * `entryPoint`, `command`, `environment`, `workingDirectory`, `user`) or Lambda (`ImageConfig`'s
 * `EntryPoint`, `Command`, `WorkingDirectory`) give. Both hand these to the container runtime
 * as Docker's create options, so Docker's rule applies: an entrypoint given without a command
 * drops the image's `Cmd`; a command alone runs after the image's `Entrypoint`. The image's `Env`
 * comes first and the workload's variables override it; the working directory defaults to the
 * image's, then `/`; the user to the image's, then root.
 *
 * @module
 */
import type { ContainerConfig } from "../../../backends/core/images/mod.ts";

/** Overrides as the task definition or function configuration gives them. */
export interface ProcessOverrides {
  entryPoint?: string[];
  command?: string[];
  env: Record<string, string>;
  workdir?: string;
  user?: string;
}

/** The process to start. */
export interface ProcessPlan {
  argv: string[];
  env: Record<string, string>;
  workdir: string;
  /** Docker's `User` (name, uid, name:group, uid:gid); "" is root. */
  user: string;
}

/** Docker's PATH for a container whose image sets none. */
const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * Combines `image` with `overrides`. Throws when nothing names a command, in ECS's words for a
 * container that cannot start.
 */
export function processPlan(image: ContainerConfig, overrides: ProcessOverrides): ProcessPlan {
  const entryPoint = overrides.entryPoint?.length ? overrides.entryPoint : (image.Entrypoint ?? []);
  const command = overrides.command?.length
    ? overrides.command
    : overrides.entryPoint?.length
    ? []
    : (image.Cmd ?? []);
  const argv = [...entryPoint, ...command];
  if (argv.length === 0) {
    throw new Error(
      "CannotStartContainerError: failed to create containerd task: no command specified: " +
        "neither the image nor the container definition names an entrypoint or a command",
    );
  }
  const env: Record<string, string> = {};
  for (const pair of image.Env ?? []) {
    const at = pair.indexOf("=");
    if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  Object.assign(env, overrides.env);
  env.PATH ??= DEFAULT_PATH;
  return {
    argv,
    env,
    workdir: overrides.workdir || image.WorkingDir || "/",
    user: overrides.user ?? image.User ?? "",
  };
}

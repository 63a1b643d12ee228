/**
 * Legacy `--link target:alias` environment, as moby's `daemon/links` builds it when the linking
 * container starts: ALIAS_NAME, ALIAS_PORT and ALIAS_PORT_<port>_<PROTO>{,_ADDR,_PORT,_PROTO}
 * for each port the target exposes, and ALIAS_ENV_<KEY> for the target's environment.
 *
 * @module
 */
import { Conflict } from "../core/errors.ts";
import type { Container } from "./container.ts";
import { formatIPv4 } from "./network_ipam.ts";
import { networksOf } from "./network_store.ts";
import type { MemoryBackendState } from "./state.ts";

const started = new WeakMap<Container, string[]>();

/** The link environment computed when the container last started, for its execs (as moby). */
export function linkEnvironmentOf(c: Container): string[] {
  return started.get(c) ?? [];
}

/** The environment a container's legacy links give it; Conflict when a target is not running. */
export function linkEnvironment(state: MemoryBackendState, c: Container): string[] {
  const env: string[] = [];
  for (const link of c.hostConfig.Links ?? []) {
    const [targetRef, aliasPath] = link.replace(/^\//, "").split(":");
    const aliasName = (aliasPath ?? targetRef).split("/").pop()!;
    const target = state.containers.get(targetRef);
    if (!target.running) {
      throw new Conflict(
        `Cannot link to a non running container: /${target.name} AS /${c.name}/${aliasName}`,
      );
    }
    const endpoint = networksOf(state).of(target.id).map((n) => n.endpoints.get(target.id)!)
      .find((e) => e.address);
    const ip = endpoint ? formatIPv4(endpoint.address) : "";
    const alias = aliasName.toUpperCase().replaceAll("-", "_");
    env.push(`${alias}_NAME=/${c.name}/${aliasName}`);
    const ports = Object.keys(target.config.ExposedPorts ?? {})
      .map((key) => {
        const [port, proto = "tcp"] = key.split("/");
        return { port: Number(port), proto };
      })
      .sort((a, b) => a.port - b.port || a.proto.localeCompare(b.proto));
    if (ports.length) env.push(`${alias}_PORT=${ports[0].proto}://${ip}:${ports[0].port}`);
    for (const { port, proto } of ports) {
      const prefix = `${alias}_PORT_${port}_${proto.toUpperCase()}`;
      env.push(
        `${prefix}=${proto}://${ip}:${port}`,
        `${prefix}_ADDR=${ip}`,
        `${prefix}_PORT=${port}`,
        `${prefix}_PROTO=${proto}`,
      );
    }
    for (const entry of target.config.Env ?? []) {
      const cut = entry.indexOf("=");
      if (cut < 0) continue;
      const name = entry.slice(0, cut);
      // As moby: variables every image has say nothing about the link.
      if (name === "HOME" || name === "PATH") continue;
      env.push(`${alias}_ENV_${name}=${entry.slice(cut + 1)}`);
    }
  }
  started.set(c, env);
  return env;
}

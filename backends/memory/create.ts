/**
 * `docker create` on the memory backend: resolve the image, merge its config under the
 * request's as Docker does, refuse what the sandbox cannot honour (naming the field), pick or
 * check the name, and start the container actor that will own its filesystem.
 *
 * @module
 */
import type { ContainerConfig, ContainerCreateBody, HostConfig } from "../core/container_types.ts";
import { Conflict, InvalidParameter, NotImplemented } from "../core/errors.ts";
import type { ImageRecord } from "../core/images/mod.ts";
import { checkName, newId, randomName } from "../core/names.ts";
import { Container } from "./container.ts";
import { imageRootSource } from "./image_rootfs.ts";
import { attachMounts, discardMounts, prepareMounts, releaseMounts } from "./mounts.ts";
import { attachEndpoints, detachAll, planEndpoints } from "./network_endpoints.ts";
import { checkPortBindings } from "./network_ports.ts";
import { hostsFor, resolvConfFor } from "./network_settings.ts";
import { joinVirtualNetwork, switchboardOf } from "./network_vnet.ts";
import { checkRestartPolicy } from "./restart_policy.ts";
import type { MemoryBackendState } from "./state.ts";

export const BUILTIN_LABEL = "io.sockerless.builtin";
export const SANDBOX_RUNTIME = "sockerless-sandbox";

/** Merges `KEY=VALUE` lists; later entries replace earlier ones with the same key. */
export function mergeEnv(...lists: (string[] | null | undefined)[]): string[] {
  const merged = new Map<string, string>();
  for (const list of lists) {
    for (const entry of list ?? []) {
      const cut = entry.indexOf("=");
      merged.set(cut < 0 ? entry : entry.slice(0, cut), entry);
    }
  }
  return [...merged.values()];
}

/** The request's config over the image's, as moby's `merge` does. */
function mergeConfig(body: ContainerCreateBody, image: ImageRecord): ContainerConfig {
  const { HostConfig: _h, NetworkingConfig: _n, ...config } = body;
  const base = image.config.config ?? {};
  const merged: ContainerConfig = { ...config };
  merged.Env = mergeEnv(base.Env, config.Env);
  // moby's merge: the docker CLI sends `"Entrypoint": null` when --entrypoint is not given.
  if (!config.Entrypoint?.length) {
    if (!config.Cmd?.length) merged.Cmd = base.Cmd ?? null;
    if (config.Entrypoint == null) merged.Entrypoint = base.Entrypoint ?? null;
  }
  merged.WorkingDir = config.WorkingDir || base.WorkingDir || "";
  merged.User = config.User || base.User || "";
  merged.Labels = { ...(base.Labels ?? {}), ...(config.Labels ?? {}) };
  merged.StopSignal = config.StopSignal || base.StopSignal || undefined;
  merged.ExposedPorts = { ...(base.ExposedPorts ?? {}), ...(config.ExposedPorts ?? {}) };
  merged.Volumes = { ...(base.Volumes ?? {}), ...(config.Volumes ?? {}) };
  merged.Healthcheck =
    (config.Healthcheck ?? base.Healthcheck ?? null) as ContainerConfig["Healthcheck"];
  merged.Image = config.Image;
  return merged;
}

/** HostConfig fields that change semantics and that this backend cannot honour yet. */
function refuseUnsupported(host: HostConfig): void {
  const refuse = (field: string, why: string) => {
    throw new NotImplemented(`memory backend: ${field} is not supported: ${why}`);
  };
  if (host.Privileged) refuse("HostConfig.Privileged", "sandboxed containers have no privileges");
  if (host.Memory) refuse("HostConfig.Memory", "the sandbox cannot enforce memory limits");
  if (host.NanoCpus) refuse("HostConfig.NanoCpus", "the sandbox cannot enforce CPU limits");
  if (host.Runtime && host.Runtime !== SANDBOX_RUNTIME) {
    throw new InvalidParameter(
      `unknown or invalid runtime name: ${host.Runtime} (the memory backend runs ${SANDBOX_RUNTIME})`,
    );
  }
}

/** Creates the container; replies with its id. */
export async function createContainer(
  state: MemoryBackendState,
  request: { name?: string; body: ContainerCreateBody },
): Promise<{ Id: string; Warnings: string[] }> {
  const body = request.body;
  if (!body || typeof body !== "object") throw new InvalidParameter("config cannot be empty");
  if (!body.Image) throw new InvalidParameter("No image specified (Config.Image is empty)");
  const host: HostConfig = { NetworkMode: "default", ...(body.HostConfig ?? {}) };
  // Logs are kept by the backend and served by `docker logs`, as Docker's "local" driver does.
  if (!host.LogConfig?.Type) host.LogConfig = { Type: "local", Config: {} };
  if (!["local", "json-file"].includes(host.LogConfig.Type)) {
    throw new NotImplemented(
      `memory backend: HostConfig.LogConfig.Type=${host.LogConfig.Type} is not supported: ` +
        "container logs are kept by the backend (the local driver)",
    );
  }
  refuseUnsupported(host);
  checkRestartPolicy(host);
  checkPortBindings(host);
  const { image } = state.images.resolve(body.Image);
  const config = mergeConfig(body, image);
  const argv = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  if (argv.length === 0) throw new InvalidParameter("No command specified");
  const name = request.name ? checkName(request.name) : uniqueName(state);
  const holder = state.containers.byName(name);
  if (holder) {
    throw new Conflict(
      `Conflict. The container name "/${name}" is already in use by container "${holder.id}". ` +
        "You have to remove (or rename) that container to be able to reuse that name.",
    );
  }
  const endpoints = planEndpoints(state, host.NetworkMode, body.NetworkingConfig?.EndpointsConfig);
  for (const link of host.Links ?? []) state.containers.get(link.replace(/^\//, "").split(":")[0]);
  const mounts = await prepareMounts(state, host, config);
  const id = newId();
  config.Hostname = config.Hostname || id.slice(0, 12);
  const actor = await (async () => {
    attachEndpoints(state, id, name, endpoints);
    const hosts = hostsFor(state, {
      id,
      hostname: config.Hostname!,
      extraHosts: host.ExtraHosts ?? [],
      links: host.Links ?? [],
    });
    return await state.spawnContainer({
      id,
      hostname: config.Hostname!,
      hosts,
      resolvConf: resolvConfFor(state, id),
      image: await imageRootSource(state.images, image),
      ncpu: state.options.ncpu,
      memTotal: state.options.memTotal,
    });
  })().catch(async (error) => {
    detachAll(state, id, { quiet: true });
    await discardMounts(state, mounts);
    throw error;
  });
  // `docker ps` shows the image as the user named it (moby keeps Config.Image verbatim).
  const imageName = body.Image;
  const container = new Container(
    id,
    name,
    new Date(),
    config,
    host,
    { id: image.id, name: imageName },
    argv[0],
    argv.slice(1),
    actor,
  );
  try {
    joinVirtualNetwork(state, id, actor);
    await attachMounts(container, actor, mounts);
  } catch (error) {
    await actor.stop().catch(() => {});
    await releaseMounts(state, container, { removeAnonymous: true });
    detachAll(state, id, { quiet: true });
    switchboardOf(state).leave(id);
    throw error;
  }
  state.containers.add(container);
  state.events.publish("container", "create", { ID: id, Attributes: container.eventAttributes() });
  return { Id: id, Warnings: [] };
}

function uniqueName(state: MemoryBackendState): string {
  for (let i = 0; i < 100; i++) {
    const name = randomName();
    if (!state.containers.byName(name)) return name;
  }
  throw new Error("could not pick a free container name");
}

/**
 * A container's filesystem: the shared built-in root layer, then a small per-container init
 * layer with /etc/hostname and /etc/hosts (Docker's init layer: part of the image side, so
 * `docker diff` does not list them), then the container's own writable layer, with /proc and
 * /dev mounted.
 *
 * @module
 */
import {
  type ContainerFileSystem,
  createFileSystem,
  type Layer,
  LayerBuilder,
  type ProcessTable,
  type SystemInfo,
} from "../../../sandbox/mod.ts";
import { builtinRootLayer } from "./root_layer.ts";

/**
 * Docker's /etc/hosts for a container without a network endpoint: the loopback names, and the
 * hostname on loopback, since the sandbox has no address of its own for it.
 */
export function hostsFile(hostname: string): string {
  return [
    "127.0.0.1\tlocalhost",
    "::1\tlocalhost ip6-localhost ip6-loopback",
    "fe00::\tip6-localnet",
    "ff00::\tip6-mcastprefix",
    "ff02::1\tip6-allnodes",
    "ff02::2\tip6-allrouters",
    `127.0.0.1\t${hostname}`,
    "",
  ].join("\n");
}

export async function createContainerRoot(options: {
  hostname: string;
  /** /etc/hosts as the backend wrote it for the container's networks. */
  hosts?: string;
  /** /etc/resolv.conf for the container's networks. */
  resolvConf?: string;
  system: SystemInfo;
  processes: ProcessTable;
  /** The image's top layer; the built-in root layer when not given. */
  image?: Layer;
}): Promise<ContainerFileSystem> {
  const init = new LayerBuilder(options.image ?? await builtinRootLayer());
  const text = (s: string) => new TextEncoder().encode(s);
  init.file("etc/hostname", text(`${options.hostname}\n`), { mode: 0o644 });
  init.file("etc/hosts", text(options.hosts ?? hostsFile(options.hostname)), { mode: 0o644 });
  if (options.resolvConf) init.file("etc/resolv.conf", text(options.resolvConf), { mode: 0o644 });
  return await createFileSystem({
    image: init.finish(),
    system: options.system,
    processes: options.processes,
  });
}

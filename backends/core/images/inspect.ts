/**
 * `docker image inspect` and `docker history` as the Engine API answers them (API 1.44 shape:
 * no `Container`/`ContainerConfig`/`VirtualSize`).
 *
 * @module
 */
import type { ImageRecord } from "./image_record.ts";
import { zeroTime } from "./image_record.ts";
import type { ContainerConfig } from "./oci.ts";
import { familiarString, parseReference } from "./reference.ts";

/** The body of `GET /images/{name}/json`. */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  DockerVersion: string;
  Author: string;
  Config: Record<string, unknown>;
  /** Deprecated, still part of API 1.44 (removed in 1.45); docker-compose v1 reads it. */
  Container: string;
  ContainerConfig: Record<string, unknown>;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  Size: number;
  GraphDriver: { Name: string; Data: null };
  RootFS: { Type: string; Layers: string[] };
  Metadata: { LastTagTime: string };
}

/** One entry of `GET /images/{name}/history`, newest first. */
export interface HistoryItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

const familiar = (ref: string) => familiarString(parseReference(ref));

/**
 * Renders an image the way `docker image inspect` receives it.
 *
 * @example
 * ```ts
 * const { image } = store.resolve("busybox");
 * inspectImage(image).Config.Cmd; // ["sh"]
 * ```
 */
export function inspectImage(image: ImageRecord): ImageInspect {
  const config = image.config;
  return {
    Id: image.id,
    RepoTags: image.repoTags.map(familiar),
    RepoDigests: image.repoDigests.map(familiar),
    Parent: "",
    Comment: config.comment ?? "",
    Created: config.created ?? zeroTime,
    DockerVersion: config.docker_version ?? "",
    Author: config.author ?? "",
    Config: containerConfig(config.config ?? {}),
    // The build container's config (legacy image JSON); empty when the image has none, as
    // dockerd 25 renders it.
    Container: (config as { container?: string }).container ?? "",
    ContainerConfig: containerConfig(
      (config as { container_config?: ContainerConfig }).container_config ?? {},
    ),
    Architecture: config.architecture,
    ...(config.variant && { Variant: config.variant }),
    Os: config.os,
    ...(config["os.version"] && { OsVersion: config["os.version"] }),
    Size: image.size,
    // Layers live in this store and become sandbox layers; there is no graph driver.
    GraphDriver: { Name: "sockerless", Data: null },
    RootFS: { Type: "layers", Layers: config.rootfs.diff_ids },
    Metadata: { LastTagTime: image.lastTagTime ?? zeroTime },
  };
}

// The image's runtime config in the container.Config shape the docker CLI decodes.
function containerConfig(config: ContainerConfig): Record<string, unknown> {
  return {
    Hostname: "",
    Domainname: "",
    User: config.User ?? "",
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ...(config.ExposedPorts && { ExposedPorts: config.ExposedPorts }),
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: config.Env ?? null,
    Cmd: config.Cmd ?? null,
    ...(config.Healthcheck && { Healthcheck: config.Healthcheck }),
    ...(config.ArgsEscaped && { ArgsEscaped: true }),
    Image: "",
    Volumes: config.Volumes ?? null,
    WorkingDir: config.WorkingDir ?? "",
    Entrypoint: config.Entrypoint ?? null,
    OnBuild: config.OnBuild ?? null,
    Labels: config.Labels ?? null,
    ...(config.StopSignal && { StopSignal: config.StopSignal }),
    ...(config.Shell && { Shell: config.Shell }),
  };
}

/**
 * Renders `docker history`: one entry per config history entry, newest first; entries that
 * made a layer carry its uncompressed size; only the newest carries the image ID and tags.
 */
export function imageHistory(image: ImageRecord): HistoryItem[] {
  const history = image.config.history ?? [];
  const items: HistoryItem[] = [];
  let layer = 0;
  for (const entry of history) {
    const size = entry.empty_layer ? 0 : image.layers[layer++]?.uncompressedSize ?? 0;
    items.push({
      Id: "<missing>",
      Created: Math.max(0, Math.floor(Date.parse(entry.created ?? zeroTime) / 1000)),
      CreatedBy: entry.created_by ?? "",
      Tags: null,
      Size: size,
      Comment: entry.comment ?? "",
    });
  }
  if (items.length === 0) {
    // An image without history (imported, hand-made) still has its layers.
    for (const l of image.layers) {
      items.push({
        Id: "<missing>",
        Created: Math.max(0, Math.floor(Date.parse(image.created) / 1000)),
        CreatedBy: "",
        Tags: null,
        Size: l.uncompressedSize,
        Comment: "",
      });
    }
  }
  items.reverse();
  if (items.length > 0) {
    items[0].Id = image.id;
    items[0].Tags = image.repoTags.map(familiar);
  }
  return items;
}

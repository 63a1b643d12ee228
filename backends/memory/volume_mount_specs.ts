/**
 * A container's mounts as the API gives them, read into one list: `HostConfig.Binds`
 * (`src:dst[:opts]`), `HostConfig.Mounts` (`--mount`), `HostConfig.Tmpfs` and the anonymous
 * volumes of `Config.Volumes` (image VOLUME and `-v /path`). Parsing follows moby's
 * `volume/mounts/linux_parser.go`; nothing here touches the disk.
 *
 * @module
 */
import type { ContainerConfig, HostConfig } from "../core/container_types.ts";
import { InvalidParameter, NotImplemented } from "../core/errors.ts";

export interface RequestedMount {
  type: "bind" | "volume" | "tmpfs";
  /** Absolute host path (bind), volume name (empty: anonymous), or "" (tmpfs). */
  source: string;
  target: string;
  readOnly: boolean;
  /** The mode string inspect shows ("ro,z", "" …). */
  mode: string;
  /** `nocopy`: no copy-up of image content into a new volume. */
  noCopy: boolean;
  /** Bind from `--mount`: the source must exist (Binds create it). */
  mustExist: boolean;
  /** Whether inspect lists it (HostConfig.Tmpfs mounts are not listed, as in moby). */
  listed: boolean;
  tmpfs?: { sizeBytes?: number; mode?: number };
  labels?: Record<string, string>;
}

const PROPAGATION = ["private", "rprivate", "shared", "rshared", "slave", "rslave"];
const BIND_MODES = ["ro", "rw", "z", "Z", "nocopy", "consistent", "cached", "delegated"];

function absolute(path: string, what: string): string {
  if (!path.startsWith("/")) {
    throw new InvalidParameter(`invalid mount config: ${what} must be an absolute path: ${path}`);
  }
  const parts: string[] = [];
  for (const p of path.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  if (parts.length === 0 && what === "destination") {
    throw new InvalidParameter("invalid mount config: destination can't be '/'");
  }
  return `/${parts.join("/")}`;
}

/** One `HostConfig.Binds` entry: `dst`, `src:dst` or `src:dst:mode`. */
export function parseBind(spec: string): RequestedMount {
  const parts = spec.split(":");
  if (parts.length > 3 || parts.some((p) => p === "")) {
    throw new InvalidParameter(`invalid volume specification: '${spec}'`);
  }
  const [src, dst, mode = ""] = parts.length === 1 ? ["", parts[0]] : parts;
  const modes = mode ? mode.split(",") : [];
  for (const m of modes) {
    if (!BIND_MODES.includes(m) && !PROPAGATION.includes(m)) {
      throw new InvalidParameter(`invalid mode: ${m}`);
    }
  }
  const isBind = src.startsWith("/");
  if (src && !isBind && src.includes("/")) {
    throw new InvalidParameter(`invalid volume specification: '${spec}'`);
  }
  return {
    type: isBind ? "bind" : "volume",
    source: isBind ? absolute(src, "source") : src,
    target: absolute(dst, "destination"),
    readOnly: modes.includes("ro"),
    mode,
    noCopy: modes.includes("nocopy"),
    mustExist: false,
    listed: true,
  };
}

interface ApiMount {
  Type?: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string>;
    DriverConfig?: { Name?: string; Options?: Record<string, string> | null } | null;
  };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

/** One `HostConfig.Mounts` entry (`--mount type=…`). */
export function parseApiMount(raw: unknown): RequestedMount {
  const m = (raw ?? {}) as ApiMount;
  if (!m.Target) throw new InvalidParameter("invalid mount config: Target must not be empty");
  const target = absolute(m.Target, "destination");
  const base = { target, readOnly: Boolean(m.ReadOnly), mode: "", noCopy: false, listed: true };
  switch (m.Type) {
    case "bind":
      if (!m.Source) {
        throw new InvalidParameter(
          'invalid mount config for type "bind": field Source must not be empty',
        );
      }
      return { ...base, type: "bind", source: absolute(m.Source, "source"), mustExist: true };
    case "volume": {
      const driver = m.VolumeOptions?.DriverConfig ?? {};
      // The CLI sends an empty DriverConfig with other volume options; only a real one is refused.
      if (driver.Name && driver.Name !== "local" || Object.keys(driver.Options ?? {}).length) {
        throw new NotImplemented(
          "memory backend: volume driver configuration (volume-driver, volume-opt) is not supported",
        );
      }
      return {
        ...base,
        type: "volume",
        source: m.Source ?? "",
        noCopy: Boolean(m.VolumeOptions?.NoCopy),
        mustExist: false,
        labels: m.VolumeOptions?.Labels,
      };
    }
    case "tmpfs":
      if (m.Source) {
        throw new InvalidParameter(
          'invalid mount config for type "tmpfs": field Source must be empty',
        );
      }
      return {
        ...base,
        type: "tmpfs",
        source: "",
        mustExist: false,
        tmpfs: { sizeBytes: m.TmpfsOptions?.SizeBytes, mode: m.TmpfsOptions?.Mode },
      };
    default:
      throw new NotImplemented(
        `memory backend: mount type ${JSON.stringify(m.Type)} is not supported ` +
          "(bind, volume and tmpfs are)",
      );
  }
}

/** A tmpfs size as mount(8) takes it: bytes, or with a k, m or g suffix. */
export function parseTmpfsSize(raw: string): number {
  const match = /^(\d+)([kmg]?)$/i.exec(raw);
  if (!match) throw new InvalidParameter(`invalid tmpfs size: ${raw}`);
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase()]!;
  return Number(match[1]) * unit;
}

/** One `HostConfig.Tmpfs` entry: `{"/run": "size=64m,mode=1777"}`. */
export function parseTmpfs(target: string, options: string): RequestedMount {
  const tmpfs: { sizeBytes?: number; mode?: number } = {};
  let readOnly = false;
  for (const option of options.split(",").filter(Boolean)) {
    const [key, value = ""] = option.split("=");
    if (key === "size") tmpfs.sizeBytes = parseTmpfsSize(value);
    else if (key === "mode") tmpfs.mode = parseInt(value, 8);
    else if (key === "ro") readOnly = true;
    else if (!["rw", "exec", "noexec", "nosuid", "suid", "nodev", "dev"].includes(key)) {
      throw new InvalidParameter(`invalid tmpfs option ${JSON.stringify(option)}`);
    }
  }
  return {
    type: "tmpfs",
    source: "",
    target: absolute(target, "destination"),
    readOnly,
    mode: options,
    noCopy: false,
    mustExist: false,
    listed: false,
    tmpfs,
  };
}

/**
 * Every mount the container asks for; a destination given twice is a 400 (moby's "Duplicate
 * mount point"). `Config.Volumes` destinations not covered become anonymous volumes.
 */
export function requestedMounts(host: HostConfig, config: ContainerConfig): RequestedMount[] {
  const mounts: RequestedMount[] = [
    ...(host.Binds ?? []).map(parseBind),
    ...(host.Mounts ?? []).map(parseApiMount),
    ...Object.entries(host.Tmpfs ?? {}).map(([target, o]) => parseTmpfs(target, o ?? "")),
  ];
  const seen = new Set<string>();
  for (const m of mounts) {
    if (seen.has(m.target)) throw new InvalidParameter(`Duplicate mount point: ${m.target}`);
    seen.add(m.target);
  }
  for (const target of Object.keys(config.Volumes ?? {})) {
    const dst = absolute(target, "destination");
    if (seen.has(dst)) continue;
    seen.add(dst);
    mounts.push({
      type: "volume",
      source: "",
      target: dst,
      readOnly: false,
      mode: "",
      noCopy: false,
      mustExist: false,
      listed: true,
    });
  }
  return mounts;
}

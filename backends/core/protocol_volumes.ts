/**
 * Backend calls for volumes: create, list, inspect, remove and prune, in moby's shapes
 * (`api/types/volume`).
 *
 * @module
 */
import type { Filters } from "./filters.ts";

/** A volume as `GET /volumes/{name}` shows it (volume.Volume). */
export interface Volume {
  Name: string;
  Driver: string;
  /** Where the volume's data lives on the daemon's host. */
  Mountpoint: string;
  CreatedAt: string;
  Labels: Record<string, string>;
  Scope: "local";
  Options: Record<string, string>;
  /** Only in `docker system df`: size and how many containers use it. */
  UsageData?: { Size: number; RefCount: number } | null;
}

/** The body of `POST /volumes/create` (volume.CreateOptions). */
export interface VolumeCreateBody {
  Name?: string;
  Driver?: string;
  DriverOpts?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** The label moby puts on volumes created for a container's anonymous mounts. */
export const ANONYMOUS_VOLUME_LABEL = "com.docker.volume.anonymous";

export interface VolumeCalls {
  "volume.create": { request: { body: VolumeCreateBody }; reply: Volume };
  "volume.list": {
    request: { filters: Filters };
    reply: { Volumes: Volume[]; Warnings: string[] };
  };
  "volume.inspect": { request: { name: string }; reply: Volume };
  /** 409 while a container uses it (even with `force`, as moby does). */
  "volume.remove": { request: { name: string; force: boolean }; reply: void };
  /** Without `all=true` only anonymous volumes are pruned (API 1.42 and later). */
  "volume.prune": {
    request: { filters: Filters };
    reply: { VolumesDeleted: string[]; SpaceReclaimed: number };
  };
}

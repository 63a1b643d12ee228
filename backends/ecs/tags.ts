/**
 * The ecs backend's tags: every task definition and task carries the container's identity
 * (backends/core/cloud/tags.ts), in ECS's key/value list, and the tasks of a removed container
 * are marked so, since ECS keeps stopped tasks listed for a while.
 *
 * @module
 */
import type { Tag } from "@aws-sdk/client-ecs";
import {
  type ContainerIdentity,
  IDENTITY_TAG,
  identityOf as identityIn,
  identityTags as identityRecord,
} from "../core/cloud/mod.ts";

export const TAG = {
  ...IDENTITY_TAG,
  /** Set on every task of a removed container: ECS keeps stopped tasks listed for a while. */
  removed: "sockerless-removed",
} as const;

export function identityTags(c: ContainerIdentity): Tag[] {
  return Object.entries(identityRecord(c)).map(([key, value]) => ({ key, value }));
}

/** The identity in a resource's tags, or undefined when the resource is not a live container's. */
export function identityOf(tags: Tag[] | undefined): ContainerIdentity | undefined {
  const record = Object.fromEntries((tags ?? []).map((t) => [t.key ?? "", t.value ?? ""]));
  if (record[TAG.removed] === "true") return undefined;
  return identityIn(record);
}

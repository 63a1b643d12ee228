/**
 * The tags that make the cloud the ecs backend's state: every task definition and task carries
 * the container's identity, so a listing (or a restarted daemon) finds containers by scanning
 * tags, never by remembering them.
 *
 * @module
 */
import type { Tag } from "@aws-sdk/client-ecs";

export const TAG = {
  managed: "sockerless-managed",
  id: "sockerless-container-id",
  name: "sockerless-name",
  created: "sockerless-created",
  image: "sockerless-image",
  autoRemove: "sockerless-auto-remove",
  /** Set on every task of a removed container: ECS keeps stopped tasks listed for a while. */
  removed: "sockerless-removed",
} as const;

/** What the tags say about a container. */
export interface ContainerIdentity {
  id: string;
  name: string;
  /** Milliseconds since the epoch. */
  created: number;
  image: string;
  autoRemove: boolean;
}

export function identityTags(c: ContainerIdentity): Tag[] {
  return [
    { key: TAG.managed, value: "true" },
    { key: TAG.id, value: c.id },
    { key: TAG.name, value: c.name },
    { key: TAG.created, value: String(c.created) },
    { key: TAG.image, value: c.image },
    { key: TAG.autoRemove, value: String(c.autoRemove) },
  ];
}

/** The identity in a resource's tags, or undefined when the resource is not a live container's. */
export function identityOf(tags: Tag[] | undefined): ContainerIdentity | undefined {
  const map = new Map((tags ?? []).map((t) => [t.key, t.value ?? ""]));
  if (map.get(TAG.managed) !== "true" || map.get(TAG.removed) === "true") return undefined;
  const id = map.get(TAG.id);
  if (!id) return undefined;
  return {
    id,
    name: map.get(TAG.name) ?? id.slice(0, 12),
    created: Number(map.get(TAG.created) ?? 0),
    image: map.get(TAG.image) ?? "",
    autoRemove: map.get(TAG.autoRemove) === "true",
  };
}

/**
 * The tags that make the cloud a backend's state: every resource that stands for a container
 * carries its identity, so a listing (or a restarted daemon) finds containers by scanning tags,
 * never by remembering them. Backends add their own tags beside these (run marks, removal).
 *
 * @module
 */

export const IDENTITY_TAG = {
  managed: "sockerless-managed",
  id: "sockerless-container-id",
  name: "sockerless-name",
  created: "sockerless-created",
  image: "sockerless-image",
  autoRemove: "sockerless-auto-remove",
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

export function identityTags(c: ContainerIdentity): Record<string, string> {
  return {
    [IDENTITY_TAG.managed]: "true",
    [IDENTITY_TAG.id]: c.id,
    [IDENTITY_TAG.name]: c.name,
    [IDENTITY_TAG.created]: String(c.created),
    [IDENTITY_TAG.image]: c.image,
    [IDENTITY_TAG.autoRemove]: String(c.autoRemove),
  };
}

/** The identity in a resource's tags, or undefined when the resource is not a container's. */
export function identityOf(
  tags: Record<string, string> | undefined,
): ContainerIdentity | undefined {
  if (tags?.[IDENTITY_TAG.managed] !== "true" || !tags[IDENTITY_TAG.id]) return undefined;
  const id = tags[IDENTITY_TAG.id];
  return {
    id,
    name: tags[IDENTITY_TAG.name] ?? id.slice(0, 12),
    created: Number(tags[IDENTITY_TAG.created] ?? 0),
    image: tags[IDENTITY_TAG.image] ?? "",
    autoRemove: tags[IDENTITY_TAG.autoRemove] === "true",
  };
}

/**
 * `docker rmi` with moby's rules (`daemon/images/image_delete.go`): removing by name untags
 * first and deletes only when no reference is left; removing by ID deletes unless the image is
 * tagged in several repositories; containers using the image block deletion (409), stopped ones
 * only without `force`. Whether a container uses an image is the caller's fact, asked through
 * the `usage` hook.
 *
 * @module
 */
import { Conflict } from "../errors.ts";
import { shortId } from "./digest.ts";
import { chainIds, type ImageRecord, isDangling } from "./image_record.ts";
import type { ImageStore } from "./image_store.ts";
import { familiarString, parseReference } from "./reference.ts";

/** A container that uses an image. */
export interface ImageUser {
  id: string;
  running: boolean;
}

/** Tells which containers use an image (by image ID). */
export type ImageUsage = (imageId: string) => ImageUser[] | Promise<ImageUser[]>;

/** Options of {@link removeImage}. */
export interface RemoveOptions {
  force?: boolean;
  usage: ImageUsage;
}

/** One line of `DELETE /images/{name}`'s answer. */
export type ImageDeleteItem = { Untagged: string } | { Deleted: string };

interface DeleteConflict {
  hard: boolean;
  used: boolean;
  message: string;
}

const hardConflicts = { running: true, activeReference: false, stopped: false };
type Mask = { running: boolean; activeReference: boolean; stopped: boolean };

/**
 * Removes an image reference or an image, answering what `DELETE /images/{name}` answers.
 *
 * @example
 * ```ts
 * await removeImage(store, "alpine", { usage: () => [] });
 * // [{ Untagged: "alpine:latest" }, { Deleted: "sha256:…" }, …]
 * ```
 */
export async function removeImage(
  store: ImageStore,
  nameOrId: string,
  options: RemoveOptions,
): Promise<ImageDeleteItem[]> {
  const force = options.force ?? false;
  const { image, reference } = store.resolve(nameOrId);
  const users = await options.usage(image.id);
  const records: ImageDeleteItem[] = [];
  const untag = async (name: string) => {
    await store.removeReference(name);
    records.push({ Untagged: familiarString(parseReference(name)) });
  };
  const name = reference && nameOf(reference);
  const byName = name !== undefined && referencesOf(image).includes(name) &&
    !image.id.startsWith(nameOrId) && !image.id.startsWith(`sha256:${nameOrId}`);
  let quiet = false;
  if (byName) {
    if (!force && isSingleReference(referencesOf(image)) && users.length > 0) {
      throw new Conflict(
        `conflict: unable to remove repository reference "${nameOrId}" (must force) - container ` +
          `${shortId(users[0].id)} is using its referenced image ${shortId(image.id)}`,
      );
    }
    await untag(name);
    let remaining = referencesOf(store.get(image.id)!);
    if (!name.includes("@")) {
      const repository = repositoryOf(name);
      const tagLeft = remaining.some((r) => !r.includes("@") && repositoryOf(r) === repository);
      if (!tagLeft) {
        for (
          const digest of remaining.filter((r) => r.includes("@") && repositoryOf(r) === repository)
        ) {
          await untag(digest);
        }
        remaining = referencesOf(store.get(image.id)!);
      }
    }
    if (remaining.length > 0) return records;
    quiet = true;
  } else if (isSingleReference(referencesOf(image))) {
    const mask = force ? hardConflicts : { running: true, activeReference: false, stopped: true };
    const conflict = findConflict(image, users, mask);
    if (conflict) throw conflictError(image, conflict);
    for (const ref of referencesOf(image)) await untag(ref);
  }
  const current = store.get(image.id)!;
  const mask = force ? hardConflicts : { running: true, activeReference: true, stopped: true };
  const conflict = findConflict(current, users, mask);
  if (conflict) {
    if (quiet && (!isDangling(current) || conflict.used)) return records;
    throw conflictError(current, conflict);
  }
  for (const ref of referencesOf(current)) await untag(ref);
  const deleted = new Set(await store.deleteImage(image.id));
  records.push({ Deleted: image.id });
  const chain = chainIds(image.layers.map((layer) => layer.diffId));
  for (let i = image.layers.length - 1; i >= 0; i--) {
    if (deleted.has(image.layers[i].digest)) records.push({ Deleted: chain[i] });
  }
  return records;
}

function nameOf(reference: { domain: string; path: string; tag?: string; digest?: string }) {
  const repository = `${reference.domain}/${reference.path}`;
  return reference.digest ? `${repository}@${reference.digest}` : `${repository}:${reference.tag}`;
}

function referencesOf(image: ImageRecord): string[] {
  return [...image.repoTags, ...image.repoDigests];
}

function repositoryOf(name: string): string {
  const at = name.indexOf("@");
  if (at >= 0) return name.slice(0, at);
  const colon = name.lastIndexOf(":");
  return colon > name.lastIndexOf("/") ? name.slice(0, colon) : name;
}

// moby's isSingleReference: at most one tag, and every digest reference in that tag's repository.
function isSingleReference(refs: string[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  const tags = refs.filter((r) => !r.includes("@"));
  if (tags.length > 1) return false;
  const digestRepos = new Set(refs.filter((r) => r.includes("@")).map(repositoryOf));
  const single = tags[0] ?? refs[0];
  return digestRepos.size === 1 && digestRepos.has(repositoryOf(single));
}

function findConflict(
  image: ImageRecord,
  users: ImageUser[],
  mask: Mask,
): DeleteConflict | undefined {
  const running = users.find((user) => user.running);
  if (mask.running && running) {
    return {
      hard: true,
      used: true,
      message: `image is being used by running container ${shortId(running.id)}`,
    };
  }
  if (mask.activeReference && referencesOf(image).length > 0) {
    return { hard: false, used: false, message: "image is referenced in multiple repositories" };
  }
  const stopped = users.find((user) => !user.running);
  if (mask.stopped && stopped) {
    return {
      hard: false,
      used: true,
      message: `image is being used by stopped container ${shortId(stopped.id)}`,
    };
  }
  return undefined;
}

function conflictError(image: ImageRecord, conflict: DeleteConflict): Conflict {
  const forced = conflict.hard ? "cannot be forced" : "must be forced";
  return new Conflict(
    `conflict: unable to delete ${shortId(image.id)} (${forced}) - ${conflict.message}`,
  );
}

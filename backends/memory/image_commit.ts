/**
 * `docker commit`: the container's changes (one layer, from its actor's `commit-layer`) on the
 * container's image, with the container's config, the request's config over it and the
 * `changes` instructions applied, as moby's `CreateImageFromContainer` does.
 *
 * @module
 */
import { NotFound } from "../core/errors.ts";
import { createImage } from "../core/images/mod.ts";
import type { CommitRequest } from "../core/protocol_image_build.ts";
import { applyChanges } from "./build/mod.ts";
import { imageConfigOf, targetTag } from "./image_content.ts";
import type { MemoryBackendState } from "./state.ts";

/** Commits a container; replies with the new image's ID. */
export async function commitContainer(
  state: MemoryBackendState,
  request: CommitRequest,
): Promise<{ Id: string }> {
  const c = state.containers.get(request.container);
  const tags = targetTag(request.repo, request.tag);
  const base = state.images.get(c.image.id);
  if (!base) {
    throw new NotFound(`the image of container ${c.id} (${c.image.id}) is no longer in the store`);
  }
  const merged = { ...imageConfigOf(c.config), ...imageConfigOf(request.config ?? {}) };
  const config = applyChanges(merged, request.changes);
  const layer = await c.actor.ask<ReadableStream<Uint8Array>>({ type: "commit-layer" });
  const image = await createImage(state.images, {
    base,
    layers: [layer],
    config: { config, ...(request.author && { author: request.author }) },
    history: [{
      created: new Date().toISOString(),
      created_by: [c.path, ...c.args].join(" "),
      ...(request.comment && { comment: request.comment }),
      ...(request.author && { author: request.author }),
    }],
    tags,
  });
  state.events.publish("container", "commit", {
    ID: c.id,
    Attributes: {
      comment: request.comment ?? "",
      imageID: image.id,
      imageRef: tags[0] ?? "",
      name: c.name,
    },
  });
  return { Id: image.id };
}

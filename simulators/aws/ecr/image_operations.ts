/**
 * ECR's image operations over what was pushed through the registry: DescribeImages, ListImages,
 * BatchGetImage and BatchDeleteImage.
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import type { EcrImage } from "../state/model.ts";
import { AwsError, invalidParameter } from "../wire/errors.ts";
import { optionalObjects, optionalString, page, requiredString } from "../wire/input.ts";
import { requireRepository } from "./repositories.ts";
import { deleteImage, findImage, type ImageId } from "./repository_images.ts";

function _images(input: Record<string, unknown>, ctx: AwsContext) {
  const repo = requireRepository(ctx, requiredString(input, "repositoryName"));
  const contents = ctx.world.state.repositoryContents[`${ctx.region}/${repo.repositoryName}`];
  return { repo, contents, images: Object.values(contents?.images ?? {}) };
}

/** The images a `filter.tagStatus` (TAGGED, UNTAGGED, ANY) keeps. */
function _byTagStatus(input: Record<string, unknown>, images: EcrImage[]): EcrImage[] {
  const status = (input.filter as { tagStatus?: string } | undefined)?.tagStatus ?? "ANY";
  if (!["TAGGED", "UNTAGGED", "ANY"].includes(status)) {
    throw invalidParameter(`tagStatus must be TAGGED, UNTAGGED or ANY, not ${status}`);
  }
  return images.filter((image) =>
    status === "ANY" || (status === "TAGGED") === (image.imageTags.length > 0)
  );
}

function _imageIds(input: Record<string, unknown>): ImageId[] {
  return (optionalObjects(input, "imageIds") ?? []) as ImageId[];
}

export function describeImages(input: Record<string, unknown>, ctx: AwsContext) {
  const { repo, contents, images } = _images(input, ctx);
  const wanted = _imageIds(input);
  const chosen = wanted.length === 0 ? _byTagStatus(input, images) : wanted.map((id) => {
    const image = findImage(contents, id.imageTag ?? id.imageDigest ?? "");
    if (!image || (id.imageDigest && image.imageDigest !== id.imageDigest)) {
      throw new AwsError(
        "ImageNotFoundException",
        `The image with imageId {imageDigest:'${id.imageDigest ?? "null"}', imageTag:'${
          id.imageTag ?? "null"
        }'} does not exist within the repository with name '${repo.repositoryName}' in the registry with id '${ctx.accountId}'`,
      );
    }
    return image;
  });
  const { items, nextToken } = page(
    chosen,
    optionalString(input, "nextToken"),
    input.maxResults as number | undefined,
  );
  return {
    imageDetails: items.map(({ imageManifest: _manifest, imageTags, ...image }) => ({
      registryId: repo.registryId,
      repositoryName: repo.repositoryName,
      ...image,
      ...(imageTags.length > 0 && { imageTags }),
    })),
    nextToken,
  };
}

export function listImages(input: Record<string, unknown>, ctx: AwsContext) {
  const { images } = _images(input, ctx);
  const ids = _byTagStatus(input, images).flatMap((image) =>
    image.imageTags.length === 0
      ? [{ imageDigest: image.imageDigest }]
      : image.imageTags.map((imageTag) => ({ imageDigest: image.imageDigest, imageTag }))
  );
  const { items, nextToken } = page(
    ids,
    optionalString(input, "nextToken"),
    input.maxResults as number | undefined,
  );
  return { imageIds: items, nextToken };
}

/** BatchGetImage; the manifest comes back as pushed (the simulator converts between no formats). */
export function batchGetImage(input: Record<string, unknown>, ctx: AwsContext) {
  const { repo, contents } = _images(input, ctx);
  const images = [];
  const failures = [];
  for (const imageId of _imageIds(input)) {
    const image = findImage(contents, imageId.imageTag ?? imageId.imageDigest ?? "");
    if (!image || (imageId.imageDigest && image.imageDigest !== imageId.imageDigest)) {
      failures.push({
        imageId,
        failureCode: "ImageNotFound",
        failureReason: "Requested image not found",
      });
      continue;
    }
    images.push({
      registryId: repo.registryId,
      repositoryName: repo.repositoryName,
      imageId: {
        imageDigest: image.imageDigest,
        ...(imageId.imageTag && { imageTag: imageId.imageTag }),
      },
      imageManifest: image.imageManifest,
      imageManifestMediaType: image.imageManifestMediaType,
    });
  }
  return { images, failures };
}

export function batchDeleteImage(input: Record<string, unknown>, ctx: AwsContext) {
  const { contents } = _images(input, ctx);
  const imageIds = [];
  const failures = [];
  for (const imageId of _imageIds(input)) {
    const outcome = deleteImage(contents, imageId);
    if ("deleted" in outcome) imageIds.push(outcome.deleted);
    else failures.push({ imageId, ...outcome });
  }
  if (imageIds.length > 0) ctx.world.store.changed();
  return { imageIds, failures };
}

/**
 * The images of one ECR repository, shared by the registry (`/v2`) and the control API
 * (DescribeImages, ListImages, BatchGetImage, BatchDeleteImage): putting a manifest under a tag
 * or digest, finding one, and deleting by tag or digest with ECR's rules (deleting an image's
 * last tag deletes the image; an image an index lists cannot be deleted by digest).
 *
 * @module
 */
import { epochSeconds } from "../context.ts";
import type { EcrImage, Repository, RepositoryContents } from "../state/model.ts";
import { DIGEST, parseManifest, sha256Digest, TAG } from "./manifest.ts";
import { RegistryError } from "./registry_errors.ts";

/** A repository's contents in `state`, made empty on first use. */
export function contentsOf(
  all: Record<string, RepositoryContents>,
  key: string,
): RepositoryContents {
  return all[key] ??= { images: {}, layers: {} };
}

/** The image a tag or digest names, if any. */
export function findImage(
  contents: RepositoryContents | undefined,
  reference: string,
): EcrImage | undefined {
  if (!contents) return undefined;
  if (reference.startsWith("sha256:")) return contents.images[reference];
  return Object.values(contents.images).find((image) => image.imageTags.includes(reference));
}

/** Digests of the indexes in the repository that list `digest`. */
export function indexesListing(contents: RepositoryContents, digest: string): string[] {
  return Object.values(contents.images)
    .filter((image) => image.imageManifest.includes(`"${digest}"`))
    .filter((image) =>
      parseManifest(_bytesOf(image), image.imageManifestMediaType).children.includes(digest)
    )
    .map((image) => image.imageDigest);
}

function _bytesOf(image: EcrImage): Uint8Array {
  return new TextEncoder().encode(image.imageManifest);
}

/**
 * Stores a manifest as pushed to `reference` (a tag or its own digest). Everything it references
 * must already be in the repository; a tag of an IMMUTABLE repository cannot move.
 */
export async function putImage(
  repo: Repository,
  contents: RepositoryContents,
  reference: string,
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string | null,
): Promise<EcrImage> {
  const byDigest = reference.startsWith("sha256:");
  if (byDigest ? !DIGEST.test(reference) : !TAG.test(reference)) {
    throw new RegistryError(
      byDigest ? "DIGEST_INVALID" : "TAG_INVALID",
      `invalid reference ${reference}`,
    );
  }
  const digest = await sha256Digest(bytes);
  if (byDigest && digest !== reference) {
    throw new RegistryError("DIGEST_INVALID", "provided digest did not match uploaded content", {
      expected: reference,
      actual: digest,
    });
  }
  const parsed = parseManifest(bytes, contentType);
  const missingBlobs = parsed.blobs.filter((d) => contents.layers[d] === undefined);
  if (missingBlobs.length > 0) {
    throw new RegistryError("MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", {
      digests: missingBlobs,
    });
  }
  const missingChildren = parsed.children.filter((d) => !contents.images[d]);
  if (missingChildren.length > 0) {
    throw new RegistryError("MANIFEST_BLOB_UNKNOWN", "manifest unknown to registry", {
      digests: missingChildren,
    });
  }
  const tagged = byDigest ? undefined : findImage(contents, reference);
  if (tagged && tagged.imageDigest !== digest && repo.imageTagMutability === "IMMUTABLE") {
    throw new RegistryError(
      "TAG_INVALID",
      `The image tag '${reference}' already exists in the '${repo.repositoryName}' repository and cannot be overwritten because the repository is immutable.`,
    );
  }
  // ECR reports an index's size as the largest of the images it lists.
  const size = parsed.children.length > 0
    ? Math.max(...parsed.children.map((d) => contents.images[d].imageSizeInBytes))
    : parsed.layerBytes;
  const image = contents.images[digest] ??= {
    imageDigest: digest,
    imageManifest: new TextDecoder().decode(bytes),
    imageManifestMediaType: parsed.mediaType,
    ...(parsed.artifactMediaType && { artifactMediaType: parsed.artifactMediaType }),
    imageTags: [],
    imageSizeInBytes: size,
    imagePushedAt: epochSeconds(),
  };
  if (tagged && tagged !== image) {
    tagged.imageTags = tagged.imageTags.filter((t) => t !== reference);
  }
  if (!byDigest && !image.imageTags.includes(reference)) image.imageTags.push(reference);
  return image;
}

/** An image id as the control API takes it. */
export interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

/** The outcome of deleting one image id: what went, or ECR's failure code and reason. */
export type DeleteOutcome =
  | { deleted: ImageId }
  | { failureCode: string; failureReason: string };

/**
 * Deletes by digest (the image and all its tags) or by tag (the tag; the image too when it was
 * the last one), as BatchDeleteImage does.
 */
export function deleteImage(contents: RepositoryContents | undefined, id: ImageId): DeleteOutcome {
  const { imageDigest, imageTag } = id;
  if (!imageDigest && !imageTag) {
    return { failureCode: "MissingDigestAndTag", failureReason: "Missing digest and tag" };
  }
  if (imageDigest && !DIGEST.test(imageDigest)) {
    return { failureCode: "InvalidImageDigest", failureReason: "Invalid image digest" };
  }
  const image = findImage(contents, imageTag ?? imageDigest!);
  if (!contents || !image) {
    return { failureCode: "ImageNotFound", failureReason: "Requested image not found" };
  }
  if (imageTag && imageDigest && image.imageDigest !== imageDigest) {
    return {
      failureCode: "ImageTagDoesNotMatchDigest",
      failureReason: "Invalid image tag and digest combination",
    };
  }
  const remaining = imageTag ? image.imageTags.filter((t) => t !== imageTag) : [];
  const indexes = indexesListing(contents, image.imageDigest);
  if (imageTag && (remaining.length > 0 || indexes.length > 0)) {
    // An image an index still lists loses its last tag but stays, untagged, for the index.
    image.imageTags = remaining;
  } else if (indexes.length > 0) {
    return {
      failureCode: "ImageReferencedByManifestList",
      failureReason: `Requested image referenced by manifest list: [${indexes.join(", ")}]`,
    };
  } else {
    delete contents.images[image.imageDigest];
  }
  return { deleted: { imageDigest: image.imageDigest, ...(imageTag && { imageTag }) } };
}

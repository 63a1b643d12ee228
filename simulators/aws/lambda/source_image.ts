/**
 * CreateFunction's check of `Code.ImageUri`: Lambda copies the image when the function is
 * created, so an image that cannot be pulled fails the call itself, with Lambda's words
 * (`Source image … does not exist. Provide a valid source image.`). What was pulled gives the
 * function's `CodeSha256` (the manifest digest, as Lambda reports it). A Docker Hub name that no
 * registry serves runs on the sandbox's built-in root filesystem, and `StateReason` says so.
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import { ImagePullError } from "../images/mod.ts";
import { invalidParameterValue } from "./errors.ts";

/** What the function records about its image. */
export interface SourceImage {
  /** Hex of the manifest digest; undefined when the built-in tree stands for the image. */
  codeSha256?: string;
  /** Set when the image is not really run: why, and what runs instead. */
  note?: string;
}

/** Pulls `imageUri` for a function in the caller's region, failing as CreateFunction does. */
export async function checkSourceImage(ctx: AwsContext, imageUri: string): Promise<SourceImage> {
  const images = ctx.world.images;
  // Without a workload runtime nothing would run the image, so nothing pulls it either.
  if (!images) return {};
  try {
    const image = await images.resolve(imageUri, ctx.region, ctx.world.signal);
    if (image.kind === "builtin") {
      console.warn(`aws-sim: lambda ${imageUri}: ${image.note}`);
      return { note: image.note };
    }
    return { codeSha256: image.digest.replace(/^sha256:/, "") };
  } catch (e) {
    if (!(e instanceof ImagePullError)) throw e;
    const why = e.message.replace(/^CannotPullContainerError: /, "");
    throw invalidParameterValue(
      e.missing
        ? `Source image ${imageUri} does not exist. Provide a valid source image.`
        : `Source image ${imageUri} is not valid. Provide a valid source image. (The simulator could not pull it: ${why})`,
    );
  }
}

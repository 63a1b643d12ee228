/**
 * Reading a pushed manifest the way a registry must before it stores one: which of the four
 * kinds it is (Docker schema 2 manifest or manifest list, OCI manifest or index), the blobs and
 * child manifests it references, and the size ECR reports for it.
 *
 * @module
 */
import { RegistryError } from "./registry_errors.ts";

export const MediaTypes = {
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
} as const;

const INDEX_TYPES: string[] = [MediaTypes.dockerList, MediaTypes.ociIndex];
const MANIFEST_TYPES: string[] = [MediaTypes.dockerManifest, MediaTypes.ociManifest];

/** Layers the registry does not hold: their bytes live at the `urls` they name. */
const FOREIGN_LAYER = /\.foreign\.|nondistributable/;

interface Descriptor {
  mediaType?: string;
  digest: string;
  size: number;
  urls?: string[];
}

/** What a manifest references and how ECR describes it. */
export interface ParsedManifest {
  mediaType: string;
  /** The config's media type (ECR's artifactMediaType); absent for indexes. */
  artifactMediaType?: string;
  /** Blobs that must already be in the repository (config and distributable layers). */
  blobs: string[];
  /** Manifests an index lists, which must already be in the repository. */
  children: string[];
  /** Compressed layer bytes; for an index, filled in from its children. */
  layerBytes: number;
}

export const DIGEST = /^sha256:[a-f0-9]{64}$/;
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

function _invalid(message: string): RegistryError {
  return new RegistryError("MANIFEST_INVALID", `manifest invalid: ${message}`);
}

function _descriptor(value: unknown, where: string): Descriptor {
  const d = value as Descriptor | null;
  if (
    !d || typeof d !== "object" || typeof d.digest !== "string" || !DIGEST.test(d.digest) ||
    typeof d.size !== "number"
  ) {
    throw _invalid(`${where} is not a descriptor with a sha256 digest and a size`);
  }
  return d;
}

/** Parses and checks a manifest body; `contentType` is the request's Content-Type. */
export function parseManifest(bytes: Uint8Array, contentType: string | null): ParsedManifest {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw _invalid(`not JSON: ${(e as Error).message}`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw _invalid("not an object");
  if (body.schemaVersion !== 2) {
    throw _invalid(
      `schemaVersion ${body.schemaVersion}: the simulator's ECR stores schema 2 and OCI manifests only`,
    );
  }
  const declared = typeof body.mediaType === "string" ? body.mediaType : undefined;
  const header = contentType?.split(";")[0].trim() || undefined;
  if (declared && header && declared !== header) {
    throw _invalid(`mediaType ${declared} does not match the Content-Type ${header}`);
  }
  // OCI allows an absent mediaType; the shape then says which kind it is.
  const mediaType = declared ?? header ??
    (Array.isArray(body.manifests) ? MediaTypes.ociIndex : MediaTypes.ociManifest);
  if (INDEX_TYPES.includes(mediaType)) {
    if (!Array.isArray(body.manifests)) throw _invalid("an index needs a manifests list");
    const children = body.manifests.map((m, i) => _descriptor(m, `manifests[${i}]`).digest);
    return { mediaType, blobs: [], children, layerBytes: 0 };
  }
  if (!MANIFEST_TYPES.includes(mediaType)) {
    throw _invalid(
      `media type ${mediaType} is not one of ${[...MANIFEST_TYPES, ...INDEX_TYPES].join(", ")}`,
    );
  }
  const config = _descriptor(body.config, "config");
  if (!Array.isArray(body.layers)) throw _invalid("a manifest needs a layers list");
  const layers = body.layers.map((l, i) => _descriptor(l, `layers[${i}]`));
  const distributable = layers.filter((l) => !(l.urls && FOREIGN_LAYER.test(l.mediaType ?? "")));
  return {
    mediaType,
    artifactMediaType: config.mediaType,
    blobs: [config.digest, ...distributable.map((l) => l.digest)],
    children: [],
    layerBytes: layers.reduce((sum, l) => sum + l.size, 0),
  };
}

/** The sha256 digest of some bytes, as `sha256:<hex>`. */
export async function sha256Digest(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `sha256:${Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

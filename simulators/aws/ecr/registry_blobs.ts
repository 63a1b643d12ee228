/**
 * Blobs of the distribution API: HEAD/GET of a blob linked to the repository, and uploads
 * (monolithic POST, POST + PATCH… + PUT in chunks, cross-repository mount). A blob counts as in a
 * repository once an upload into it completed with a verified digest, or it was mounted there;
 * ECR mounts only when the account setting BLOB_MOUNTING is ENABLED, and otherwise answers a
 * mount request by opening an ordinary upload, as the spec allows.
 *
 * @module
 */
import { DIGEST } from "./manifest.ts";
import { REGISTRY_HEADERS, RegistryError } from "./registry_errors.ts";
import { allowMethods, REPOSITORY_NAME, type RepositoryRequest } from "./registry_request.ts";

function _digestParam(value: string | null): string {
  if (!value || !DIGEST.test(value)) {
    throw new RegistryError("DIGEST_INVALID", `invalid digest ${value ?? "(none)"}: sha256 only`);
  }
  return value;
}

function _link(r: RepositoryRequest, digest: string, size: number): Response {
  r.contents.layers[digest] = size;
  r.world.store.changed();
  return new Response(null, {
    status: 201,
    headers: {
      ...REGISTRY_HEADERS,
      location: `/v2/${r.name}/blobs/${digest}`,
      "docker-content-digest": digest,
    },
  });
}

function _uploadStatus(r: RepositoryRequest, id: string, size: number, status: number): Response {
  return new Response(null, {
    status,
    headers: {
      ...REGISTRY_HEADERS,
      location: `/v2/${r.name}/blobs/uploads/${id}`,
      range: `0-${Math.max(size - 1, 0)}`,
      "docker-upload-uuid": id,
    },
  });
}

/** `POST /v2/<name>/blobs/uploads/`: mount, monolithic upload (`?digest=`), or a new session. */
export async function startUpload(r: RepositoryRequest): Promise<Response> {
  allowMethods(r.req, "POST");
  const params = r.url.searchParams;
  const mount = params.get("mount");
  const from = params.get("from");
  if (mount && from && _mountingEnabled(r)) {
    const digest = _digestParam(mount);
    const source = REPOSITORY_NAME.test(from)
      ? r.world.state.repositoryContents[`${r.region}/${from}`]
      : undefined;
    const size = source?.layers[digest];
    if (size !== undefined && await r.blobs.size(digest) !== undefined) {
      await r.req.body?.cancel();
      return _link(r, digest, size);
    }
  }
  const digest = params.get("digest");
  const monolithic = digest !== null && !mount ? _digestParam(digest) : undefined;
  const id = await r.blobs.startUpload();
  if (!monolithic) {
    await r.req.body?.cancel();
    return _uploadStatus(r, id, 0, 202);
  }
  await r.blobs.append(id, r.req.body);
  return _link(r, monolithic, await r.blobs.complete(id, monolithic));
}

function _mountingEnabled(r: RepositoryRequest): boolean {
  return r.world.state.ecrAccountSettings[`${r.region}/BLOB_MOUNTING`] === "ENABLED";
}

/** `GET|PATCH|PUT|DELETE /v2/<name>/blobs/uploads/<id>`. */
export async function serveUpload(r: RepositoryRequest, id: string): Promise<Response> {
  allowMethods(r.req, "GET", "PATCH", "PUT", "DELETE");
  switch (r.req.method) {
    case "GET":
      return _uploadStatus(r, id, r.blobs.uploadedSize(id), 204);
    case "DELETE":
      await r.blobs.cancel(id);
      return new Response(null, { status: 204, headers: REGISTRY_HEADERS });
    case "PATCH": {
      const range = r.req.headers.get("content-range");
      const start = range === null ? undefined : /^(?:bytes )?(\d+)-\d+/.exec(range)?.[1];
      if (range !== null && start === undefined) {
        throw new RegistryError("BLOB_UPLOAD_INVALID", `invalid Content-Range ${range}`);
      }
      const size = await r.blobs.append(
        id,
        r.req.body,
        start === undefined ? undefined : Number(start),
      );
      return _uploadStatus(r, id, size, 202);
    }
    default: {
      const digest = _digestParam(r.url.searchParams.get("digest"));
      r.blobs.uploadedSize(id); // BLOB_UPLOAD_UNKNOWN before the body is read
      await r.blobs.append(id, r.req.body);
      return _link(r, digest, await r.blobs.complete(id, digest));
    }
  }
}

/** `HEAD|GET /v2/<name>/blobs/<digest>`; ECR deletes blobs itself, never through this API. */
export async function serveBlob(r: RepositoryRequest, digest: string): Promise<Response> {
  if (r.req.method === "DELETE") {
    throw new RegistryError("UNSUPPORTED", "ECR does not delete blobs through the registry API");
  }
  allowMethods(r.req, "GET", "HEAD");
  _digestParam(digest);
  const unknown = () => new RegistryError("BLOB_UNKNOWN", "blob unknown to registry", { digest });
  if (r.contents.layers[digest] === undefined) throw unknown();
  const headers = {
    ...REGISTRY_HEADERS,
    "content-type": "application/octet-stream",
    "docker-content-digest": digest,
  };
  const size = await r.blobs.size(digest);
  if (size === undefined) throw unknown();
  if (r.req.method === "HEAD") {
    return new Response(null, { headers: { ...headers, "content-length": String(size) } });
  }
  // One byte range (`bytes=N-` or `bytes=N-M`), which clients send to resume a pull.
  const range = r.req.headers.get("range");
  const match = range === null ? null : /^bytes=(\d+)-(\d*)$/.exec(range);
  const start = match ? Number(match[1]) : 0;
  const end = match?.[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  if (range !== null && (!match || start > end)) {
    return new Response(null, {
      status: 416,
      headers: { ...REGISTRY_HEADERS, "content-range": `bytes */${size}` },
    });
  }
  const blob = await r.blobs.open(digest, start, end);
  if (!blob) throw unknown();
  return new Response(blob.body, {
    status: match ? 206 : 200,
    headers: {
      ...headers,
      "content-length": String(end - start + 1),
      ...(match && { "content-range": `bytes ${start}-${end}/${size}` }),
    },
  });
}

/**
 * AWS Signature Version 4 verification, written from the published algorithm
 * (docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) with WebCrypto
 * HMAC-SHA256. The simulator recomputes the signature the client must have produced and compares
 * it in constant time, so a client with the wrong secret is refused exactly as AWS refuses it.
 *
 * @module
 */

/** One access key the simulator accepts. */
export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What a verified request was signed for: the credential scope. */
export interface SignedScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** Why verification failed, in the words and codes AWS uses. */
export class SignatureError extends Error {
  constructor(
    readonly code:
      | "MissingAuthenticationToken"
      | "IncompleteSignature"
      | "UnrecognizedClient"
      | "SignatureDoesNotMatch"
      | "SignatureExpired",
    message: string,
  ) {
    super(message);
    this.name = "SignatureError";
  }
}

const encoder = new TextEncoder();
const ALGORITHM = "AWS4-HMAC-SHA256";
/** AWS refuses requests whose X-Amz-Date is more than 15 minutes away from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(header: string): {
  scope: SignedScope;
  signedHeaders: string[];
  signature: string;
} {
  if (!header.startsWith(ALGORITHM + " ")) {
    throw new SignatureError(
      "IncompleteSignature",
      `Unsupported authorization algorithm; only ${ALGORITHM} is accepted.`,
    );
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaders || !signature) {
    throw new SignatureError(
      "IncompleteSignature",
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.",
    );
  }
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request") {
    throw new SignatureError(
      "IncompleteSignature",
      `Credential should be scoped to a valid region, not '${credential}'.`,
    );
  }
  const [accessKeyId, date, region, service] = parts;
  return {
    scope: { accessKeyId, date, region, service },
    signedHeaders: signedHeaders.split(";"),
    signature: signature.toLowerCase(),
  };
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters is %XX. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/**
 * The canonical path for every service but S3: dot segments removed, empty segments dropped,
 * then the already-encoded wire path encoded once more (both botocore and smithy do this).
 */
export function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  const joined = "/" + segments.join("/") + trailing;
  return joined.split("/").map(uriEncode).join("/");
}

/** Query parameters decoded from the wire, re-encoded strictly and sorted by key then value. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === "") return "";
  const pairs = rawQuery.split("&").filter((p) => p !== "").map((pair) => {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? "" : pair.slice(eq + 1);
    return [uriEncode(_decode(key)), uriEncode(_decode(value))];
  }).filter(([key]) => key !== "X-Amz-Signature");
  pairs.sort(([ak, av], [bk, bv]) => ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0);
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

function _decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

async function _sha256Hex(data: Uint8Array<ArrayBuffer> | string): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return _hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

function _hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function _hmac(
  key: Uint8Array<ArrayBuffer>,
  data: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, encoder.encode(data)));
}

/** The key AWS derives from a secret for one day, region and service. */
export async function signingKey(
  secret: string,
  scope: SignedScope,
): Promise<Uint8Array<ArrayBuffer>> {
  const kDate = await _hmac(encoder.encode("AWS4" + secret), scope.date);
  const kRegion = await _hmac(kDate, scope.region);
  const kService = await _hmac(kRegion, scope.service);
  return _hmac(kService, "aws4_request");
}

/** Options for {@link verifySignature}. */
export interface VerifyOptions {
  /** Access keys the simulator accepts, by access key id. */
  credentials: ReadonlyMap<string, Credential>;
  /** The clock to check X-Amz-Date against; defaults to now. */
  now?: Date;
}

/**
 * Verifies a request's SigV4 header signature over its method, path, query, signed headers and
 * body. Resolves to the credential scope; rejects with a {@link SignatureError}.
 */
export async function verifySignature(
  req: Request,
  body: Uint8Array<ArrayBuffer>,
  options: VerifyOptions,
): Promise<SignedScope> {
  const authorization = req.headers.get("authorization");
  if (!authorization) {
    throw new SignatureError("MissingAuthenticationToken", "Missing Authentication Token");
  }
  const { scope, signedHeaders, signature } = parseAuthorization(authorization);
  const credential = options.credentials.get(scope.accessKeyId);
  if (!credential) {
    throw new SignatureError(
      "UnrecognizedClient",
      "The security token included in the request is invalid.",
    );
  }
  const amzDate = req.headers.get("x-amz-date") ?? "";
  const signedAt = _parseAmzDate(amzDate);
  if (!signedAt || !amzDate.startsWith(scope.date)) {
    throw new SignatureError(
      "IncompleteSignature",
      "Date must be in ISO-8601 'basic format' and match the credential scope date.",
    );
  }
  const now = options.now ?? new Date();
  if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_SKEW_MS) {
    throw new SignatureError(
      "SignatureExpired",
      `Signature expired: ${amzDate} is now earlier than ${
        _formatAmzDate(new Date(now.getTime() - MAX_SKEW_MS))
      } (${_formatAmzDate(now)} - 15 min.)`,
    );
  }
  const url = new URL(req.url);
  const canonicalHeaders = signedHeaders.map((name) => {
    const value = name === "host" ? (req.headers.get("host") ?? url.host) : req.headers.get(name);
    return `${name}:${(value ?? "").trim().replace(/\s+/g, " ")}\n`;
  }).join("");
  const declaredHash = req.headers.get("x-amz-content-sha256");
  const payloadHash = declaredHash === "UNSIGNED-PAYLOAD" ? declaredHash : await _sha256Hex(body);
  const canonicalRequest = [
    req.method,
    canonicalPath(url.pathname),
    canonicalQuery(url.search.slice(1)),
    canonicalHeaders,
    signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, credentialScope, await _sha256Hex(canonicalRequest)]
    .join("\n");
  const key = await signingKey(credential.secretAccessKey, scope);
  const expected = _hex(await _hmac(key, stringToSign));
  if (!_equalConstantTime(expected, signature)) {
    throw new SignatureError(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. " +
        "Consult the service documentation for details.",
    );
  }
  return scope;
}

function _parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

function _formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function _equalConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * AWS-shaped errors. A handler throws an {@link AwsError} where the fact is known; the protocol
 * layer (awsJson, restJson or awsQuery) renders it once, in the shape the official clients parse:
 * the SDK and the CLI both read the code from `__type` / `x-amzn-ErrorType` / `<Code>`.
 *
 * @module
 */
import { SignatureError } from "../sigv4/verify.ts";

/** An error with the code, HTTP status and fault side AWS answers it with. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fault: "Sender" | "Receiver" = "Sender",
  ) {
    super(message);
    this.name = code;
  }
}

/** 400 `InvalidParameterException`: the request names something malformed or impossible. */
export function invalidParameter(message: string): AwsError {
  return new AwsError("InvalidParameterException", message);
}

/** 400 `ClientException`: ECS's generic "your request is wrong" error. */
export function clientException(message: string): AwsError {
  return new AwsError("ClientException", message);
}

/** 400 `SerializationException`: the body is not the JSON the operation takes. */
export function serializationException(message: string): AwsError {
  return new AwsError("SerializationException", message);
}

/** How a SigV4 failure reads, per protocol: JSON services and the query services differ. */
export function signatureFailure(e: SignatureError, protocol: "json" | "query"): AwsError {
  const json = protocol === "json";
  switch (e.code) {
    case "MissingAuthenticationToken":
      return new AwsError(
        json ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken",
        e.message,
        403,
      );
    case "IncompleteSignature":
      return new AwsError(json ? "IncompleteSignatureException" : "IncompleteSignature", e.message);
    case "UnrecognizedClient":
      return new AwsError(
        json ? "UnrecognizedClientException" : "InvalidClientTokenId",
        e.message,
        403,
      );
    case "SignatureDoesNotMatch":
    case "SignatureExpired":
      return new AwsError(
        json ? "InvalidSignatureException" : "SignatureDoesNotMatch",
        e.message,
        403,
      );
  }
}

/** Anything that is not an AwsError is a simulator bug: a 500 that says what broke. */
export function asAwsError(e: unknown): AwsError {
  if (e instanceof AwsError) return e;
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new AwsError("ServerException", `simulator failure: ${message}`, 500, "Receiver");
}

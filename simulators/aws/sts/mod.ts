/**
 * The STS service of the AWS simulator (awsQuery): GetCallerIdentity, answering for the access
 * key that signed the request.
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import { AwsError } from "../wire/errors.ts";
import { queryError, queryResult, xmlElements } from "../wire/query_protocol.ts";

const XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

/** Serves one awsQuery STS request whose form body is `params`. */
export function serveSts(params: URLSearchParams, ctx: AwsContext, accessKeyId: string): Response {
  const action = params.get("Action") ?? "";
  try {
    if (action !== "GetCallerIdentity") {
      throw new AwsError(
        "InvalidAction",
        `Could not find operation ${action} for version ${
          params.get("Version") ?? "NO_VERSION_SPECIFIED"
        }`,
      );
    }
    const result = xmlElements({
      Arn: `arn:aws:iam::${ctx.accountId}:user/${accessKeyId}`,
      UserId: accessKeyId,
      Account: ctx.accountId,
    });
    return queryResult(action, XMLNS, result, ctx.requestId);
  } catch (e) {
    return queryError(e, XMLNS, ctx.requestId);
  }
}

export const STS_XMLNS = XMLNS;

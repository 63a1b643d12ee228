/**
 * The awsQuery protocol (STS): a form-encoded `Action=…&Version=…` body and XML replies wrapped
 * in `<{Action}Response>` with a `ResponseMetadata/RequestId`; errors are `<ErrorResponse>`.
 *
 * @module
 */
import { asAwsError } from "./errors.ts";

/** Escapes text for an XML element body. */
export function xmlEscape(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Renders `{key: value}` as `<key>value</key>` elements, in order. */
export function xmlElements(fields: Record<string, string>): string {
  return Object.entries(fields).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join("");
}

/** A successful awsQuery reply for `action` whose result holds `resultXml`. */
export function queryResult(
  action: string,
  xmlns: string,
  resultXml: string,
  requestId: string,
): Response {
  const xml =
    `<${action}Response xmlns="${xmlns}"><${action}Result>${resultXml}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return new Response(xml, {
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
  });
}

/** An awsQuery error reply. */
export function queryError(e: unknown, xmlns: string, requestId: string): Response {
  const error = asAwsError(e);
  const xml = `<ErrorResponse xmlns="${xmlns}"><Error><Type>${error.fault}</Type>` +
    xmlElements({ Code: error.code, Message: error.message }) +
    `</Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return new Response(xml, {
    status: error.status,
    headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
  });
}

/**
 * Lambda's restJson1 errors: the HTTP status, the code in `x-amzn-ErrorType`, and a body of
 * `{"Type": "User", "Message": …}`.
 *
 * @module
 */
import { asAwsError, AwsError } from "../wire/errors.ts";

export function lambdaError(e: unknown, requestId: string): Response {
  const error = asAwsError(e);
  return new Response(
    JSON.stringify({ Type: error.fault === "Sender" ? "User" : "Service", Message: error.message }),
    {
      status: error.status,
      headers: {
        "content-type": "application/json",
        "x-amzn-errortype": error.code,
        "x-amzn-requestid": requestId,
      },
    },
  );
}

export function functionNotFound(arn: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Function not found: ${arn}`, 404);
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError("InvalidParameterValueException", message, 400);
}

export function validationError(message: string): AwsError {
  return new AwsError("ValidationException", message, 400);
}

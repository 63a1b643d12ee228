/**
 * The agent's Lambda mode: a runtime for the Lambda Runtime API
 * (`http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next`, then
 * `…/{requestId}/response` or `…/{requestId}/error`). Each event runs the handler command with the
 * event JSON on stdin; its stdout is the response when it exits 0. A non-zero exit is reported as
 * a function error carrying the handler's stderr. The handler's stderr also goes to the agent's
 * stderr, which the platform collects as the function's logs.
 *
 * @module
 */
import type { ProcessLauncher, ProcessSpec } from "./process.ts";

export interface LambdaRuntimeOptions {
  /** The value of AWS_LAMBDA_RUNTIME_API: `host:port`, optionally with a path prefix. */
  api: string;
  handler: ProcessSpec;
  launcher: ProcessLauncher;
  stderr: WritableStream<Uint8Array>;
  /** Stops the loop between events. */
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** Serves events until `signal` aborts or the Runtime API goes away. */
export async function runLambdaRuntime(options: LambdaRuntimeOptions): Promise<void> {
  const base = `http://${options.api}/2018-06-01/runtime`;
  const doFetch = options.fetch ?? fetch;
  const logs = options.stderr.getWriter();
  try {
    while (!options.signal?.aborted) {
      const next = await doFetch(`${base}/invocation/next`, { signal: options.signal });
      if (!next.ok) {
        throw new Error(`Lambda Runtime API refused next: ${next.status} ${await next.text()}`);
      }
      const requestId = next.headers.get("lambda-runtime-aws-request-id");
      if (!requestId) throw new Error("Lambda Runtime API sent an event without a request id");
      const event = new Uint8Array(await next.arrayBuffer());
      const deadline = Number(next.headers.get("lambda-runtime-deadline-ms") ?? "0");
      const process = await options.launcher.spawn({
        ...options.handler,
        env: {
          ...options.handler.env,
          AWS_LAMBDA_REQUEST_ID: requestId,
          ...(next.headers.get("lambda-runtime-trace-id")
            ? { _X_AMZN_TRACE_ID: next.headers.get("lambda-runtime-trace-id")! }
            : {}),
          ...(deadline ? { AWS_LAMBDA_DEADLINE_MS: String(deadline) } : {}),
        },
      });
      const stdin = process.stdin.getWriter();
      await stdin.write(event).catch(() => {});
      await stdin.close().catch(() => {});
      const errText: string[] = [];
      const decoder = new TextDecoder();
      const [stdout, , code] = await Promise.all([
        new Response(process.stdout).arrayBuffer(),
        (async () => {
          for await (const chunk of process.stderr) {
            errText.push(decoder.decode(chunk, { stream: true }));
            await logs.write(chunk);
          }
        })(),
        process.exited,
      ]);
      const post = code === 0
        ? doFetch(`${base}/invocation/${requestId}/response`, { method: "POST", body: stdout })
        : doFetch(`${base}/invocation/${requestId}/error`, {
          method: "POST",
          headers: { "lambda-runtime-function-error-type": "Runtime.HandlerError" },
          body: JSON.stringify({
            errorType: "Runtime.HandlerError",
            errorMessage: errText.join("").trim() || `handler exited with status ${code}`,
          }),
        });
      const answered = await post;
      await answered.body?.cancel();
      if (!answered.ok) {
        throw new Error(`Lambda Runtime API refused the result: ${answered.status}`);
      }
    }
  } finally {
    logs.releaseLock();
  }
}

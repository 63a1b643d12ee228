/**
 * Lambda invocation through the Lambda Runtime API. Each function gets warm instances: a
 * workload started from the function's image config with `AWS_LAMBDA_RUNTIME_API` pointing at
 * `{simulator}/lambda-runtime/{instanceId}`. An instance polls `…/2018-06-01/runtime/invocation/next`,
 * handles one event at a time and posts `…/{requestId}/response` or `…/{requestId}/error`.
 * Output goes to CloudWatch Logs `/aws/lambda/{function}` with Lambda's START/END/REPORT lines.
 *
 * @module
 */
import type { World } from "../context.ts";
import type { LambdaFunction } from "../state/model.ts";
import type { Workload } from "../runtime/workload.ts";
import { appendEvents, createGroup, createStream, findGroup } from "../logs/log_store.ts";
import { logEventSink } from "../ecs/awslogs.ts";
import { instanceEnvironment } from "./instance_env.ts";

/** What an invocation produced. */
export interface InvocationResult {
  payload: Uint8Array;
  /** Set when the function failed: "Unhandled" (as Lambda reports runtime and timeout errors). */
  functionError?: string;
  logGroup: string;
  logStream: string;
}

interface Pending {
  requestId: string;
  payload: Uint8Array;
  deadlineMs: number;
  resolve(result: Omit<InvocationResult, "logGroup" | "logStream">): void;
  instance?: Instance;
  startedMs?: number;
  timer?: ReturnType<typeof setTimeout>;
}

interface Instance {
  id: string;
  fn: LambdaFunction;
  region: string;
  workload?: Workload;
  logStream: string;
  current?: Pending;
  /** A poller waiting in `next` for work. */
  waiting?: (p: Pending | null) => void;
  idleTimer?: ReturnType<typeof setTimeout>;
  dead: boolean;
}

/** How long an idle instance stays warm; Lambda keeps them minutes, the simulator less. */
const IDLE_MS = 60_000;

const json = (body: unknown, status = 200) => Response.json(body, { status });

export class LambdaInvoker {
  #queues = new Map<string, Pending[]>();
  #instances = new Map<string, Instance>();

  constructor(private readonly world: World) {}

  /** Runs one invocation to completion and returns what the function answered. */
  invoke(
    fn: LambdaFunction,
    region: string,
    accountId: string,
    payload: Uint8Array,
    /** An asynchronous Invoke's request id, which its invocation keeps (as in Lambda). */
    requestId: string = crypto.randomUUID(),
  ): Promise<InvocationResult> {
    const logGroup = `/aws/lambda/${fn.FunctionName}`;
    if (!findGroup(this.world.state, region, logGroup)) {
      createGroup(this.world.state, region, accountId, logGroup);
    }
    return new Promise((resolve) => {
      const pending: Pending = {
        requestId,
        payload,
        deadlineMs: 0,
        resolve: (r) => resolve({ ...r, logGroup, logStream: pending.instance?.logStream ?? "" }),
      };
      const key = `${region}/${fn.FunctionName}`;
      const idle = [...this.#instances.values()].find((i) =>
        !i.dead && i.waiting && i.fn === fn && i.region === region
      );
      if (idle) return this.#assign(idle, pending);
      const queue = this.#queues.get(key) ?? [];
      queue.push(pending);
      this.#queues.set(key, queue);
      this.#startInstance(fn, region);
    });
  }

  /** Stops every instance of a function (after an update or a delete). */
  retire(fn: LambdaFunction): void {
    for (const i of this.#instances.values()) if (i.fn === fn) this.#kill(i, "function changed");
  }

  shutdown(): void {
    for (const i of this.#instances.values()) this.#kill(i, "simulator shutdown");
  }

  #startInstance(fn: LambdaFunction, region: string): void {
    const id = crypto.randomUUID().replaceAll("-", "");
    const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
    const instance: Instance = { id, fn, region, logStream: `${day}/[$LATEST]${id}`, dead: false };
    this.#instances.set(id, instance);
    const group = findGroup(this.world.state, region, `/aws/lambda/${fn.FunctionName}`)!;
    createStream(group, instance.logStream);
    const runtime = this.world.runtime;
    const fail = (message: string) => {
      this.#log(instance, `INIT_REPORT Init Error: ${message}`);
      this.#kill(instance, message);
      this.#failQueued(fn, region, "Runtime.Unavailable", message);
    };
    if (!runtime) {
      return fail(
        "no workload runtime is wired into this simulator: functions run in the sandbox " +
          "(sandbox/mod.ts), which this build does not provide",
      );
    }
    const apiHost = this.world.endpoint.replace(/^https?:\/\//, "") + `/lambda-runtime/${id}`;
    // ImageConfig overrides the image's ENTRYPOINT, CMD and WORKDIR; the runtime pulls the image
    // and supplies what ImageConfig leaves out.
    runtime.start({
      image: fn.Code.ImageUri,
      argv: [],
      entryPoint: fn.ImageConfig?.EntryPoint,
      command: fn.ImageConfig?.Command,
      workdir: fn.ImageConfig?.WorkingDirectory,
      lambdaRuntimeApi: apiHost,
      env: instanceEnvironment(fn, region, apiHost, instance.logStream),
    }, this.world.signal).then((workload) => {
      instance.workload = workload;
      const destination = { group: `/aws/lambda/${fn.FunctionName}`, stream: instance.logStream };
      void workload.stdout.pipeTo(logEventSink(this.world, region, destination)).catch(() => {});
      void workload.stderr.pipeTo(logEventSink(this.world, region, destination)).catch(() => {});
      void workload.stdin.close().catch(() => {});
      void workload.exited.then((code) => {
        const message = `Runtime exited with error: exit status ${code}`;
        if (instance.current) {
          this.#finish(
            instance,
            new TextEncoder().encode(
              JSON.stringify({ errorType: "Runtime.ExitError", errorMessage: message }),
            ),
            "Unhandled",
          );
        }
        instance.dead = true;
        this.#instances.delete(instance.id);
        // Work queued for this instance must not wait forever: start another one for it.
        if ((this.#queues.get(`${region}/${fn.FunctionName}`) ?? []).length > 0) {
          this.#startInstance(fn, region);
        }
      });
    }, (e) => fail(`the function's workload could not start: ${(e as Error).message}`));
  }

  #failQueued(fn: LambdaFunction, region: string, errorType: string, message: string): void {
    const key = `${region}/${fn.FunctionName}`;
    const queue = this.#queues.get(key) ?? [];
    this.#queues.delete(key);
    const payload = new TextEncoder().encode(JSON.stringify({ errorType, errorMessage: message }));
    for (const p of queue) p.resolve({ payload, functionError: "Unhandled" });
  }

  #assign(instance: Instance, pending: Pending): void {
    const waiting = instance.waiting!;
    instance.waiting = undefined;
    clearTimeout(instance.idleTimer);
    instance.current = pending;
    pending.instance = instance;
    pending.startedMs = Date.now();
    pending.deadlineMs = pending.startedMs + instance.fn.Timeout * 1000;
    this.#log(instance, `START RequestId: ${pending.requestId} Version: $LATEST`);
    pending.timer = setTimeout(() => {
      const seconds = instance.fn.Timeout.toFixed(2);
      const message = `${
        new Date().toISOString()
      } ${pending.requestId} Task timed out after ${seconds} seconds`;
      this.#log(instance, message);
      this.#finish(
        instance,
        new TextEncoder().encode(
          JSON.stringify({ errorMessage: message, errorType: "Sandbox.Timedout" }),
        ),
        "Unhandled",
      );
      this.#kill(instance, "timed out");
    }, instance.fn.Timeout * 1000);
    waiting(pending);
  }

  #finish(instance: Instance, payload: Uint8Array, functionError?: string): void {
    const pending = instance.current;
    if (!pending) return;
    instance.current = undefined;
    clearTimeout(pending.timer);
    const duration = Date.now() - (pending.startedMs ?? Date.now());
    this.#log(instance, `END RequestId: ${pending.requestId}`);
    this.#log(
      instance,
      `REPORT RequestId: ${pending.requestId}\tDuration: ${duration.toFixed(2)} ms\t` +
        `Billed Duration: ${
          Math.max(1, Math.ceil(duration))
        } ms\tMemory Size: ${instance.fn.MemorySize} MB`,
    );
    pending.resolve(functionError ? { payload, functionError } : { payload });
  }

  #log(instance: Instance, message: string): void {
    const group = findGroup(
      this.world.state,
      instance.region,
      `/aws/lambda/${instance.fn.FunctionName}`,
    );
    const stream = group?.streams[instance.logStream];
    if (group && stream) appendEvents(group, stream, [{ timestamp: Date.now(), message }]);
    this.world.store.changed();
  }

  #kill(instance: Instance, _why: string): void {
    instance.dead = true;
    // A runtime parked in `next` is told the instance is gone, so no request hangs open.
    instance.waiting?.(null);
    instance.waiting = undefined;
    clearTimeout(instance.idleTimer);
    instance.workload?.kill("SIGKILL");
    this.#instances.delete(instance.id);
  }

  /** Serves `/lambda-runtime/{instanceId}/2018-06-01/runtime/...` for an instance. */
  async serveRuntimeApi(req: Request, instanceId: string, rest: string): Promise<Response> {
    const instance = this.#instances.get(instanceId);
    if (!instance || instance.dead) {
      return json({
        errorType: "InvalidRuntimeInstance",
        errorMessage: "No such runtime instance.",
      }, 403);
    }
    const base = "/2018-06-01/runtime";
    if (req.method === "GET" && rest === `${base}/invocation/next`) {
      if (instance.current) {
        // A runtime asking for more work has finished (or abandoned) the previous event.
        return json({
          errorType: "InvalidStateTransition",
          errorMessage:
            "State transition from Invoking to Ready is not allowed without a response.",
        }, 403);
      }
      const pending = await new Promise<Pending | null>((resolve) => {
        instance.waiting = resolve;
        const queue = this.#queues.get(`${instance.region}/${instance.fn.FunctionName}`) ?? [];
        const next = queue.shift();
        if (next) return this.#assign(instance, next);
        instance.idleTimer = setTimeout(() => this.#kill(instance, "idle"), IDLE_MS);
      });
      if (!pending) {
        return json({
          errorType: "InstanceRetired",
          errorMessage: "This runtime instance was retired.",
        }, 410);
      }
      return new Response(pending.payload.slice(), {
        headers: {
          "content-type": "application/json",
          "lambda-runtime-aws-request-id": pending.requestId,
          "lambda-runtime-deadline-ms": String(pending.deadlineMs),
          "lambda-runtime-invoked-function-arn": instance.fn.FunctionArn,
          "lambda-runtime-trace-id": `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${
            instance.id.slice(0, 24)
          }`,
        },
      });
    }
    const m = new RegExp(`^${base}/invocation/([^/]+)/(response|error)$`).exec(rest);
    if (req.method === "POST" && m) {
      if (instance.current?.requestId !== m[1]) {
        return json({ errorType: "InvalidRequestID", errorMessage: "Invalid request ID" }, 400);
      }
      const body = new Uint8Array(await req.arrayBuffer());
      this.#finish(instance, body, m[2] === "error" ? "Unhandled" : undefined);
      return json({ status: "OK" }, 202);
    }
    if (req.method === "POST" && rest === `${base}/init/error`) {
      const body = await req.text();
      this.#log(instance, `INIT_REPORT Init Error: ${body}`);
      this.#kill(instance, "init error");
      this.#failQueued(instance.fn, instance.region, "Runtime.InitError", body);
      return json({ status: "OK" }, 202);
    }
    return json({
      errorType: "NotFound",
      errorMessage: `No runtime API route ${req.method} ${rest}`,
    }, 404);
  }
}

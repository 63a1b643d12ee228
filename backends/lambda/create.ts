/**
 * `docker create` on Lambda: CreateFunction from the image, with the container's command under
 * the run wrapper, its environment plus the agent's callback URL and secret, and the identity
 * tags. The function is the container from then on; the create body travels in its environment
 * so any later scan can render it.
 *
 * @module
 */
import { CreateFunctionCommand } from "@aws-sdk/client-lambda";
import {
  askedHealthcheck,
  checkCommand,
  checkCreateBody,
  containerEvent,
  freeName,
} from "../core/cloud/mod.ts";
import type { ContainerCreateBody } from "../core/container_types.ts";
import { NotImplemented } from "../core/errors.ts";
import { newId } from "../core/names.ts";
import { functionNameOf } from "./cloud.ts";
import { CREATE_BODY_ENV, type LambdaContainer } from "./directory.ts";
import { replayEnv } from "./attach_output.ts";
import { wrappedCommand } from "./run_script.ts";
import type { LambdaBackendState } from "./state.ts";
import { identityTags } from "./tags.ts";

/** Lambda's longest run; a container is a long-lived process, so it gets all of it. */
const TIMEOUT_SECONDS = 900;

export async function createContainer(
  state: LambdaBackendState,
  request: { name?: string; body: ContainerCreateBody },
): Promise<{ Id: string; Warnings: string[] }> {
  const body = request.body;
  checkCreateBody(body, {
    backend: "lambda",
    mounts: "host bind mounts and volumes are not mapped onto Lambda",
    tty: "Lambda functions have no TTY (docker run -t)",
    restart: "Lambda does not invoke a function again when it fails, and the backend keeps no " +
      "process of its own to do it",
    ports: "a Lambda invocation takes no inbound connections; there is no port to map",
  });
  if (askedHealthcheck(body)) {
    throw new NotImplemented(
      "lambda backend: Lambda has no health checks (docker run --health-cmd)",
    );
  }
  if (body.OpenStdin) {
    throw new NotImplemented("lambda backend: a Lambda invocation has no stdin (docker run -i)");
  }
  if (body.User) {
    throw new NotImplemented("lambda backend: Lambda runs every image as its own user");
  }
  checkCommand("lambda", body);
  const argv = [...(body.Entrypoint ?? []), ...(body.Cmd ?? [])];
  const name = await freeName(state.directory, request.name);
  const id = newId();
  const identity = {
    id,
    name,
    created: Date.now(),
    image: body.Image!,
    autoRemove: body.HostConfig?.AutoRemove === true,
  };
  const environment = {
    ...envOf(body.Env ?? []),
    ...state.agents.enrol(id),
    ...replayEnv(),
    [CREATE_BODY_ENV]: JSON.stringify(body),
  };
  const created = await state.cloud.lambda.send(
    new CreateFunctionCommand({
      FunctionName: functionNameOf(id),
      Role: state.cloud.access.role,
      PackageType: "Image",
      Code: { ImageUri: body.Image },
      ImageConfig: {
        ...wrappedCommand(argv),
        ...(body.WorkingDir ? { WorkingDirectory: body.WorkingDir } : {}),
      },
      Environment: { Variables: environment },
      Timeout: TIMEOUT_SECONDS,
      ...(body.HostConfig?.Memory
        ? { MemorySize: Math.max(128, Math.round(body.HostConfig.Memory / 2 ** 20)) }
        : {}),
      Tags: identityTags(identity),
    }),
  );
  const container: LambdaContainer = {
    ...identity,
    body,
    functionName: created.FunctionName!,
    functionArn: created.FunctionArn!,
    environment,
    marks: {},
  };
  containerEvent(state, container, "create");
  return { Id: id, Warnings: [] };
}

function envOf(pairs: string[]): Record<string, string> {
  return Object.fromEntries(pairs.map((pair) => {
    const at = pair.indexOf("=");
    return at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
  }));
}

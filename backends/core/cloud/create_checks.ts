/**
 * What `docker create` refuses on every cloud backend before it touches the cloud: a body the
 * cloud cannot run (no image, host mounts, a TTY, a restart policy, published ports, no command
 * it could read from an image it does not pull) and a name already taken by a container the cloud
 * holds. Refusing at create is what keeps a flag from being accepted and then silently ignored.
 *
 * @module
 */
import type { ContainerCreateBody } from "../container_types.ts";
import { Conflict, InvalidParameter, NotImplemented } from "../errors.ts";
import { checkName, randomName } from "../names.ts";
import type { CloudContainer } from "./render.ts";

/** Refuses what the backend's cloud cannot run, in its own words. */
export function checkCreateBody(
  body: ContainerCreateBody,
  refuse: { backend: string; mounts: string; tty: string; restart: string; ports: string },
): void {
  if (!body.Image) throw new InvalidParameter("config: image is required");
  const host = body.HostConfig;
  if (host?.Binds?.length || host?.Mounts?.length) {
    throw new NotImplemented(`${refuse.backend} backend: ${refuse.mounts}`);
  }
  if (body.Tty) throw new NotImplemented(`${refuse.backend} backend: ${refuse.tty}`);
  const policy = host?.RestartPolicy?.Name;
  if (policy && policy !== "no") {
    const asked = policy === "on-failure" && host?.RestartPolicy?.MaximumRetryCount
      ? `${policy}:${host.RestartPolicy.MaximumRetryCount}`
      : policy;
    throw new NotImplemented(
      `${refuse.backend} backend: restart policy "${asked}" (docker run --restart): ${refuse.restart}`,
    );
  }
  const published = Object.entries(host?.PortBindings ?? {}).filter(([, b]) => b?.length);
  if (published.length || host?.PublishAllPorts) {
    const which = published.length ? published.map(([port]) => port).join(", ") : "all (-P)";
    throw new NotImplemented(
      `${refuse.backend} backend: published ports ${which} (docker run -p): ${refuse.ports}`,
    );
  }
}

/** The image's default command cannot be read here (images are not pulled), so one is needed. */
export function checkCommand(backend: string, body: ContainerCreateBody): void {
  if (body.Cmd?.length || body.Entrypoint?.length) return;
  throw new InvalidParameter(
    `${backend} backend: no command given for ${body.Image}: the image's default command cannot ` +
      "be read (images are not pulled), so name the command",
  );
}

/** The name asked for (checked) or a random one; a name in use is Docker's conflict. */
export async function freeName(
  directory: { all(): Promise<CloudContainer[]> },
  requested: string | undefined,
): Promise<string> {
  const name = requested ? checkName(requested) : randomName();
  const clash = (await directory.all()).find((c) => c.name === name);
  if (clash) {
    throw new Conflict(
      `Conflict. The container name "/${name}" is already in use by container "${clash.id}". ` +
        "You have to remove (or rename) that container to be able to reuse that name.",
    );
  }
  return name;
}

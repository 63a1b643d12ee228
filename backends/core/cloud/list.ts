/**
 * `GET /containers/json` on a cloud backend: always a fresh scan of the cloud. Filters on what
 * the cloud records (id, name, label, status, exited, ancestor); others are refused by name.
 *
 * @module
 */
import type { ContainerSummary } from "../container_types.ts";
import { checkFilterKeys, type Filters, labelsMatch } from "../filters.ts";
import { type CloudContainer, type ContainerLook, summarizeContainer } from "./render.ts";

const KEYS = ["id", "name", "label", "status", "exited", "ancestor"];

export async function listContainers<C extends CloudContainer>(
  directory: { all(): Promise<C[]> },
  look: ContainerLook<C>,
  r: { all: boolean; limit?: number; filters: Filters },
): Promise<ContainerSummary[]> {
  const f = r.filters;
  checkFilterKeys(f, KEYS);
  const any = (values: string[] | undefined, test: (v: string) => boolean) =>
    !values?.length || values.some(test);
  const all = r.all || Boolean(f.status?.length) || Boolean(f.exited?.length);
  const matching = (await directory.all()).filter((c) => {
    const s = look.stateOf(c);
    return (all || s.Running) &&
      any(f.id, (v) => c.id.startsWith(v)) &&
      any(f.name, (v) => new RegExp(v).test(c.name)) &&
      any(f.status, (v) => v === s.Status) &&
      any(f.exited, (v) => s.Status === "exited" && Number(v) === s.ExitCode) &&
      any(f.ancestor, (v) => v === c.image) &&
      labelsMatch(f, "label", c.body.Labels ?? {});
  });
  const limited = r.limit && r.limit > 0 ? matching.slice(0, r.limit) : matching;
  return limited.map((c) => summarizeContainer(c, look));
}

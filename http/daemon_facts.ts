/**
 * Facts about this daemon process that `/info` and `/version` report truthfully: they are read
 * from the host once at start, never invented.
 *
 * @module
 */

export interface DaemonFacts {
  /** A stable id for this daemon's data root (moby's `ID`). */
  id: string;
  /** The host's name (`Name` in `/info`). */
  name: string;
  /** Name of the backend behind the router (`memory`, `docker`, `ecs`…). */
  backend: string;
  dataRoot: string;
  startedAt: Date;
  ncpu: number;
  memTotal: number;
  kernelVersion: string;
  operatingSystem: string;
  osVersion: string;
  architecture: string;
  /** Where clients can reach us, for the logs and `docker info`'s warnings. */
  hosts: string[];
  /** Registries reached over plain HTTP (`--insecure-registry`). */
  insecureRegistries: string[];
}

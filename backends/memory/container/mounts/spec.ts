/**
 * What the backend asks a container actor to mount before its first start: host trees (bind
 * sources and volumes, served by the backend over a MessagePort) and tmpfs mounts.
 *
 * @module
 */

export type ContainerMountSpec =
  | {
    kind: "host";
    type: "bind" | "volume";
    /** Absolute container path. */
    target: string;
    readOnly: boolean;
    /** The host-tree port (see backends/memory/host_tree). */
    port: MessagePort;
    /** As /proc/mounts shows the source. */
    source: string;
    /** Copy the image's content at `target` into the tree when the tree is empty. */
    copyUp: boolean;
  }
  | {
    kind: "tmpfs";
    target: string;
    readOnly: boolean;
    sizeBytes?: number;
    mode?: number;
    /** The options as /proc/mounts shows them (size=…,mode=…). */
    options: string;
  };

/**
 * Opening what a path resolved to: regular files (copied up when opened for writing), devices,
 * named pipes, the process's stdio under /proc/self/fd, generated /proc files and directories.
 *
 * @module
 */
import type { FileHandle, OpenOptions } from "../types.ts";
import { DeviceHandle, StdioHandle } from "./devices.ts";
import { fail } from "./errors.ts";
import { mutableNode } from "./frame_ops.ts";
import {
  DirHandle,
  GeneratedHandle,
  MemoryFileHandle,
  PipeHandle,
  truncateNode,
} from "./handle.ts";
import type { FifoNode, FileNode, ProcessView } from "./node.ts";
import type { Frame } from "./resolve.ts";

function openStdio(node: FifoNode, path: string, view: ProcessView): FileHandle {
  const stdio = view.stdio ?? {};
  const input = node.stdio === 0 ? stdio.stdin : undefined;
  const output = node.stdio === 1 ? stdio.stdout : node.stdio === 2 ? stdio.stderr : undefined;
  return new StdioHandle(node, path, input, output);
}

/** A handle on the in-memory node of `frame`, opened as `options` ask. */
export function openFrame(frame: Frame, path: string, options: OpenOptions, view: ProcessView) {
  const writing = Boolean(options.write || options.append || options.truncate);
  const flags = { read: options.read ?? !writing, write: writing, append: options.append ?? false };
  const node = frame.node!;
  // Devices and pipes stay writable on a read-only mount, as on Linux.
  if (writing && frame.readOnly && node.kind !== "chardev" && node.kind !== "fifo") {
    fail("EROFS", path);
  }
  switch (node.kind) {
    case "dir":
      if (writing) fail("EISDIR", path);
      return new DirHandle(node, path);
    case "file": {
      if (!writing) return new MemoryFileHandle(node, path, flags);
      const owned = mutableNode(frame, path) as FileNode;
      if (options.truncate) truncateNode(owned, 0, path);
      return new MemoryFileHandle(owned, path, flags);
    }
    case "generated":
      if (writing) fail("EACCES", path);
      return new GeneratedHandle(node, path, node.generate(view));
    case "chardev":
      return new DeviceHandle(node, path);
    case "fifo":
      if (node.stdio !== undefined) return openStdio(node, path, view);
      return new PipeHandle(node, path, node.pipe, flags);
    case "symlink":
      return fail("ELOOP", path);
  }
}

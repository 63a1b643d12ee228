/**
 * Tar in and out of the sandbox filesystem: importing image layers, exporting a tree (docker
 * export, archive GET) and extracting into a container (archive PUT). Byte data is Web Streams.
 *
 * @module
 */
export { TarError } from "./entries.ts";
export { type ExportOptions, exportTar } from "./export.ts";
export { exportLayer } from "./export_layer.ts";
export { type ExtractOptions, extractTar } from "./extract.ts";
export { importLayer, type ImportLayerOptions } from "./import_layer.ts";
export { type ContainerPathStat, containerPathStat, goFileMode } from "./path_stat.ts";

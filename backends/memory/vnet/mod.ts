/**
 * The memory backend's virtual network: the switchboard that joins container sandboxes, the
 * messages on each container's network port, and the MessagePort byte duplex that carries one
 * connection.
 *
 * @module
 */
export { ConnectionReset, type DuplexPort, duplexPort } from "./duplex_port.ts";
export type { NetFailure, NetReply, NetRequest } from "./protocol.ts";
export { Switchboard, type Topology } from "./switchboard.ts";

/**
 * The `-d` block of one packet: net-snmp's header and hex lines, then the decoded BER
 * structure (loaded only when `-d` is given).
 */
import { decodeBerTree, formatBerTree } from '../ber/tree.js';
import type { TransportAddress, TransportDomain } from '../transport/types.js';
import { xdump } from './format/hex.js';

/** Formats one packet for `-d`. */
export type PacketDump = (direction: 'sent' | 'received', bytes: Uint8Array, remote: TransportAddress, local: TransportAddress) => string;

const DOMAIN_LABEL: Readonly<Record<TransportDomain, string>> = { udp: 'UDP', tcp: 'TCP', udp6: 'UDP/IPv6', tcp6: 'TCP/IPv6' };

function endpoint(a: TransportAddress): string {
  return `[${a.host}]:${a.port}`;
}

/** The `-d` block of one packet: net-snmp's header and hex lines, then the BER tree. */
export const packetDump: PacketDump = function packetDump(direction: 'sent' | 'received', bytes: Uint8Array, remote: TransportAddress, local: TransportAddress): string {
  const where = `${DOMAIN_LABEL[remote.domain]}: ${endpoint(remote)}->${endpoint(local)}`;
  const head = direction === 'sent' ? `Sending ${bytes.length} bytes to ${where}` : `Received ${bytes.length} byte packet from ${where}`;
  let tree: string;
  try {
    tree = formatBerTree(decodeBerTree(bytes));
  } catch (err) {
    tree = `(not BER: ${(err as Error).message})`;
  }
  const indented = tree
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `\n${head}\n${xdump(bytes)}\n${indented}\n\n`;
};

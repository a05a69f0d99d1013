import type { BerReader } from '../ber/reader.js';
import type { BerWriter } from '../ber/writer.js';
import { DecodeError, EncodeError } from '../errors.js';
import type { Pdu } from './types.js';
import { PduTag } from './types.js';
import { type ExpectedNames, readVarBinds, writeVarBinds } from './varbinds.js';

/**
 * Writes a PDU (its tag, request id, error fields or bulk fields, varbinds), or the v1
 * Trap-PDU's fields.
 * @throws EncodeError when a field or value is out of range.
 */
export function writePdu(w: BerWriter, pdu: Pdu): void {
  const mark = w.mark();
  writeVarBinds(w, pdu.varbinds);
  switch (pdu.type) {
    case 'Trap': {
      // RFC 1157 §4.1.6
      w.writeUnsigned32(0x43, pdu.timeStamp);
      w.writeInteger32(0x02, pdu.specificTrap);
      w.writeInteger32(0x02, pdu.genericTrap);
      w.writeOctets(0x40, ipv4(pdu.agentAddr));
      w.writeOid(pdu.enterprise);
      break;
    }
    case 'GetBulkRequest':
      // RFC 3416 §3: non-repeaters and max-repetitions are INTEGER (0..2147483647).
      w.writeInteger32(0x02, nonNegative(pdu.maxRepetitions, 'maxRepetitions'));
      w.writeInteger32(0x02, nonNegative(pdu.nonRepeaters, 'nonRepeaters'));
      w.writeInteger32(0x02, pdu.requestId);
      break;
    default: {
      const tag = PduTag[pdu.type];
      if (tag === undefined) throw new EncodeError(`Unknown PDU type: ${String(pdu.type)}`);
      w.writeInteger32(0x02, pdu.errorIndex);
      w.writeInteger32(0x02, pdu.errorStatus);
      w.writeInteger32(0x02, pdu.requestId);
    }
  }
  w.writeSequence(PduTag[pdu.type], mark);
}

function nonNegative(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new EncodeError(`${what} must be an integer in 0..2^31-1, not ${n}`);
  return n;
}

function ipv4(text: string): Uint8Array {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (m === null) throw new EncodeError(`agentAddr is not an IPv4 address: "${text}"`);
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const v = Number(m[i + 1]);
    if (v > 255) throw new EncodeError(`agentAddr is not an IPv4 address: "${text}"`);
    out[i] = v;
  }
  return out;
}

/**
 * Reads a PDU of any kind. The reader must be positioned on the PDU's tag. With
 * `expected`, a Response's varbind names that come back as expected are those Oids.
 * @throws DecodeError when the PDU is malformed or has an unknown tag.
 */
export function readPdu(r: BerReader, maxVarBinds: number, copyOctets: boolean, expected?: ExpectedNames): Pdu {
  const start = r.pos;
  const tag = r.peekTag();
  let pdu: Pdu;
  switch (tag) {
    case 0xa4: {
      const outer = r.enter(tag, 'Trap-PDU');
      const enterprise = r.readOid('Trap-PDU enterprise');
      const addrStart = r.pos;
      const addr = r.readOctets(0x40, 'Trap-PDU agent-addr');
      if (addr.length !== 4) throw new DecodeError('badIpAddress', addrStart, `Trap-PDU agent-addr with ${addr.length} octets, not 4`);
      const genericTrap = r.readInteger32(0x02, 'Trap-PDU generic-trap');
      const specificTrap = r.readInteger32(0x02, 'Trap-PDU specific-trap');
      const timeStamp = r.readUnsigned32(0x43, 'Trap-PDU time-stamp');
      const varbinds = readVarBinds(r, maxVarBinds, copyOctets);
      r.leave(outer, 'Trap-PDU');
      pdu = { type: 'Trap', enterprise, agentAddr: `${addr[0]}.${addr[1]}.${addr[2]}.${addr[3]}`, genericTrap, specificTrap, timeStamp, varbinds };
      break;
    }
    case 0xa5: {
      const outer = r.enter(tag, 'GetBulkRequest-PDU');
      const requestId = r.readInteger32(0x02, 'request-id');
      const nonRepeaters = r.readInteger32(0x02, 'non-repeaters');
      const maxRepetitions = r.readInteger32(0x02, 'max-repetitions');
      const varbinds = readVarBinds(r, maxVarBinds, copyOctets);
      r.leave(outer, 'GetBulkRequest-PDU');
      pdu = { type: 'GetBulkRequest', requestId, nonRepeaters, maxRepetitions, varbinds };
      break;
    }
    case 0xa0:
    case 0xa1:
    case 0xa2:
    case 0xa3:
    case 0xa6:
    case 0xa7:
    case 0xa8: {
      const type = TYPE_BY_TAG[tag & 0x0f]!;
      const outer = r.enter(tag, type);
      const requestId = r.readInteger32(0x02, 'request-id');
      const errorStatus = r.readInteger32(0x02, 'error-status');
      const errorIndex = r.readInteger32(0x02, 'error-index');
      const varbinds = readVarBinds(r, maxVarBinds, copyOctets, tag === 0xa2 ? expected : undefined);
      r.leave(outer, type);
      pdu = { type, requestId, errorStatus, errorIndex, varbinds };
      break;
    }
    default:
      throw new DecodeError('badPdu', start, `Unknown PDU tag 0x${tag.toString(16).padStart(2, '0')}`);
  }
  return pdu;
}

const TYPE_BY_TAG = ['GetRequest', 'GetNextRequest', 'Response', 'SetRequest', undefined, undefined, 'InformRequest', 'SNMPv2Trap', 'Report'] as const;

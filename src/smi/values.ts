import { InvalidArgumentError } from '../errors.js';
import { Oid } from './oid.js';
import type { SmiType, SmiValueMap, VarBind, VarBindOf } from './types.js';

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const UINT32_MAX = 0xffffffff;
const UINT64_MAX = 0xffffffffffffffffn;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Checks that `value` is a valid value of SMI type `type` (range, JavaScript type, length).
 * @throws InvalidArgumentError naming the type and the value.
 */
export function checkValue(type: SmiType, value: unknown): void {
  switch (type) {
    case 'Integer32':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX)
        throw new InvalidArgumentError(`Integer32 must be an integer in -2^31..2^31-1, not ${String(value)}`);
      return;
    case 'Counter32':
    case 'Gauge32':
    case 'TimeTicks':
    case 'UInteger32':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > UINT32_MAX)
        throw new InvalidArgumentError(`${type} must be an integer in 0..2^32-1, not ${String(value)}`);
      return;
    case 'Counter64':
      if (typeof value !== 'bigint' || value < 0n || value > UINT64_MAX)
        throw new InvalidArgumentError(`Counter64 must be a bigint in 0..2^64-1, not ${String(value)}`);
      return;
    case 'OctetString':
    case 'Opaque':
    case 'NsapAddress':
      if (!(value instanceof Uint8Array)) throw new InvalidArgumentError(`${type} must be a Uint8Array`);
      return;
    case 'BitString': {
      const v = value as { bytes?: unknown; unusedBits?: unknown } | null;
      if (typeof v !== 'object' || v === null || !(v.bytes instanceof Uint8Array) || typeof v.unusedBits !== 'number')
        throw new InvalidArgumentError('BitString must be { bytes: Uint8Array, unusedBits: number }');
      if (!Number.isInteger(v.unusedBits) || v.unusedBits < 0 || v.unusedBits > 7 || (v.bytes.length === 0 && v.unusedBits !== 0))
        throw new InvalidArgumentError(`BitString unusedBits must be 0..7 (0 when empty), not ${v.unusedBits}`);
      return;
    }
    case 'IpAddress':
      if (typeof value !== 'string' || !IPV4.test(value)) throw new InvalidArgumentError(`IpAddress must be a dotted quad, not ${String(value)}`);
      return;
    case 'ObjectIdentifier':
      if (!(value instanceof Oid)) throw new InvalidArgumentError('ObjectIdentifier must be an Oid');
      return;
    case 'Null':
    case 'NoSuchObject':
    case 'NoSuchInstance':
    case 'EndOfMibView':
      if (value !== null) throw new InvalidArgumentError(`${type} has the value null`);
      return;
    default:
      throw new InvalidArgumentError(`Unknown SMI type: ${String(type)}`);
  }
}

/**
 * Makes a varbind, checking the value against its type. A string OID is parsed.
 * @throws InvalidArgumentError when the OID or the value is not valid.
 */
export function varBind<K extends SmiType>(oid: Oid | string, type: K, value: SmiValueMap[K]): VarBindOf<K> {
  checkValue(type, value);
  return { oid: Oid.of(oid), type, value } as unknown as VarBindOf<K>;
}

/** A varbind with a NULL value, as a request carries. */
export function nullVarBind(oid: Oid | string): VarBindOf<'Null'> {
  return { oid: Oid.of(oid), type: 'Null', value: null };
}

/** Checks a varbind made elsewhere. @throws InvalidArgumentError */
export function checkVarBind(vb: VarBind): void {
  if (!(vb.oid instanceof Oid)) throw new InvalidArgumentError('VarBind oid must be an Oid');
  checkValue(vb.type, vb.value);
}

/**
 * The data types of `snmp-request ... set VARIABLE DATA-TYPE VALUE` (seed 004 §4.1.3, whose
 * table did not survive; these words are tsnmp's, case-insensitive, and net-snmp's snmpset
 * letters are accepted too):
 *
 * | word | SMI type | VALUE |
 * |---|---|---|
 * | `int`, `integer` | INTEGER | decimal, -2147483648..2147483647 |
 * | `str`, `string`, `octets` | OCTET STRING | text (UTF-8) |
 * | `hex` | OCTET STRING | hex octets: `0a1b2c`, `0a 1b 2c`, `0x0a1b` |
 * | `decimal` | OCTET STRING | decimal octets: `10.1.255` |
 * | `bits` | OCTET STRING (BITS) | bit numbers: `0,3,8` |
 * | `oid`, `objid` | OBJECT IDENTIFIER | numeric OID |
 * | `ip`, `ipaddress` | IpAddress | dotted quad |
 * | `counter`, `counter32` | Counter32 | 0..4294967295 |
 * | `gauge`, `gauge32`, `unsigned`, `unsigned32` | Gauge32 | 0..4294967295 |
 * | `timeticks` | TimeTicks | hundredths of a second |
 * | `uinteger32` | UInteger32 (RFC 1442) | 0..4294967295 |
 * | `counter64` | Counter64 | 0..18446744073709551615 |
 * | `opaque` | Opaque | hex octets |
 * | `null` | NULL | any word (ignored) |
 * | `float`, `double`, `int64`, `uint64` | Opaque | net-snmp's wrapped Float, Double, Int64, UInt64 |
 */
import { InvalidArgumentError } from '../../errors.js';
import type { Oid } from '../../smi/oid.js';
import type { VarBind } from '../../smi/types.js';
import { parseSetValue, SET_TYPE_LETTERS } from '../args/set-values.js';

/** Each word and the snmpset letter that reads the same value. */
const WORDS: Readonly<Record<string, string>> = {
  int: 'i',
  integer: 'i',
  str: 's',
  string: 's',
  octets: 's',
  hex: 'x',
  decimal: 'd',
  bits: 'b',
  oid: 'o',
  objid: 'o',
  ip: 'a',
  ipaddress: 'a',
  counter: 'c',
  counter32: 'c',
  gauge: 'u',
  gauge32: 'u',
  unsigned: 'u',
  unsigned32: 'u',
  timeticks: 't',
  counter64: 'C',
  null: 'n',
  float: 'F',
  double: 'D',
  int64: 'I',
  uint64: 'U',
};

/** The data-type words, for the usage text. */
export const DATA_TYPE_WORDS: readonly string[] = [...Object.keys(WORDS), 'uinteger32', 'opaque'];

/**
 * The varbind of `VARIABLE DATA-TYPE VALUE`.
 * @throws InvalidArgumentError naming the data type or the value that is not acceptable.
 */
export function dataTypeValue(oid: Oid, type: string, value: string, parseOid: (t: string) => Oid): VarBind {
  const word = type.toLowerCase();
  if (word === 'uinteger32') {
    if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) throw new InvalidArgumentError(`Value out of range (${value})`);
    return { oid, type: 'UInteger32', value: Number(value) };
  }
  if (word === 'opaque') {
    const v = parseSetValue(oid, 'x', value, parseOid);
    return { oid, type: 'Opaque', value: v.value as Uint8Array };
  }
  const letter = WORDS[word] ?? (type.length === 1 && SET_TYPE_LETTERS.includes(type) ? type : undefined);
  if (letter === undefined) throw new InvalidArgumentError(`Unknown data type "${type}" (one of ${DATA_TYPE_WORDS.join(', ')})`);
  return parseSetValue(oid, letter, value, parseOid);
}

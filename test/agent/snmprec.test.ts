/** The .snmprec codec (src/smi/snmprec.ts) and serving recorded data. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serveSnmprec } from '../../src/agent/snmprec-data.js';
import { DecodeError } from '../../src/errors.js';
import { Oid } from '../../src/smi/oid.js';
import { octetsFromText } from '../../src/smi/octets.js';
import { formatSnmprec, formatSnmprecLine, parseSnmprec, parseSnmprecLine } from '../../src/smi/snmprec.js';
import type { VarBind } from '../../src/smi/types.js';
import { ask, lines, testAgent } from './helpers.js';

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/agent/device.snmprec');

test('every tag parses to its SMI type; x is hex, e has Python escapes, plain text is ISO-8859-1', () => {
  const vbs = parseSnmprec(readFileSync(fixture, 'utf8'));
  const by = (o: string) => vbs.find((v) => v.oid.toString() === o)!;
  assert.equal(vbs.length, 39);
  assert.equal(Buffer.from(by('1.3.6.1.2.1.1.1.0').value as Uint8Array).toString(), 'Linux router1 6.1.0-13');
  assert.equal(Buffer.from(by('1.3.6.1.2.1.1.5.0').value as Uint8Array).toString(), 'router1.lab');
  assert.equal(by('1.3.6.1.2.1.1.3.0').type, 'TimeTicks');
  assert.equal((by('1.3.6.1.2.1.1.2.0').value as Oid).toString(), '1.3.6.1.4.1.8072.3.2.10');
  assert.deepEqual(by('1.3.6.1.2.1.4.20.1.1.10.0.0.1'), { oid: Oid.parse('1.3.6.1.2.1.4.20.1.1.10.0.0.1'), type: 'IpAddress', value: '10.0.0.1' });
  assert.equal(by('1.3.6.1.2.1.31.1.1.1.6.2').value, 18446744073709551615n);
  assert.equal(by('1.3.6.1.2.1.2.2.1.5.2').type, 'Gauge32');
  assert.equal(by('1.3.6.1.2.1.2.2.1.10.2').type, 'Counter32');
  assert.equal(by('1.3.6.1.4.1.8072.1.1.0').type, 'Opaque');
  assert.equal(by('1.3.6.1.4.1.8072.1.2.0').type, 'Null');
  assert.equal(by('1.3.6.1.4.1.8072.1.4.0').value, -2147483648);
  assert.deepEqual(parseSnmprecLine('1.3.6.1.9|4|caf\u00e9')!.value, Uint8Array.of(0x63, 0x61, 0x66, 0xe9));
  assert.deepEqual(parseSnmprecLine('1.3.6.1.9|3x|0580')!.value, { bytes: Uint8Array.of(0x80), unusedBits: 5 });
  assert.equal(parseSnmprecLine('1.3.6.1.9|71|7')!.type, 'UInteger32');
  assert.equal(parseSnmprecLine('1.3.6.1.9|130|')!.type, 'EndOfMibView');
  assert.equal(parseSnmprecLine('  # comment'), undefined);
});

test('bad records name their line and column', () => {
  const cases: [string, string, RegExp][] = [
    ['1.3.6.1.1.0|2|1\n1.3.6.1.2.0|2|x1\n', 'badInteger', /line 2, column 15/],
    ['1.3.6.1.2.0|99|1', 'badTag', /unknown tag 99/],
    ['1.3.6.1.2.0|2:numeric|1', 'badTag', /variation module/],
    ['1.3.6.1.2.0|4x|abc', 'badFrame', /hex/],
    ['1.3.6.1.2.0|2', 'badFrame', /OID\|TAG\|VALUE/],
    ['1.3.x|2|1', 'badOid', /bad OID/],
    ['1.3.6.1.2.0|64|300.1.1.1', 'badIpAddress', /IpAddress/],
    ['1.3.6.1.2.0|2|2147483648', 'badInteger', /Integer32/],
    ['1.3.6.1.2.0|4e|bad\\q', 'badFrame', /unknown escape/],
    ['1.3.6.1.2.0|4|\u0100', 'badFrame', /ISO-8859-1/],
  ];
  for (const [text, kind, re] of cases) {
    assert.throws(
      () => parseSnmprec(text),
      (err: unknown) => err instanceof DecodeError && err.kind === kind && re.test(err.message),
      text,
    );
  }
});

test('format writes what snmpsim writes and parses back to the same varbinds', () => {
  const vbs: VarBind[] = [
    { oid: Oid.parse('1.3.6.1.1.0'), type: 'OctetString', value: octetsFromText('router1') },
    { oid: Oid.parse('1.3.6.1.2.0'), type: 'OctetString', value: octetsFromText('two words') },
    { oid: Oid.parse('1.3.6.1.3.0'), type: 'IpAddress', value: '192.0.2.7' },
    { oid: Oid.parse('1.3.6.1.4.0'), type: 'Counter64', value: 2n ** 64n - 1n },
    { oid: Oid.parse('1.3.6.1.5.0'), type: 'ObjectIdentifier', value: Oid.parse('1.3.6.1.4.1') },
    { oid: Oid.parse('1.3.6.1.6.0'), type: 'BitString', value: { bytes: Uint8Array.of(0xa0), unusedBits: 4 } },
    { oid: Oid.parse('1.3.6.1.7.0'), type: 'Null', value: null },
    { oid: Oid.parse('1.3.6.1.8.0'), type: 'Integer32', value: -7 },
    { oid: Oid.parse('1.3.6.1.9.0'), type: 'NsapAddress', value: Uint8Array.of(1, 2) },
    { oid: Oid.parse('1.3.6.1.10.0'), type: 'TimeTicks', value: 100 },
  ];
  const text = formatSnmprec(vbs);
  assert.deepEqual(text.split('\n').slice(0, 3), ['1.3.6.1.1.0|4|router1', '1.3.6.1.2.0|4x|74776f20776f726473', '1.3.6.1.3.0|64x|c0000207']);
  assert.equal(formatSnmprecLine(vbs[5]!), '1.3.6.1.6.0|3x|04a0');
  assert.deepEqual(parseSnmprec(text, { sort: false }), vbs);
  assert.throws(() => formatSnmprecLine({ oid: Oid.parse('1.3'), type: 'Integer32', value: 2 ** 40 }));
});

test('served records answer Get, GetNext and GetBulk; they are read-only unless asked', async () => {
  const agent = testAgent();
  const { registration } = serveSnmprec(agent.registry, readFileSync(fixture, 'utf8'));
  assert.equal(registration.root.toString(), '1.3.6.1');
  const r = await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.2.2.1.2.9'] });
  assert.deepEqual(lines(r!.varbinds), ['1.3.6.1.2.1.1.5.0=OctetString:router1.lab', '1.3.6.1.2.1.2.2.1.2.9=NoSuchInstance:']);
  const n = await ask(agent, { type: 'GetBulkRequest', maxRepetitions: 3, varbinds: ['1.3.6.1.2.1.31'] });
  assert.deepEqual(lines(n!.varbinds), ['1.3.6.1.2.1.31.1.1.1.6.1=Counter64:0', '1.3.6.1.2.1.31.1.1.1.6.2=Counter64:18446744073709551615', '1.3.6.1.2.1.31.1.1.1.6.3=Counter64:12345678901234']);
  const s = await ask(agent, { community: 'private', type: 'SetRequest', varbinds: [{ oid: Oid.parse('1.3.6.1.2.1.1.5.0'), type: 'OctetString', value: octetsFromText('x') }] });
  assert.equal(s?.errorStatus, 17, 'notWritable');
  assert.throws(() => serveSnmprec(agent.registry, '# nothing\n'));
});

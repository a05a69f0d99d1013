/**
 * The command line's building blocks: C printf of doubles (against the system's printf on
 * random values), getopt as glibc reads options, set values, Opaque-wrapped types, hex
 * layouts, TimeTicks, the snmpd.conf subset and its source rules, and the progress line.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAgentConfig, sourceAllowed } from '../../src/cli/agent/config.js';
import { getopt } from '../../src/cli/args/getopt.js';
import { inetAton, parseSetValue } from '../../src/cli/args/set-values.js';
import { parseCommon } from '../../src/cli/args/snmpcmd.js';
import { Progress } from '../../src/cli/commands/progress.js';
import { hexString, xdump } from '../../src/cli/format/hex.js';
import { parseNumericOid } from '../../src/cli/format/oid-names.js';
import { decodeOpaqueSpecial, encodeOpaqueSpecial } from '../../src/cli/format/opaque.js';
import { formatFloat, parseFloatSpec } from '../../src/cli/format/printf.js';
import { uptimeString } from '../../src/mib/display-hint.js';
import { BufferIo } from '../../src/cli/io.js';
import { Oid } from '../../src/smi/oid.js';

/** A double as a C hex float literal, which printf(1) reads exactly. */
function hexFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0x0p+0' : '0x0p+0';
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, Math.abs(x));
  const hi = v.getUint32(0);
  const lo = v.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  const frac = ((BigInt(hi & 0xfffff) << 32n) | BigInt(lo)).toString(16).padStart(13, '0');
  const sign = x < 0 ? '-' : '';
  return exp === 0 ? `${sign}0x0.${frac}p-1022` : `${sign}0x1.${frac}p${exp - 1023}`;
}

describe('printf of doubles', () => {
  it('matches the system printf on random values and conversions', { skip: process.platform === 'win32' }, () => {
    const specs = ['.6f', '.0f', '.1f', '.3f', '.17f', '+020.12f', '-12.3f', '#.0f', '.6e', '.0e', '.10E', '+.3e', 'g', '.1g', '.3g', '.17g', '#.3g', '10.4G', '015.5g', ' .2f'];
    const values = fc.sample(
      fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -1000, max: 1000 }).map((n) => n / 128)),
      { numRuns: 60, seed: 4242 },
    );
    values.push(0.5, 1.5, 2.5, 0.0078125, 1e21, 123456789.125, 5e-324, 1.7976931348623157e308, -0);
    for (const spec of specs) {
      const fmt = `%${spec}\n`;
      const expected = execFileSync('printf', [fmt.repeat(values.length), ...values.map(hexFloat)], { encoding: 'utf8' }).split('\n');
      values.forEach((x, i) => {
        const parsed = parseFloatSpec(spec.slice(0, -1) + (spec.endsWith('f') ? '' : spec.slice(-1)));
        const got = spec.endsWith('f') ? formatFloat(x, parsed) : formatFloat(x, { ...parsed, suffix: '' });
        assert.equal(got, expected[i], `printf("%${spec}", ${hexFloat(x)})`);
      });
    }
  });

  it('inf, nan and -nan as glibc prints them', () => {
    const f = parseFloatSpec('');
    assert.equal(formatFloat(Infinity, f), 'inf');
    assert.equal(formatFloat(-Infinity, f), '-inf');
    assert.equal(formatFloat(Number.NaN, f), 'nan');
    assert.equal(formatFloat(Number.NaN, f, true), '-nan');
    assert.equal(formatFloat(Infinity, parseFloatSpec('010')), '       inf');
  });

  it('-Op strings: a conversion letter is followed by a literal f, as net-snmp builds "%" + PRECISION + "f"', () => {
    assert.equal(formatFloat(1.5, parseFloatSpec('5.3e')), '1.500e+00f');
    assert.throws(() => parseFloatSpec('x'), /Invalid precision "x"/);
  });
});

describe('getopt as glibc', () => {
  const short = { v: 'required', c: 'required', O: 'required', d: 'none', D: 'optional' } as const;
  it('clusters, attached and separate arguments, permutation, --', () => {
    const r = getopt(['-dv2c', 'host', '-c', 'public', '-OnQ', 'oid', '--', '-x'], { short });
    assert.deepEqual(
      r.options.map((o) => [o.name, o.value]),
      [
        ['d', undefined],
        ['v', '2c'],
        ['c', 'public'],
        ['O', 'nQ'],
      ],
    );
    assert.deepEqual(r.operands, ['host', 'oid', '-x']);
    assert.deepEqual(getopt(['-D', 'x', '-DALL'], { short }).options.map((o) => o.value), [undefined, 'ALL']);
  });
  it('stops at the first operand when asked (snmpset: i -1 is a value)', () => {
    const r = getopt(['-d', 'host', 'oid', 'i', '-1', '-On'], { short, stopAtOperand: true });
    assert.deepEqual(r.operands, ['host', 'oid', 'i', '-1', '-On']);
  });
  it('errors in glibc words', () => {
    assert.throws(() => getopt(['-k'], { short }), /^InvalidArgumentError: invalid option -- 'k'$/);
    assert.throws(() => getopt(['-c'], { short }), /option requires an argument -- 'c'/);
    assert.throws(() => getopt(['--frob'], { short }), /unrecognized option '--frob'/);
  });
  it('snmpcmd options: net-snmp messages', () => {
    const bad = (args: string[]): string => {
      const r = parseCommon(args, { name: 'tsnmp get' });
      assert.equal(r.ok, false);
      return r.ok ? '' : r.message;
    };
    assert.equal(bad(['-v', '4', 'h']), 'Invalid version specified after -v flag: 4');
    assert.equal(bad(['-r', 'x', 'h']), 'Invalid number of retries after -r flag.');
    assert.equal(bad(['-t', '0', 'h']), 'Invalid timeout in seconds after -t flag.');
    assert.equal(bad(['-v2c']), 'No hostname specified.');
    assert.equal(bad(['-v2c', 'h']), 'No community name specified.');
    assert.equal(bad(['-Oz', 'h']), 'Unknown output option passed to -O: z.');
    const ok = parseCommon(['-v1', '-c', 'x', '-t', '1.5x', '-r', '3', '-Oqn', 'h', 'o'], { name: 'tsnmp get' });
    assert.ok(ok.ok);
    assert.equal(ok.value.timeout, 1.5);
    assert.equal(ok.value.retries, 3);
    assert.equal(ok.value.output.quickPrint, true);
    assert.equal(ok.value.output.oidFormat, 'numeric');
  });
});

describe('set values', () => {
  const oid = Oid.parse('1.3.6.1.4.1.1.0');
  const set = (t: string, v: string): unknown => parseSetValue(oid, t, v, parseNumericOid).value;
  it('reads each type letter', () => {
    assert.equal(set('i', ' -5'), -5);
    assert.equal(set('u', '-1'), 4294967295);
    assert.equal(set('t', '100'), 100);
    assert.equal(set('a', '1.2.3'), '1.2.0.3');
    assert.deepEqual(set('x', '0x0a 0b'), Uint8Array.of(10, 11));
    assert.deepEqual(set('d', '1..2 255'), Uint8Array.of(1, 2, 255));
    assert.deepEqual(set('b', '0,3 8'), Uint8Array.of(0x90, 0x80));
    assert.equal(set('C', '18446744073709551615'), 18446744073709551615n);
    assert.deepEqual(set('F', '1.5'), Uint8Array.from(Buffer.from('9f78043fc00000', 'hex')));
  });
  it('refuses with net-snmp\'s words', () => {
    assert.throws(() => set('q', '1'), /^InvalidArgumentError: Bad object type: q$/);
    assert.throws(() => set('i', '2147483648'), /Value out of range \(2147483648\)/);
    assert.throws(() => set('i', ''), /Bad value notation \(\)/);
    assert.throws(() => set('u', '0x10'), /Bad value notation \(0x10\)/);
    assert.throws(() => set('x', 'abc'), /Bad value notation \(abc\)/);
    assert.throws(() => set('d', '256'), /Bad value notation/);
    assert.throws(() => set('b', 'a'), /Value out of range \(a\)/);
    assert.throws(() => set('o', '1.3.x'), /Unknown Object Identifier \(x\)/);
  });
  it('inet_aton forms', () => {
    assert.equal(inetAton('10.1'), '10.0.0.1');
    assert.equal(inetAton('0x7f.1'), '127.0.0.1');
    assert.equal(inetAton('010.0.0.1'), '8.0.0.1');
    assert.equal(inetAton('3232235521'), '192.168.0.1');
    assert.equal(inetAton('1.2.3.4.5'), undefined);
    assert.equal(inetAton('256.1.1.1'), undefined);
  });
});

describe("net-snmp's Opaque-wrapped types", () => {
  it('encode and decode back, for any value of each type', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.double({ noNaN: true }), (i, u, d) => {
        assert.deepEqual(decodeOpaqueSpecial(encodeOpaqueSpecial({ kind: 'Int64', value: i })), { kind: 'Int64', value: i });
        assert.deepEqual(decodeOpaqueSpecial(encodeOpaqueSpecial({ kind: 'UInt64', value: u })), { kind: 'UInt64', value: u });
        const dd = decodeOpaqueSpecial(encodeOpaqueSpecial({ kind: 'Double', value: d, negativeNan: false }));
        assert.ok(dd !== undefined && dd.kind === 'Double' && Object.is(dd.value, d));
      }),
      { numRuns: 200, seed: 7 },
    );
  });
  it('malformed wrappings are plain Opaque octets', () => {
    for (const hex of ['9f78033fc000', '9f78043fc0000000', '9f7a098000000000000000ff', '9f7609ffffffffffffffffff', '9f77', '9f', '', '9e78043fc00000']) {
      assert.equal(decodeOpaqueSpecial(Uint8Array.from(Buffer.from(hex, 'hex'))), undefined, hex);
    }
  });
});

describe('hex layouts and TimeTicks', () => {
  it('Hex-STRING lines of 16, -OT text beside', () => {
    const b = Uint8Array.from({ length: 17 }, (_, i) => 0x41 + i);
    assert.equal(hexString(b, false), '41 42 43 44 45 46 47 48 49 4A 4B 4C 4D 4E 4F 50 \n51 ');
    assert.equal(hexString(b, true), '41 42 43 44 45 46 47 48 49 4A 4B 4C 4D 4E 4F 50   [ABCDEFGHIJKLMNOP]\n51   [Q]');
    assert.equal(hexString(new Uint8Array(0), true), '  []');
  });
  it('the -d dump layout', () => {
    const b = Uint8Array.from(Buffer.from('302902010104067075626c6963a01c02', 'hex'));
    assert.equal(xdump(b), '0000: 30 29 02 01  01 04 06 70  75 62 6C 69  63 A0 1C 02    0).....public...\n');
    // A partial line, as snmpget -d printed it.
    const tail = Uint8Array.from(Buffer.from('082b0601020101050005 00'.replace(' ', ''), 'hex'));
    assert.equal(xdump(tail), `0000: 08 2B 06 01  02 01 01 05  00 05 00${' '.repeat(20)}.+.........\n`);
  });
  it('uptime strings', () => {
    assert.equal(uptimeString(0, false), '0:00:00.00');
    assert.equal(uptimeString(8640000, false), '1 day, 0:00:00.00');
    assert.equal(uptimeString(4294967295, false), '497 days, 2:27:52.95');
    assert.equal(uptimeString(4294967295, true), '497:2:27:52.95');
  });
});

describe('snmpd.conf subset', () => {
  it('communities, sources, views and VACM lines', () => {
    const cfg = parseAgentConfig(
      [
        'rocommunity public default',
        'rocommunity public 10.0.0.0/8',
        'rwcommunity private !192.168.1.5',
        'rwcommunity private 192.168.1.0/255.255.255.0',
        'view v included .1.3.6.1.2.1 ff.c0',
        'com2sec6 s ::1 six',
        'group g v2c s',
        'access g "" v2c noauth exact v v none',
      ].join('\n'),
      'x.conf',
    );
    assert.equal(cfg.communities.length, 0 + 3);
    const priv = cfg.communities.find((c) => c.community === 'private')!;
    assert.equal(priv.access, 'read-write');
    assert.equal(sourceAllowed(priv.sources, '192.168.1.7'), true);
    assert.equal(sourceAllowed(priv.sources, '192.168.1.5'), false);
    assert.equal(sourceAllowed(priv.sources, '10.0.0.1'), false);
    const pub = cfg.communities.find((c) => c.community === 'public')!;
    assert.equal(sourceAllowed(pub.sources, '203.0.113.9'), true);
    assert.equal(sourceAllowed(pub.sources, '::1'), false, 'rocommunity covers IPv4 only');
    const six = cfg.communities.find((c) => c.community === 'six')!;
    assert.equal(six.access, 'read-write');
    assert.equal(sourceAllowed(six.sources, '::1'), true);
    assert.deepEqual(six.view, [{ subtree: parseNumericOid('.1.3.6.1.2.1'), type: 'included', mask: 'ff:c0' }]);
  });
  it('errors name the file and the line', () => {
    assert.throws(() => parseAgentConfig('# c\n\nrocommunity public\nview x maybe .1\n', 'a.conf'), /^InvalidArgumentError: a\.conf:4: view: type must be included or excluded/);
    assert.throws(() => parseAgentConfig('rocommunity public\nrwcommunity public\n', 'b.conf'), /b\.conf:2: rwcommunity: community "public" was given other access at line 1/);
  });
});

describe('progress line', () => {
  it('drawn on a terminal after a second, at most four times a second, erased at the end', () => {
    let t = 0;
    const io = new BufferIo({ stderrIsTTY: true });
    const p = new Progress(io, () => t);
    p.update(10);
    assert.equal(io.err, '', 'nothing in the first second');
    t = 2000;
    p.update(5000);
    assert.equal(io.err, '\r\x1b[K5000 varbinds, 2500/s');
    t = 2100;
    p.update(5200);
    assert.equal(io.err, '\r\x1b[K5000 varbinds, 2500/s', 'not redrawn within 250 ms');
    p.clear();
    assert.ok((io.err as string).endsWith('\r\x1b[K'));
  });
});

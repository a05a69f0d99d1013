/**
 * tsnmp's manager against net-snmp's snmpd on loopback: v1 and v2c over udp, udp6, tcp
 * and tcp6. Each result is compared with what net-snmp's own tools (snmpget,
 * snmpgetnext, snmpbulkget, snmpwalk, snmpbulkwalk with -On) print for the same request.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import diagnostics_channel from 'node:diagnostics_channel';
import { after, before, test } from 'node:test';
import { RequestTimeoutError, ResponseStatusError } from '../../src/errors.js';
import { SEND_CHANNEL, type SendMessage } from '../../src/manager/diagnostics.js';
import { Dispatcher } from '../../src/manager/dispatcher.js';
import { Session } from '../../src/manager/session.js';
import { octetsFromText } from '../../src/smi/octets.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { NET_SNMP_ENV, type SnmpdHandle, startSnmpd } from '../support/snmpd.js';
import { diffWalk, parseNumericOutput, type PrintedVarBind } from './net-snmp-output.js';

const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const VOLATILE = new Set([SYS_UPTIME]);
/** Subtrees whose content stays the same between two walks. */
const SUBTREES = ['1.3.6.1.2.1.1', '1.3.6.1.4.1.99999', '1.3.6.1.4.1.8072.1.2.1', '1.3.6.1.6.3.16'];
const NS_MODULE_ENTRY = '1.3.6.1.4.1.8072.1.2.1.1';

const OVERRIDES = [
  'override 1.3.6.1.4.1.99999.1.1.0 integer -42',
  'override 1.3.6.1.4.1.99999.1.2.0 octet_str "hello world"',
  'override 1.3.6.1.4.1.99999.1.3.0 object_id .1.3.6.1.4.1.99999.7',
  'override 1.3.6.1.4.1.99999.1.4.0 counter 4294967295',
  'override 1.3.6.1.4.1.99999.1.5.0 timeticks 123456',
  'override 1.3.6.1.4.1.99999.1.6.0 unsigned 77',
  'override 1.3.6.1.4.1.99999.1.7.0 octet_str 0x00ff10',
  'override 1.3.6.1.4.1.99999.1.8.0 octet_str ""',
];

let snmpd: SnmpdHandle;

before(async () => {
  snmpd = await startSnmpd({ config: OVERRIDES });
});

after(async () => {
  await snmpd?.stop();
});

function peerOf(domain: string): string {
  return domain.endsWith('6') ? `${domain}:[::1]:${snmpd.port}` : `${domain}:127.0.0.1:${snmpd.port}`;
}

/** Runs a net-snmp tool with -On and returns its varbinds. */
function tool(name: string, version: '1' | '2c', peer: string, args: string[], community = 'public'): PrintedVarBind[] {
  const r = spawnSync(name, [`-v${version}`, '-c', community, '-On', '-r', '1', '-t', '2', peer, ...args], { encoding: 'latin1', env: NET_SNMP_ENV });
  assert.equal(r.status, 0, `${name} ${args.join(' ')}: ${r.stderr}`);
  return parseNumericOutput(r.stdout);
}

async function collect(it: AsyncIterable<VarBind>): Promise<VarBind[]> {
  const out: VarBind[] = [];
  for await (const v of it) out.push(v);
  return out;
}

for (const domain of ['udp', 'udp6', 'tcp', 'tcp6']) {
  for (const version of ['v1', 'v2c'] as const) {
    const v = version === 'v1' ? '1' : '2c';
    test(`${version} over ${domain}: get, getnext, getbulk, set, errors, walks and a table match net-snmp`, async () => {
      const peer = peerOf(domain);
      const s = new Session({ peer, version, timeout: 2000, retries: 1 });
      const rw = new Session({ peer, version, community: 'private', timeout: 2000, retries: 1 });
      try {
        // get of several varbinds
        const oids = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', SYS_UPTIME, '1.3.6.1.2.1.1.4.0', '1.3.6.1.4.1.99999.1.4.0'];
        assert.deepEqual(diffWalk(tool('snmpget', v, peer, oids), await s.get(oids), VOLATILE), []);
        // getnext
        const next = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.4.1.99999.1.2.0', '1.3.6.1.2.1.1.9.1.2'];
        assert.deepEqual(diffWalk(tool('snmpgetnext', v, peer, next), await s.getNext(next), VOLATILE), []);
        if (version === 'v2c') {
          // getbulk
          const bulk = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.9.1.3'];
          const got = await s.getBulk(bulk, { nonRepeaters: 1, maxRepetitions: 4 });
          assert.equal(got.length, 5);
          assert.deepEqual(diffWalk(tool('snmpbulkget', v, peer, ['-Cn1', '-Cr4', ...bulk]), got, VOLATILE), []);
          // noSuchInstance and noSuchObject are values
          const missing = await s.get(['1.3.6.1.2.1.1.1.1', '1.3.6.1.2.1.99.1.0', '1.3.6.1.2.1.1.5.0']);
          assert.deepEqual(missing.map((x) => x.type), ['NoSuchInstance', 'NoSuchObject', 'OctetString']);
        } else {
          await assert.rejects(s.get(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.99.1.0']), (e: unknown) => e instanceof ResponseStatusError && e.status === 'noSuchName' && e.errorIndex === 2 && e.oid === '1.3.6.1.2.1.99.1.0');
        }
        // set through the read-write community, and read back
        const name = `tsnmp-${domain}-${version}`;
        const set = await rw.set([{ oid: Oid.parse('1.3.6.1.2.1.1.5.0'), type: 'OctetString', value: octetsFromText(name) }]);
        assert.equal(new TextDecoder().decode(set[0]!.value as Uint8Array), name);
        assert.equal(tool('snmpget', v, peer, ['1.3.6.1.2.1.1.5.0'])[0]!.value, `"${name}"`);
        // a set through the read-only community is refused: v1 noSuchName, v2c noAccess (what snmpd answers)
        await assert.rejects(
          s.set([{ oid: set[0]!.oid, type: 'OctetString', value: octetsFromText('nope') }]),
          (e: unknown) => e instanceof ResponseStatusError && e.status === (version === 'v1' ? 'noSuchName' : 'noAccess') && e.errorIndex === 1 && e.oid === '1.3.6.1.2.1.1.5.0',
        );
        // walks, varbind for varbind (what snmpwalk prints: the exception value that ends a walk too)
        for (const root of SUBTREES) {
          assert.deepEqual(diffWalk(tool('snmpwalk', v, peer, [root]), await collect(s.walk(root, { includeExceptions: true })), VOLATILE), [], `walk ${root}`);
          if (version === 'v2c') {
            assert.deepEqual(diffWalk(tool('snmpbulkwalk', v, peer, ['-Cr7', root]), await collect(s.bulkWalk(root, { maxRepetitions: 7, includeExceptions: true })), VOLATILE), [], `bulkwalk ${root}`);
          }
        }
        // the edge cases: a leaf instance, a missing subtree, past the end of the MIB, -Ci
        for (const [root, flags] of [
          ['1.3.6.1.2.1.1.1.0', []],
          ['1.3.6.1.2.1.99', []],
          ['1.3.6.1.6.3.99', []],
          ['1.3.6.1.2.1.1.9.1.2', ['-Ci']],
        ] as const) {
          // As snmpwalk prints them: exception values included.
          const opts = flags.length > 0 ? { includeRequested: true, includeExceptions: true } : { includeExceptions: true };
          assert.deepEqual(diffWalk(tool('snmpwalk', v, peer, [...flags, root]), await collect(s.walk(root, opts)), VOLATILE), [], `walk ${flags.join(' ')} ${root}`);
          if (version === 'v2c') assert.deepEqual(diffWalk(tool('snmpbulkwalk', v, peer, [...flags, root]), await collect(s.bulkWalk(root, opts)), VOLATILE), [], `bulkwalk ${root}`);
        }
        // -CE
        assert.deepEqual(diffWalk(tool('snmpwalk', v, peer, ['-CE', '1.3.6.1.2.1.1.9.1.3', '1.3.6.1.2.1.1']), await collect(s.walk('1.3.6.1.2.1.1', { endOid: '1.3.6.1.2.1.1.9.1.3' })), VOLATILE), []);
        // a table: nsModuleTable, three columns at once, against the walk of the whole entry
        const printed = tool(version === 'v1' ? 'snmpwalk' : 'snmpbulkwalk', v, peer, [NS_MODULE_ENTRY]).filter((p) => /^1\.3\.6\.1\.4\.1\.8072\.1\.2\.1\.1\.[456]\./.test(p.oid));
        const cells: VarBind[] = [];
        let rows = 0;
        for await (const row of s.table(NS_MODULE_ENTRY, { columns: [4, 5, 6], maxRepetitions: 5 })) {
          rows++;
          for (const c of [4, 5, 6]) {
            const cell = row.columns.get(c);
            if (cell !== undefined) {
              assert.equal(cell.oid.toString(), `${NS_MODULE_ENTRY}.${c}.${row.index.toString()}`);
              cells.push(cell);
            }
          }
        }
        assert.ok(rows > 10, `${rows} rows`);
        cells.sort((a, b) => a.oid.compare(b.oid));
        assert.deepEqual(diffWalk(printed, cells), []);
      } finally {
        await s.close();
        await rw.close();
      }
    });
  }
}

test('a port where nothing answers: 1 + retries attempts with exponential backoff, then RequestTimeoutError', async () => {
  const silent = createSocket('udp4');
  await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
  let received = 0;
  silent.on('message', () => received++);
  const sends: SendMessage[] = [];
  const onSend = (m: unknown): void => void sends.push(m as SendMessage);
  diagnostics_channel.subscribe(SEND_CHANNEL, onSend);
  const target = `udp:127.0.0.1:${silent.address().port}`;
  const s = new Session({ peer: target, timeout: 40, retries: 3 });
  try {
    await assert.rejects(s.get('1.3.6.1.2.1.1.1.0'), (e: unknown) => e instanceof RequestTimeoutError && e.retries === 3 && e.timeout === 40 && e.target === target);
    const mine = sends.filter((m) => m.target === target);
    assert.deepEqual(mine.map((m) => [m.attempt, m.timeout]), [[0, 40], [1, 80], [2, 160], [3, 320]]);
    assert.equal(new Set(mine.map((m) => m.requestId)).size, 1);
    await new Promise((r) => setImmediate(r));
    assert.equal(received, 4, 'the silent port saw every attempt');
  } finally {
    diagnostics_channel.unsubscribe(SEND_CHANNEL, onSend);
    await s.close();
    silent.close();
  }
});

test('a closed port behind a connected socket (connectUdp): still 1 + retries attempts, then RequestTimeoutError', async () => {
  // The ICMP port unreachable that a connected socket hears must not turn into a send error.
  const probe = createSocket('udp4');
  await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
  const port = probe.address().port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const target = `udp:127.0.0.1:${port}`;
  const sends: SendMessage[] = [];
  const onSend = (m: unknown): void => void sends.push(m as SendMessage);
  diagnostics_channel.subscribe(SEND_CHANNEL, onSend);
  const s = new Session({ peer: target, timeout: 30, retries: 3, dispatcher: new Dispatcher({ connectUdp: true }) });
  try {
    const many = await Promise.allSettled(Array.from({ length: 5 }, () => s.get('1.3.6.1.2.1.1.1.0')));
    assert.ok(
      many.every((r) => r.status === 'rejected' && r.reason instanceof RequestTimeoutError),
      many.map((r) => (r.status === 'rejected' ? String(r.reason) : 'resolved')).join(', '),
    );
    assert.equal(sends.filter((m) => m.target === target).length, 5 * 4);
  } finally {
    diagnostics_channel.unsubscribe(SEND_CHANNEL, onSend);
    await s.close();
  }
});

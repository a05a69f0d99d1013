/**
 * `tsnmp table` against net-snmp's snmptable. snmptable needs a MIB to know a table's
 * columns (with `-On` it always answers "Was that a table?"), so net-snmp reads the test
 * MIB while tsnmp, without a MIB compiler yet, labels columns by number; the comparison
 * renders tsnmp's rows with the MIB's labels and must then give snmptable's bytes, for each
 * layout option. tsnmp's own output (numeric labels) is checked against expected text.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { renderTable } from '../../src/cli/format/table-render.js';
import { NET_SNMP_ENV, haveNetSnmpTools } from '../support/snmpd.js';
import { type FakeAgent, startFakeAgent } from './support/fake-agent.js';
import { run, tsnmp } from './support/run.js';

const skip = haveNetSnmpTools() ? false : 'net-snmp tools are not installed';
const MIB_DIR = fileURLToPath(new URL('../../../test/fixtures/cli/mibs', import.meta.url));
const LABELS = ['testIndex', 'testName', 'testCount'];

function tlv(tag: number, content: number[] | string): string {
  const c = typeof content === 'string' ? Buffer.from(content, 'latin1') : Buffer.from(content);
  return Buffer.concat([Buffer.from([tag, c.length]), c]).toString('hex');
}

/** Rows 1, 2, 10 complete; row 20 has only a name (a sparse table). */
function tableEntries(): { oid: string; tlv: string }[] {
  const e: { oid: string; tlv: string }[] = [];
  const base = '1.3.6.1.4.1.99999.7.1.1';
  for (const [i, name, count] of [
    [1, 'eth0', [5]],
    [2, 'lo', [0]],
    [10, 'a long name here', [0x01, 0xe2, 0x40]],
  ] as const) {
    e.push({ oid: `${base}.1.${i}`, tlv: tlv(0x02, [i]) });
    e.push({ oid: `${base}.2.${i}`, tlv: tlv(0x04, name) });
    e.push({ oid: `${base}.3.${i}`, tlv: tlv(0x02, [...count]) });
  }
  e.push({ oid: `${base}.2.20`, tlv: tlv(0x04, 'sparse') });
  e.push({ oid: '1.3.6.1.4.1.99999.8.0', tlv: tlv(0x02, [1]) });
  return e;
}

describe('tsnmp table and net-snmp snmptable', { skip }, () => {
  let agent: FakeAgent;
  let target: string;
  before(async () => {
    agent = await startFakeAgent({ entries: tableEntries() });
    target = `127.0.0.1:${agent.port}`;
  });
  after(() => agent.stop());

  /** tsnmp's rows (index and cells) for the given -O flags, read through tsnmp table itself. */
  async function tsnmpRows(oflags: string[]): Promise<{ index: string; cells: (string | undefined)[] }[]> {
    const r = await tsnmp(['table', '-v2c', '-c', 'public', ...oflags, '-CH', '-Ci', '-Cf', '\t', target, '.1.3.6.1.4.1.99999.7.1']);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [index, ...cells] = l.split('\t');
        return { index: index!, cells: cells.map((c) => (c === '?' ? undefined : c)) };
      });
  }

  const layouts: string[][] = [[], ['-Cf', ','], ['-Ch'], ['-CH'], ['-Ci'], ['-Cb'], ['-Cw', '20'], ['-Cl'], ['-Cc', '12'], ['-Ci', '-Cf', '|'], ['-Ci', '-Cw', '30'], ['-Cc', '8', '-Cw', '20'], ['-Cc', '12', '-Ci'], ['-Cl', '-Ci']];
  for (const oflags of [[], ['-Oq'], ['-Ox']]) {
    for (const layout of layouts) {
      it(`layout ${[...oflags, ...layout].join(' ') || 'default'}`, async () => {
        const net = await run('snmptable', ['-v2c', '-c', 'public', '-M', MIB_DIR, '-m', 'TSNMP-TEST-MIB', ...oflags, ...layout, target, 'TSNMP-TEST-MIB::testTable'], { env: { ...NET_SNMP_ENV, MIBDIRS: MIB_DIR } });
        assert.equal(net.status, 0, net.stderr);
        assert.match(net.stdout, layout.includes('-CH') ? /\?/ : /test/);
        const rows = layout.includes('-Ch') ? [] : await tsnmpRows(oflags);
        const mine = renderTable(
          { name: 'TSNMP-TEST-MIB::testTable', labels: LABELS, rows },
          {
            ...(layout.includes('-Cf') ? { separator: layout[layout.indexOf('-Cf') + 1]! } : {}),
            ...(layout.includes('-Cc') ? { columnWidth: Number(layout[layout.indexOf('-Cc') + 1]) } : {}),
            ...(layout.includes('-Cw') ? { maxWidth: Number(layout[layout.indexOf('-Cw') + 1]) } : {}),
            leftJustify: layout.includes('-Cl'),
            showIndex: layout.includes('-Ci'),
            brief: layout.includes('-Cb'),
            headersOnly: layout.includes('-Ch'),
            noHeaders: layout.includes('-CH'),
          },
        );
        assert.equal(mine, net.stdout);
      });
    }
  }

  it('tsnmp table without a MIB: columns by number, ? for a missing cell', async () => {
    const r = await tsnmp(['table', '-v2c', '-c', 'public', '-On', '-Ci', target, '.1.3.6.1.4.1.99999.7.1']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'SNMP table: .1.3.6.1.4.1.99999.7.1',
        '',
        ' index  1                  2      3',
        '     1  1             "eth0"      5',
        '     2  2               "lo"      0',
        '    10 10 "a long name here" 123456',
        '    20  ?           "sparse"      ?',
        '',
      ].join('\n'),
    );
  });

  it('tsnmp table over SNMPv1 and with -CB (GetNext) gives the same table', async () => {
    const bulk = await tsnmp(['table', '-v2c', '-c', 'public', target, '.1.3.6.1.4.1.99999.7.1']);
    for (const args of [['-v1'], ['-v2c', '-CB'], ['-v2c', '-Cr', '2']]) {
      const r = await tsnmp(['table', ...args, '-c', 'public', target, '.1.3.6.1.4.1.99999.7.1']);
      assert.equal(r.stdout, bulk.stdout, args.join(' '));
    }
    assert.match(bulk.stdout, /^SNMP table: iso\.3\.6\.1\.4\.1\.99999\.7\.1\n/);
  });

  it('an empty table: NAME: No entries', async () => {
    const r = await tsnmp(['table', '-v2c', '-c', 'public', '-On', target, '.1.3.6.1.4.1.99999.9']);
    assert.equal(r.stdout, '.1.3.6.1.4.1.99999.9: No entries\n');
    assert.equal(r.status, 0);
  });

  it('--json gives the cells as JSON objects', async () => {
    const r = await tsnmp(['table', '-v2c', '-c', 'public', '--json', target, '.1.3.6.1.4.1.99999.7.1']);
    const objs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { oid: string; type: string });
    assert.equal(objs.length, 10);
    assert.deepEqual(objs[0], { oid: '1.3.6.1.4.1.99999.7.1.1.1.1', type: 'Integer32', value: 1 });
  });
});

/**
 * `tsnmp table` against net-snmp's snmptable. snmptable needs a MIB to know a table's
 * columns (with `-On` it always answers "Was that a table?"), so net-snmp reads the test
 * MIB while tsnmp, without a MIB compiler yet, labels columns by number; the comparison
 * renders tsnmp's rows with the MIB's labels and must then give snmptable's bytes, for each
 * layout option. tsnmp's own output (numeric labels) is checked against expected text.
 * With a MIB loaded, tsnmp's output is compared with snmptable's as it is: the MIB gives the
 * columns (also those without any value), which columns count (not-accessible ones do not,
 * accessible-for-notify ones do), their order, and the rows' order and warning when the
 * agent has more columns than the MIB.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

/** BER of an INTEGER, OCTET STRING, Counter32 or Gauge32 for the fake agent. */
function ber(tag: number, content: number[] | string): string {
  return tlv(tag, content);
}

/**
 * A module whose table shows which columns snmptable takes: a not-accessible index column,
 * an accessible-for-notify one, a read-create one defined before the read-only ones (the
 * order of definition counts, not the column number) and an OBJECT IDENTIFIER name under
 * the entry; and a table with a second child defined after its entry (snmptable takes the
 * child defined last).
 */
const TABLE_MIB = `TSNMP-TABLE-COLUMNS-MIB DEFINITIONS ::= BEGIN
IMPORTS enterprises, OBJECT-TYPE FROM SNMPv2-SMI;
tcRoot OBJECT IDENTIFIER ::= { enterprises 99999 17 }
tcTable OBJECT-TYPE SYNTAX SEQUENCE OF TcEntry MAX-ACCESS not-accessible STATUS current DESCRIPTION "t" ::= { tcRoot 1 }
tcEntry OBJECT-TYPE SYNTAX TcEntry MAX-ACCESS not-accessible STATUS current DESCRIPTION "r" INDEX { tcIndex } ::= { tcTable 1 }
TcEntry ::= SEQUENCE { tcIndex INTEGER, tcCreate INTEGER, tcName OCTET STRING, tcNotify INTEGER }
tcIndex OBJECT-TYPE SYNTAX INTEGER MAX-ACCESS not-accessible STATUS current DESCRIPTION "i" ::= { tcEntry 1 }
tcCreate OBJECT-TYPE SYNTAX INTEGER MAX-ACCESS read-create STATUS current DESCRIPTION "c" ::= { tcEntry 7 }
tcName OBJECT-TYPE SYNTAX OCTET STRING MAX-ACCESS read-only STATUS current DESCRIPTION "n" ::= { tcEntry 2 }
tcNotify OBJECT-TYPE SYNTAX INTEGER MAX-ACCESS accessible-for-notify STATUS current DESCRIPTION "a" ::= { tcEntry 4 }
tcMark OBJECT IDENTIFIER ::= { tcEntry 5 }
tcTwoTable OBJECT-TYPE SYNTAX SEQUENCE OF TcEntry MAX-ACCESS not-accessible STATUS current DESCRIPTION "t" ::= { tcRoot 2 }
tcTwoEntry OBJECT-TYPE SYNTAX TcEntry MAX-ACCESS not-accessible STATUS current DESCRIPTION "r" INDEX { tcIndex } ::= { tcTwoTable 1 }
tcTwoName OBJECT-TYPE SYNTAX OCTET STRING MAX-ACCESS read-only STATUS current DESCRIPTION "x" ::= { tcTwoEntry 3 }
tcTwoOther OBJECT-TYPE SYNTAX TcEntry MAX-ACCESS not-accessible STATUS current DESCRIPTION "o" INDEX { tcIndex } ::= { tcTwoTable 2 }
tcTwoOtherName OBJECT-TYPE SYNTAX OCTET STRING MAX-ACCESS read-only STATUS current DESCRIPTION "x" ::= { tcTwoOther 3 }
END
`;

describe('tsnmp table with a MIB: the columns snmptable takes from it', { skip }, () => {
  let agent: FakeAgent;
  let target: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-table-'));
    writeFileSync(path.join(dir, 'TSNMP-TABLE-COLUMNS-MIB.txt'), TABLE_MIB);
    env = { ...NET_SNMP_ENV, MIBDIRS: `${MIB_DIR}:${dir}`, MIBS: 'IF-MIB:TSNMP-TEST-MIB:TSNMP-TABLE-COLUMNS-MIB', TSNMP_MIB_CACHE: '' };
    const e: { oid: string; tlv: string }[] = [];
    // IF-MIB::ifTable: ifIndex, ifDescr and ifInOctets in every row, ifSpeed in row 1 only
    // (a missing cell), the other 18 columns in none.
    const ifEntry = '1.3.6.1.2.1.2.2.1';
    for (const i of [1, 2, 10]) {
      e.push({ oid: `${ifEntry}.1.${i}`, tlv: ber(0x02, [i]) });
      e.push({ oid: `${ifEntry}.2.${i}`, tlv: ber(0x04, `if${i}`) });
      e.push({ oid: `${ifEntry}.10.${i}`, tlv: ber(0x41, [i * 3]) });
    }
    e.push({ oid: `${ifEntry}.5.1`, tlv: ber(0x42, [0x3b, 0x9a, 0xca, 0x00]) });
    // TSNMP-TABLE-COLUMNS-MIB::tcTable: the agent serves the not-accessible index column
    // (more columns than the MIB's), a row 3 known only by tcNotify and a row 9 only by
    // the index column.
    const tcEntry = '1.3.6.1.4.1.99999.17.1.1';
    for (const i of [1, 2, 9]) e.push({ oid: `${tcEntry}.1.${i}`, tlv: ber(0x02, [i]) });
    e.push({ oid: `${tcEntry}.2.2`, tlv: ber(0x04, 'two') });
    e.push({ oid: `${tcEntry}.2.1`, tlv: ber(0x04, 'one') });
    e.push({ oid: `${tcEntry}.4.3`, tlv: ber(0x02, [33]) });
    e.push({ oid: `${tcEntry}.7.1`, tlv: ber(0x02, [71]) });
    e.push({ oid: '1.3.6.1.4.1.99999.17.2.1.3.1', tlv: ber(0x04, 'entry') });
    e.push({ oid: '1.3.6.1.4.1.99999.17.2.2.3.1', tlv: ber(0x04, 'other') });
    agent = await startFakeAgent({ entries: e });
    target = `127.0.0.1:${agent.port}`;
  });
  after(async () => {
    await agent.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function compare(args: string[], table: string): Promise<string> {
    const [net, ts] = await Promise.all([run('snmptable', [...args, target, table], { env }), tsnmp(['table', ...args, target, table], { env })]);
    assert.equal(net.status, 0, net.stderr);
    assert.equal(ts.stderr, net.stderr);
    assert.equal(ts.stdout, net.stdout);
    assert.equal(ts.status, net.status);
    return ts.stdout;
  }

  const layouts: string[][] = [[], ['-Cf', ','], ['-Ch'], ['-CH'], ['-Ci'], ['-Cb'], ['-Cw', '80'], ['-Cl'], ['-Cc', '12'], ['-Ci', '-Cf', '|'], ['-Cc', '10', '-Cw', '40']];
  for (const layout of layouts) {
    it(`IF-MIB::ifTable, columns without any value and a missing cell: ${layout.join(' ') || 'default'}`, async () => {
      const out = await compare(['-v2c', '-c', 'public', ...layout], 'IF-MIB::ifTable');
      if (layout.length === 0) {
        const lines = out.split('\n');
        assert.equal(lines[2]!.trim().split(/ +/).length, 22);
        assert.match(lines[3]!, /^ +1 +if1 +\? +\? +1000000000 +\? /);
        assert.match(lines[4]!, /^ +2 +if2 +\? +\? +\? +\? /);
      }
    });
  }

  for (const args of [['-v1'], ['-v2c', '-CB'], ['-v2c', '-Cr', '2'], ['-v2c', '-Os'], ['-v2c', '-Of']]) {
    it(`IF-MIB::ifTable ${args.join(' ')}`, async () => {
      await compare([...args, '-c', 'public', '-Ci'], 'IF-MIB::ifTable');
    });
  }

  it('a numeric table OID the MIB knows takes the MIB columns', async () => {
    await compare(['-v2c', '-c', 'public'], '.1.3.6.1.2.1.2.2');
  });

  it('TSNMP-TEST-MIB::testTable as snmptable prints it', async () => {
    for (const layout of [[], ['-Ci', '-Cb'], ['-Cf', ',']]) await compare(['-v2c', '-c', 'public', ...layout], 'TSNMP-TEST-MIB::testTable');
  });

  it('not-accessible columns left out, accessible-for-notify kept, in order of definition; rows in walk order; the extra-column warning', async () => {
    for (const layout of [[], ['-Ci'], ['-Cb'], ['-Ch'], ['-CH', '-Cf', ';']]) {
      const out = await compare(['-v2c', '-c', 'public', ...layout], 'TSNMP-TABLE-COLUMNS-MIB::tcTable');
      if (layout.length === 0) {
        assert.equal(
          out,
          [
            'SNMP table: TSNMP-TABLE-COLUMNS-MIB::tcTable',
            '',
            ' tcCreate tcName tcNotify tcMark',
            '       71  "one"        ?      ?',
            '        ?  "two"        ?      ?',
            '        ?      ?       33      ?',
            'TSNMP-TABLE-COLUMNS-MIB::tcTable: WARNING: More columns on agent than in MIB',
            '',
          ].join('\n'),
        );
      }
    }
  });

  it('a table node with two children: the one defined last is the entry', async () => {
    const out = await compare(['-v2c', '-c', 'public'], 'TSNMP-TABLE-COLUMNS-MIB::tcTwoTable');
    assert.equal(out, 'SNMP table: TSNMP-TABLE-COLUMNS-MIB::tcTwoTable\n\n tcTwoOtherName\n        "other"\n');
  });

  it('-On (where snmptable says "Was that a table?"): the MIB columns, labelled by number', async () => {
    const r = await tsnmp(['table', '-v2c', '-c', 'public', '-On', '-Cf', ',', target, 'IF-MIB::ifTable'], { env });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'SNMP table: .1.3.6.1.2.1.2.2');
    assert.equal(lines[2], Array.from({ length: 22 }, (_, i) => String(i + 1)).join(','));
    assert.equal(lines[3], '1,if1,?,?,1000000000,?,?,?,?,3,?,?,?,?,?,?,?,?,?,?,?,?');
  });
});

/**
 * `tsnmp translate` against net-snmp's snmptranslate, run as a user runs them (child
 * processes, same arguments): names and OIDs in every -O form, -IR, -Td, -Tp and the
 * -Tz/-To/-Ts/-Tl reports of every node loaded, every name and OID of those reports
 * translated both ways, and the error lines and exit statuses. On the project's fixtures
 * (IETF modules in test/fixtures/cli/mibs, CHESS-MIB in test/fixtures/mib/chess), and on
 * the shared corpus when it is present (skipped, saying so, otherwise).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { freePort } from '../support/ports.js';
import { NET_SNMP_ENV } from '../support/snmpd.js';
import { run, type RunResult, tsnmp } from './support/run.js';

const HAVE_TOOL = spawnSync('snmptranslate', ['-V'], { encoding: 'utf8' }).status === 0;
const skip = HAVE_TOOL ? false : 'net-snmp snmptranslate is not installed: skipped';
const CLI_MIBS = fileURLToPath(new URL('../../../test/fixtures/cli/mibs', import.meta.url));
const CHESS = fileURLToPath(new URL('../../../test/fixtures/mib/chess', import.meta.url));
const CORPUS = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '../shared/mibs');
const corpusSkip = !HAVE_TOOL ? skip : existsSync(path.join(CORPUS, 'CHESS-MIB.txt')) ? false : `the shared MIB corpus was not found at ${CORPUS}: skipped`;
/** No MIBs from the environment, nothing from the user's cache. */
const ENV = { ...NET_SNMP_ENV, TSNMP_MIB_CACHE: '' };
const FIXTURES = ['-M', `${CHESS}:${CLI_MIBS}`, '-m', 'IF-MIB:TSNMP-TEST-MIB:CHESS-MIB'];

/** net-snmp's "At line N" is the line its scanner last read (unrelated to the module asked for). */
function norm(text: string): string {
  return text.replace(/^(Cannot find module \(.*\)): At line \d+ in \(none\)$/gm, '$1: At line N in (none)');
}

async function both(args: readonly string[], env: NodeJS.ProcessEnv = ENV): Promise<{ net: RunResult; ts: RunResult }> {
  const [net, ts] = await Promise.all([run('snmptranslate', args, { env, timeoutMs: 60_000 }), tsnmp(['translate', ...args], { env, timeoutMs: 60_000 })]);
  return { net, ts };
}

/** Same stdout, stderr and exit status as snmptranslate. */
async function same(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<RunResult> {
  const { net, ts } = await both(args, env);
  const what = `translate ${args.join(' ').slice(0, 200)}`;
  assert.equal(ts.stdout, net.stdout, `${what}: stdout`);
  assert.equal(norm(ts.stderr), norm(net.stderr), `${what}: stderr`);
  assert.equal(ts.status, net.status, `${what}: status`);
  return net;
}

/** The OIDs and labels of a -Tz report. */
function reportNodes(tz: string): { label: string; oid: string }[] {
  return tz
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const m = /^"(.*)"\t\t\t"(.*)"$/.exec(l);
      assert.ok(m !== null, l);
      return { label: m[1]!, oid: `.${m[2]!}` };
    });
}

describe('tsnmp translate and snmptranslate on the project fixtures', { skip }, () => {
  it('names and OIDs in every -O form, with indexes', async () => {
    const inputs = ['.1.3.6.1.2.1.2.2.1.2.1', 'IF-MIB::ifDescr.1', 'IF-MIB::ifType', '.1.3.6.1.4.1.99999.1.3.1.6.3.12', 'CHESS-MIB::chessGameResult.7', '.1.3.6.1.4.1.99999.7.1.1.2.5', '.1.3.6.1.2.1.1.9.1.2.1', '.1.3.6.1.4.1.99999.3.2', '.1.3.6.1.2.1.99.1', '.1.3.6.1.9999', '.1.3', '.2.1'];
    for (const o of [[], ['-On'], ['-Of'], ['-Os'], ['-OS'], ['-Ou'], ['-Ob'], ['-OX'], ['-OE'], ['-Ofb'], ['-Oq', '-Ov', '-Oe', '-Ox', '-Ot', '-OU']]) {
      const net = await same([...FIXTURES, ...o, ...inputs]);
      assert.equal(net.status, 0, net.stderr);
    }
  });

  it('random access to labels (-IR), and without it', async () => {
    await same([...FIXTURES, '-IR', 'ifDescr.1', 'chessMoveSan.2.14', 'sysDescr.0', 'testName.3', 'chessVariantChess960']);
    await same([...FIXTURES, '-IR', '-On', 'chessGameTable', 'ifEntry']);
    await same([...FIXTURES, 'ifDescr.1']);
    await same([...FIXTURES, '-IR', 'noSuchLabel']);
    await same([...FIXTURES, '-IR', 'ifDescr.1', 'noSuchLabel', 'sysDescr.0']);
  });

  it('-Td: the description of a node of every kind', async () => {
    const names = ['CHESS-MIB::chessMIB', 'CHESS-MIB::chessGameCastling', 'CHESS-MIB::chessMaxGames', 'CHESS-MIB::chessGameEntry', 'CHESS-MIB::chessMoveMade', 'CHESS-MIB::chessVariantStandard', 'CHESS-MIB::chessCompliance', 'CHESS-MIB::chessGroups', 'IF-MIB::ifType.3', 'IF-MIB::ifTable'];
    await same([...FIXTURES, '-Td', ...names]);
    await same([...FIXTURES, '-Td', '-On', '-IR', 'chessGameStatus']);
  });

  it('-Tp: the tree of a subtree and of everything loaded', async () => {
    await same([...FIXTURES, '-Tp', 'CHESS-MIB::chessMIB']);
    await same([...FIXTURES, '-Tp', 'IF-MIB::ifTable', 'CHESS-MIB::chessMoveTable']);
    const net = await same([...FIXTURES, '-Tp']);
    assert.match(net.stdout, /chessGameCastling\(10\)/);
  });

  it('-Tz, -To, -Ts, -Tl and their combination: every node loaded', async () => {
    for (const t of ['-Tz', '-To', '-Ts', '-Tl', '-Tolsz', '-Tsz']) {
      const net = await same([...FIXTURES, t]);
      assert.ok(net.stdout.split('\n').length > 200, t);
    }
  });

  it('every name and OID of the -Tz report, translated both ways', async () => {
    const nodes = reportNodes((await same([...FIXTURES, '-Tz'])).stdout);
    assert.ok(nodes.length > 200);
    const oids = nodes.map((n) => n.oid);
    await same([...FIXTURES, ...oids]);
    await same([...FIXTURES, '-Of', ...oids]);
    await same([...FIXTURES, '-Td', ...oids]);
    // Labels back to OIDs (a label defined twice resolves to one of them, as in net-snmp).
    await same([...FIXTURES, '-IR', '-On', ...nodes.map((n) => n.label)]);
  });

  it('errors: unknown names, missing modules, bad options, no input; messages and exit statuses', async () => {
    const cases: string[][] = [
      [...FIXTURES, 'ifDescr.1'],
      [...FIXTURES, 'IF-MIB::ifNothing.1'],
      [...FIXTURES, '.1.3.x'],
      [...FIXTURES, 'NO-SUCH-MIB::x'],
      ['-M', CLI_MIBS, '-m', 'NO-SUCH-MIB:IF-MIB', '-On', 'IF-MIB::ifDescr'],
      ['-M', CLI_MIBS, '-m', 'NOPE', 'NOPE2::x'],
      ['-M', '/nonexistent', '-m', 'NOPE', '.1.3'],
      [...FIXTURES, 'IF-MIB::ifDescr', 'IF-MIB::nothing', 'IF-MIB::ifType'],
    ];
    for (const c of cases) await same(c);
    // Usage problems: net-snmp's message, its usage text (tsnmp's own), exit status 1.
    for (const c of [['-Oz', '.1.3'], ['-Iz', '.1.3'], ['-Tx', '.1.3'], [], ['-Td'], ['-k']]) {
      const { net, ts } = await both([...FIXTURES, ...c]);
      assert.equal(ts.status, 1, c.join(' '));
      assert.equal(ts.status, net.status, c.join(' '));
      assert.equal(ts.stdout, '');
      const first = (s: string): string => s.split('\n')[0]!.replace(/^snmptranslate:/, 'tsnmp translate:');
      assert.equal(first(ts.stderr).replace('USAGE: tsnmp translate', 'USAGE: snmptranslate'), first(net.stderr), c.join(' '));
      assert.match(ts.stderr, /^USAGE: tsnmp translate \[OPTIONS\] OID \[OID\]\.\.\.$/m);
    }
  });

  it('MIBS and MIBDIRS, and -m/-M taking their place as in net-snmp', async () => {
    const env = { ...ENV, MIBS: 'TSNMP-TEST-MIB', MIBDIRS: CLI_MIBS };
    await same(['-IR', '-On', 'testName'], env);
    await same(['-m', 'IF-MIB', '-IR', '-On', 'testName'], env);
    await same(['-m', 'IF-MIB', '-m', 'TSNMP-TEST-MIB', '-IR', '-On', 'ifDescr'], env);
    await same(['-M', '/nonexistent', '-IR', '-On', 'testName'], env);
    await same(['-m', '-IF-MIB', '-IR', '-On', 'ifDescr', 'testName'], { ...env, MIBS: '' });
    // The query commands report missing modules with the same lines (here before a timeout).
    const port = await freePort();
    const args = ['-v2c', '-c', 'public', '-r', '0', '-t', '0.2', '-M', CLI_MIBS, '-m', 'NO-SUCH-MIB:IF-MIB', `127.0.0.1:${port}`, 'IF-MIB::ifDescr.1'];
    const [net, ts] = await Promise.all([run('snmpget', args, { env: ENV }), tsnmp(['get', ...args], { env: ENV })]);
    assert.match(net.stderr, /^MIB search path: .*\nCannot find module \(NO-SUCH-MIB\): At line \d+ in \(none\)\nTimeout: No Response from 127\.0\.0\.1:\d+\.\n$/);
    assert.equal(norm(ts.stderr), norm(net.stderr));
    assert.equal(ts.status, net.status);
  });

  it('unsupported reports say so instead of printing something else', async () => {
    for (const c of [['-Ta'], ['-Tt'], ['-TB', 'ifDesc'], ['-Ib', 'ifDesc'], ['-w', '40', '-Td', 'IF-MIB::ifDescr']]) {
      const r = await tsnmp(['translate', ...FIXTURES, ...c], { env: ENV });
      assert.equal(r.status, 1, c.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^tsnmp translate: -[TIw]\S* .* is not supported\n$/, c.join(' '));
    }
  });
});

describe('tsnmp translate and snmptranslate on the shared corpus (-m ALL)', { skip: corpusSkip }, () => {
  const ALL = ['-M', CORPUS, '-m', 'ALL'];

  it('-Tz, -To, -Ts, -Tl and -Tp of the whole corpus are identical, cold and from the cache', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'tsnmp-translate-cache-'));
    try {
      for (const t of ['-Tz', '-To', '-Ts', '-Tl', '-Tp']) {
        const net = await same([...ALL, t]);
        assert.ok(net.stdout.length > 500_000, t);
      }
      const cached = { ...ENV, TSNMP_MIB_CACHE: cache };
      await same([...ALL, '-Tz'], cached);
      await same([...ALL, '-Tz'], cached);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('every OID of the corpus to names (default, -Of, -Os, -Ou) and every label back with -IR -On', async () => {
    const nodes = reportNodes((await run('snmptranslate', [...ALL, '-Tz'], { env: ENV })).stdout);
    assert.ok(nodes.length > 20_000);
    const oids = nodes.map((n) => n.oid);
    for (const o of [[], ['-Of'], ['-Os'], ['-Ou']]) await same([...ALL, ...o, ...oids]);
    // Labels that are defined once (a label defined in two places may resolve either way).
    const count = new Map<string, number>();
    for (const n of nodes) count.set(n.label, (count.get(n.label) ?? 0) + 1);
    await same([...ALL, '-IR', '-On', ...nodes.filter((n) => count.get(n.label) === 1).map((n) => n.label)]);
  });

  it('-Td of every tenth node of the corpus', async () => {
    const nodes = reportNodes((await run('snmptranslate', [...ALL, '-Tz'], { env: ENV })).stdout);
    await same([...ALL, '-Td', ...nodes.filter((_, i) => i % 10 === 0).map((n) => n.oid)]);
  });
});

/**
 * Names, reports and parsing compared with net-snmp's snmptranslate on the shared corpus
 * (`-M ../shared/mibs -m ALL`): the output of `translate()` must be what snmptranslate
 * prints. Skipped, saying so, without the corpus or net-snmp's tools.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, test } from 'node:test';
import { formatOid } from '../../src/mib/oid-format.js';
import type { FormatOidOptions } from '../../src/mib/oid-format.js';
import { parseOid } from '../../src/mib/oid-parse.js';
import { MibStore } from '../../src/mib/store.js';
import { translate } from '../../src/mib/translate.js';
import type { TranslateOptions } from '../../src/mib/translate.js';
import { CORPUS_DIR, HAVE_CORPUS } from './helpers.js';

const HAVE_TOOL = spawnSync('snmptranslate', ['-V'], { encoding: 'utf8' }).status === 0;
const SKIP = !HAVE_CORPUS ? `the shared MIB corpus was not found at ${CORPUS_DIR}: skipped` : !HAVE_TOOL ? 'net-snmp snmptranslate is not installed: skipped' : false;

let store: MibStore;

before(() => {
  if (SKIP !== false) return;
  store = new MibStore({ path: [CORPUS_DIR] });
  store.loadAll();
});

function snmptranslate(args: readonly string[]): { stdout: string; stderr: string; status: number } {
  const r = spawnSync('snmptranslate', ['-M', CORPUS_DIR, '-m', 'ALL', ...args], { encoding: 'latin1', maxBuffer: 1 << 28 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

/** Node OIDs of the corpus from snmptranslate's own -Tz report: all, or every `step`th. */
function allOids(step = 1): string[] {
  return snmptranslate(['-Tz'])
    .stdout.split('\n')
    .filter((l, i) => l !== '' && i % step === 0)
    .map((l) => `.${l.split('\t')[3]!.slice(1, -1)}`);
}

/** Column OIDs with index values of many shapes. */
function indexedOids(): string[] {
  const suffixes = ['1', '4.10.0.0.1', '3.102.111.111', '1.4.10.0.0.1.5', '2.16.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.1', '0', '5.1.3.6.1.2.7', '1.2.3.4.5.6.7.8.9', '65.66.67', '7'];
  const out: string[] = [];
  let k = 0;
  let n = 0;
  for (const m of store.modules()) {
    for (const o of m.objects) {
      if (o.kind !== 'column' || n++ % 3 !== 0) continue;
      out.push(`.${o.oid.toString()}.${suffixes[k++ % suffixes.length]}`);
    }
  }
  return out;
}

/**
 * snmptranslate over many inputs. An input it rejects ends its run, so inputs that tsnmp's
 * reader rejects are left out of the batches (and checked one by one, up to `errorSample`):
 * a rejection tsnmp did not predict is a difference, reported as `ERROR`.
 */
function translateEach(inputs: readonly string[], args: readonly string[], errorSample = 5): (string | undefined)[] {
  const check = !args.includes('-Ir');
  const out: (string | undefined)[] = new Array<string | undefined>(inputs.length).fill(undefined);
  const good: number[] = [];
  let sampled = 0;
  for (let i = 0; i < inputs.length; i++) {
    let ok = true;
    try {
      parseOid(store, inputs[i]!, { randomAccess: false, checkRange: check });
    } catch (e) {
      ok = false;
      if (sampled++ < errorSample) {
        const r = snmptranslate([...args, inputs[i]!]);
        assert.notEqual(r.status, 0, `net-snmp accepts ${inputs[i]} that tsnmp rejects (${(e as Error).message})`);
        assert.equal(r.stderr.trim(), (e as Error).message, inputs[i]);
      }
    }
    if (ok) good.push(i);
  }
  let k = 0;
  while (k < good.length) {
    const idx = good.slice(k, k + 1500);
    const r = snmptranslate([...args, ...idx.map((i) => inputs[i]!)]);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    lines.forEach((l, j) => (out[idx[j]!] = l));
    if (lines.length < idx.length) {
      out[idx[lines.length]!] = `ERROR ${r.stderr.trim()}`;
      k += lines.length + 1;
    } else k += idx.length;
  }
  return out;
}

function compareNames(oids: readonly string[], flags: string, options: FormatOidOptions): void {
  const theirs = translateEach(oids, flags === '' ? ['-Ir'] : ['-Ir', `-O${flags}`]);
  const diffs: string[] = [];
  let compared = 0;
  for (let i = 0; i < oids.length; i++) {
    const t = theirs[i];
    if (t === undefined) continue;
    compared++;
    const mine = formatOid(store, oids[i]!.slice(1).split('.').map(Number), options);
    if (mine !== t && diffs.length < 10) diffs.push(`${oids[i]}: net-snmp ${t} / tsnmp ${mine}`);
  }
  assert.ok(compared > oids.length * 0.9, `compared ${compared} of ${oids.length}`);
  assert.deepEqual(diffs, []);
}

test('-Tz: every name and OID of the corpus, identical to snmptranslate', { skip: SKIP }, () => {
  const theirs = snmptranslate(['-Tz']).stdout;
  const mine = translate(store, [], { report: 'oids' });
  assert.equal(mine.exitCode, 0);
  assert.ok(theirs.length > 1_000_000);
  assert.equal(mine.stdout, theirs);
});

test('-Tp: the whole tree, identical to snmptranslate', { skip: SKIP }, () => {
  assert.equal(translate(store, [], { report: 'tree' }).stdout, snmptranslate(['-Tp']).stdout);
  const some = ['IF-MIB::ifTable', 'SNMP-TARGET-MIB::snmpTargetAddrEntry', 'IF-MIB::ifDescr.1', 'HOST-RESOURCES-MIB::hrStorage'];
  for (const n of some) assert.equal(translate(store, [n], { report: 'tree' }).stdout, snmptranslate(['-Tp', n]).stdout, n);
});

test('-Td: descriptions of every fourth node, identical to snmptranslate', { skip: SKIP }, () => {
  const oids = allOids(4);
  for (let i = 0; i < oids.length; i += 2000) {
    const batch = oids.slice(i, i + 2000);
    const theirs = snmptranslate(['-Td', ...batch]).stdout;
    const mine = translate(store, batch, { report: 'description' }).stdout;
    if (mine !== theirs) {
      const a = theirs.split('\n');
      const b = mine.split('\n');
      let k = 0;
      while (k < a.length && a[k] === b[k]) k++;
      assert.fail(`-Td differs near ${batch[0]}:\nnet-snmp: ${JSON.stringify(a.slice(k, k + 3))}\ntsnmp:    ${JSON.stringify(b.slice(k, k + 3))}`);
    }
  }
});

test('names of every node (every third in the other -O forms) match snmptranslate', { skip: SKIP }, () => {
  compareNames(allOids(), '', {});
  const some = allOids(3);
  compareNames(some, 'n', { format: 'numeric' });
  compareNames(some, 'f', { format: 'full' });
  compareNames(some, 's', { format: 'suffix' });
  compareNames(some, 'u', { format: 'ucd' });
});

test('table indexes decoded as snmptranslate does (strings, IMPLIED, enums, IpAddress, InetAddress, -Ob)', { skip: SKIP }, () => {
  // Index arcs of 4294967295 hit a net-snmp overflow; those are left out.
  const oids = indexedOids();
  compareNames(oids, '', {});
  compareNames(oids, 's', { format: 'suffix' });
  compareNames(oids, 'b', { breakIndex: false });
});

test('names read back to the OIDs snmptranslate reads, errors with its messages', { skip: SKIP }, () => {
  const names = indexedOids().map((o) => formatOid(store, o.slice(1).split('.').map(Number)));
  const theirs = translateEach(names, ['-On'], 20);
  const diffs: string[] = [];
  let compared = 0;
  for (let k = 0; k < names.length && diffs.length < 10; k++) {
    const t = theirs[k];
    if (t === undefined) continue;
    compared++;
    const mine = translate(store, [names[k]!], { format: 'numeric' });
    if (mine.stdout.trim() !== t) diffs.push(`${names[k]}: net-snmp ${t} / tsnmp ${mine.stdout}${mine.stderr}`);
  }
  assert.ok(compared > names.length * 0.8, `compared ${compared} of ${names.length}`);
  assert.deepEqual(diffs, []);
});

test('translate(): error messages and exit codes as snmptranslate', { skip: SKIP }, () => {
  const cases: [string[], TranslateOptions][] = [
    [['ifDescr.1'], {}],
    [['ifDescr.1'], { randomAccess: true }],
    [['nosuch'], { randomAccess: true }],
    [['IF-MIB::ifFoo'], {}],
    [['NOPE-MIB::ifDescr'], {}],
    [['iso.org.dod.internet.mgmt.mib-2.system.sysFoo.0'], {}],
    [['SNMP-TARGET-MIB::snmpTargetAddrTDomain."foo"'], {}],
    [["SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.2.'foo'"], {}],
    [['.1.3.6.x'], {}],
    [['IF-MIB::ifDescr.1', 'SNMPv2-MIB::sysDescr.0', '.1.3.6.1.2.1.4.34.1.3.1.4.10.0.0.1'], {}],
    [['IF-MIB:ifDescr.1'], { format: 'numeric' }],
    [['.1.3.6.1.6.3.12.1.2.1.2.3.102.111.111'], { extendedIndex: true }],
  ];
  for (const [inputs, opts] of cases) {
    const args: string[] = [];
    if (opts.randomAccess === true) args.push('-IR');
    if (opts.format === 'numeric') args.push('-On');
    if (opts.extendedIndex === true) args.push('-OX');
    const theirs = snmptranslate([...args, ...inputs]);
    const mine = translate(store, inputs, opts);
    const label = `${args.join(' ')} ${inputs.join(' ')}`;
    assert.equal(mine.stdout, theirs.stdout, label);
    assert.equal(mine.stderr, theirs.stderr, label);
    assert.equal(mine.exitCode === 0, theirs.status === 0, label);
  }
});

test('parseOid: the forms a user types', { skip: SKIP }, () => {
  const want = '1.3.6.1.2.1.2.2.1.2.1';
  for (const s of ['1.3.6.1.2.1.2.2.1.2.1', '.1.3.6.1.2.1.2.2.1.2.1', 'IF-MIB::ifDescr.1', 'ifDescr.1', '.iso.org.dod.internet.mgmt.mib-2.interfaces.ifTable.ifEntry.ifDescr.1', 'iso.3.6.1.2.1.2.2.1.2.1']) {
    assert.equal(parseOid(store, s).toString(), want, s);
  }
  assert.equal(parseOid(store, 'SNMP-VIEW-BASED-ACM-MIB::vacmGroupName.2."foo"').toString(), '1.3.6.1.6.3.16.1.2.1.3.2.3.102.111.111');
  assert.equal(parseOid(store, "SNMP-TARGET-MIB::snmpTargetAddrTDomain.'foo'").toString(), '1.3.6.1.6.3.12.1.2.1.2.102.111.111');
  assert.equal(parseOid(store, 'IP-MIB::ipAddressIfIndex.ipv4."10.0.0.1"').toString(), '1.3.6.1.2.1.4.34.1.3.1.8.49.48.46.48.46.48.46.49');
  assert.throws(() => parseOid(store, 'ifDescr.1', { randomAccess: false }), /Sub-id not found: \(top\) -> ifDescr/);
});

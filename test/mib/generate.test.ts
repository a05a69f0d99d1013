/**
 * The TypeScript generator: generated files compile under the project's strict tsconfig
 * (checked with tsc, with a type test where wrong value types must be compile errors), and
 * the generated agent, registered in a registry, answers Get/GetNext/Set through the agent's
 * request processing with the MIB's checks.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { processPdu } from '../../src/agent/processor.js';
import type { AgentRequestPdu } from '../../src/agent/processor.js';
import { Registry } from '../../src/agent/registry.js';
import { MibView } from '../../src/agent/view.js';
import { generateModule, moduleJsonText } from '../../src/mib/generate.js';
import { moduleFromJson, moduleToJson } from '../../src/mib/json.js';
import type { MibModuleJson } from '../../src/mib/json.js';
import { MibStore } from '../../src/mib/store.js';
import { octetsFromText, octetsToText } from '../../src/smi/octets.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { CORPUS_DIR, GOOD_DIR, HAVE_CORPUS, REPO_ROOT } from './helpers.js';

/** Generates modules into a new directory under dist/test/mib (so that `../../../src/index.js` is the built library). */
function generateInto(store: MibStore, modules: readonly string[], extra: Record<string, string>): string {
  const dir = path.join(REPO_ROOT, 'dist/test/mib', `gen-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  for (const m of modules) for (const f of generateModule(store, m, { importFrom: '../../../src/index.js' })) writeFileSync(path.join(dir, f.name), f.text);
  for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(dir, name), text);
  const tsconfig = { extends: '../../../../tsconfig.json', compilerOptions: { rootDir: '.', outDir: '.', declaration: false, sourceMap: false }, include: ['*.ts'], exclude: [] };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  return dir;
}

function tsc(dir: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const ACCESS = { name: 'test', readView: MibView.all, writeView: MibView.all, contextName: '' };

async function request(registry: Registry, type: 'GetRequest' | 'GetNextRequest' | 'SetRequest', varbinds: VarBind[]): Promise<{ errorStatus: number; errorIndex: number; varbinds: VarBind[] }> {
  const pdu = { type, requestId: 1, errorStatus: 0, errorIndex: 0, varbinds } as AgentRequestPdu;
  return await processPdu({ version: 1, pdu, access: ACCESS, registry, source: undefined, maxVarBindBytes: 60_000 });
}

/** GetNext from `root` until the walk leaves it (bounded). */
async function walk(registry: Registry, root: Oid): Promise<VarBind[]> {
  const out: VarBind[] = [];
  let at = root;
  for (let i = 0; i < 1000; i++) {
    const r = await request(registry, 'GetNextRequest', [{ oid: at, type: 'Null', value: null }]);
    const vb = r.varbinds[0]!;
    if (vb.type === 'EndOfMibView' || !vb.oid.startsWith(root)) break;
    out.push(vb);
    at = vb.oid;
  }
  return out;
}

const TYPE_TEST = `
import type { Oid, RequestContext } from '../../../src/index.js';
import * as t from './tsnmp-test-mib.js';
import { TsnmpTestTable } from './tsnmp-test-mib-agent.js';
import { tsnmpTestMibScalars } from './tsnmp-test-mib-handlers.js';

declare const ctx: RequestContext;
const table = new TsnmpTestTable();
table.set([1, '10.0.0.1', new Uint8Array([104, 105])], { tsnmpTestMac: new Uint8Array(6), tsnmpTestStatus: t.RowStatus.active });
// @ts-expect-error a MacAddress is octets, not text
table.set([1, '10.0.0.1', new Uint8Array(1)], { tsnmpTestMac: 'aa:bb:cc:dd:ee:ff' });
// @ts-expect-error RowStatus has no 7
table.set([1, '10.0.0.1', new Uint8Array(1)], { tsnmpTestStatus: 7 });
// @ts-expect-error the index has three parts
table.set([1], {});
// @ts-expect-error the second part of the index is an IpAddress, a dotted string
t.tsnmpTestEntryIndex.encode([1, 2, new Uint8Array(0)]);
export const colour: t.TestColour = t.TestColour.green;
// @ts-expect-error 9 is not a TestColour
export const bad: t.TestColour = 9;
const scalars = tsnmpTestMibScalars();
// @ts-expect-error tsnmpTestColour takes a TestColour value
void scalars.tsnmpTestColour.set('green', ctx);
// @ts-expect-error a read-only scalar has no set
void scalars.tsnmpTestTemperature.set(1, ctx);
export const oid: Oid = t.tsnmpTestName;
// @ts-expect-error Counter64 values are bigints
export const counter: t.TsnmpTestMibValues['tsnmpTestCounter'] = 5;
export const kind: t.TsnmpTestMibValues['tsnmpTestKind'] = t.tsnmpTestIdentity;
`;

test('generated TypeScript compiles strictly, wrong value types are compile errors, and the generated agent serves the MIB', async () => {
  const store = new MibStore({ path: [GOOD_DIR] });
  store.load('TSNMP-TEST-MIB');
  const dir = generateInto(store, ['TSNMP-TEST-MIB'], { 'type-test.ts': TYPE_TEST });
  try {
    const r = tsc(dir);
    assert.equal(r.status, 0, r.output);
    // The type test is checked: take one expectation away and tsc must fail.
    writeFileSync(path.join(dir, 'type-test.ts'), TYPE_TEST.replace('// @ts-expect-error 9 is not a TestColour\n', ''));
    const broken = tsc(dir);
    assert.notEqual(broken.status, 0);
    assert.match(broken.output, /type-test\.ts.*TS2322/);
    writeFileSync(path.join(dir, 'type-test.ts'), TYPE_TEST);
    assert.equal(tsc(dir).status, 0);

    const defs = (await import(pathToFileURL(path.join(dir, 'tsnmp-test-mib.js')).href)) as Record<string, unknown>;
    const agentMod = (await import(pathToFileURL(path.join(dir, 'tsnmp-test-mib-agent.js')).href)) as Record<string, unknown>;
    const handlers = (await import(pathToFileURL(path.join(dir, 'tsnmp-test-mib-handlers.js')).href)) as Record<string, unknown>;
    assert.equal(String(defs.tsnmpTestName), '1.3.6.1.4.1.99998.1.1.1');
    assert.deepEqual(defs.TestColour, { red: 1, green: 2, blue: 3 });
    const codec = defs.tsnmpTestEntryIndex as { encode(i: unknown[]): number[]; decode(a: number[]): unknown[] | undefined };
    assert.deepEqual(codec.encode([7, '10.0.0.1', octetsFromText('hi')]), [7, 10, 0, 0, 1, 104, 105]);
    assert.deepEqual(codec.decode([7, 10, 0, 0, 1, 104, 105]), [7, '10.0.0.1', octetsFromText('hi')]);
    assert.equal(codec.decode([7, 10, 0, 0]), undefined);

    const registry = new Registry();
    const register = agentMod.registerTsnmpTestMib as (r: Registry, s: unknown) => { registrations: unknown[]; tables: Record<string, { set(i: unknown[], v: unknown): void }> };
    const { registrations, tables } = register(registry, (handlers.tsnmpTestMibScalars as () => unknown)());
    assert.equal(registrations.length, 6 + 2);
    tables.tsnmpTestTable!.set([7, '10.0.0.1', octetsFromText('hi')], { tsnmpTestMac: new Uint8Array([0, 1, 2, 3, 4, 5]), tsnmpTestStatus: 1 });
    tables.tsnmpTestExtTable!.set([7, '10.0.0.1', octetsFromText('hi')], { tsnmpTestExtHits: 42, tsnmpTestExtLoad: 50 });
    const root = Oid.parse('1.3.6.1.4.1.99998');
    const seen = await walk(registry, root);
    const names = seen.map((vb) => vb.oid.toString());
    assert.deepEqual(names, [
      '1.3.6.1.4.1.99998.1.1.1.0',
      '1.3.6.1.4.1.99998.1.1.2.0',
      '1.3.6.1.4.1.99998.1.1.3.0',
      '1.3.6.1.4.1.99998.1.1.4.0',
      '1.3.6.1.4.1.99998.1.1.5.0',
      '1.3.6.1.4.1.99998.1.1.6.0',
      '1.3.6.1.4.1.99998.1.2.1.4.7.10.0.0.1.104.105',
      '1.3.6.1.4.1.99998.1.2.1.6.7.10.0.0.1.104.105',
      '1.3.6.1.4.1.99998.1.3.1.1.7.10.0.0.1.104.105',
      '1.3.6.1.4.1.99998.1.3.1.2.7.10.0.0.1.104.105',
    ]);
    // The generated stubs start from the DEFVALs: "tsnmp", green, { alpha, gamma }.
    assert.equal(octetsToText(seen[0]!.value as Uint8Array), 'tsnmp');
    assert.deepEqual([seen[2]!.type, seen[2]!.value], ['Integer32', 2]);
    assert.deepEqual([seen[3]!.type, seen[3]!.value], ['OctetString', new Uint8Array([0x80, 0x40])]);
    assert.deepEqual([seen[4]!.type, seen[4]!.value], ['Counter64', 0n]);
    const rows = (defs.tsnmpTestEntryRows as (v: VarBind[]) => Record<string, unknown>[])(seen);
    assert.deepEqual(rows, [{ index: [7, '10.0.0.1', octetsFromText('hi')], tsnmpTestMac: new Uint8Array([0, 1, 2, 3, 4, 5]), tsnmpTestStatus: 1 }]);

    // Set: the MIB's enumeration, SIZE and access are enforced before the handler sees a value.
    const colour = Oid.parse('1.3.6.1.4.1.99998.1.1.3.0');
    const name = Oid.parse('1.3.6.1.4.1.99998.1.1.1.0');
    const temperature = Oid.parse('1.3.6.1.4.1.99998.1.1.2.0');
    assert.equal((await request(registry, 'SetRequest', [{ oid: colour, type: 'Integer32', value: 9 }])).errorStatus, 10); // wrongValue
    assert.equal((await request(registry, 'SetRequest', [{ oid: name, type: 'OctetString', value: new Uint8Array(33) }])).errorStatus, 8); // wrongLength
    assert.equal((await request(registry, 'SetRequest', [{ oid: name, type: 'Integer32', value: 1 }])).errorStatus, 7); // wrongType
    assert.equal((await request(registry, 'SetRequest', [{ oid: temperature, type: 'Integer32', value: 1 }])).errorStatus, 17); // notWritable
    const ok = await request(registry, 'SetRequest', [{ oid: colour, type: 'Integer32', value: 3 }, { oid: name, type: 'OctetString', value: octetsFromText('lab') }]);
    assert.equal(ok.errorStatus, 0);
    const got = await request(registry, 'GetRequest', [{ oid: colour, type: 'Null', value: null }, { oid: name, type: 'Null', value: null }]);
    assert.equal(got.varbinds[0]!.value, 3);
    assert.equal(octetsToText(got.varbinds[1]!.value as Uint8Array), 'lab');
    // A row created through its RowStatus column (RFC 2579); a RowStatus outside the enumeration is refused,
    // and createAndGo needs the read-create columns without DEFVAL (tsnmpTestMac, tsnmpTestWhen).
    const newRow = '1.3.6.1.4.1.99998.1.2.1.6.8.10.0.0.2.120';
    const mac = { oid: Oid.parse('1.3.6.1.4.1.99998.1.2.1.4.8.10.0.0.2.120'), type: 'OctetString' as const, value: new Uint8Array(6) };
    const when = { oid: Oid.parse('1.3.6.1.4.1.99998.1.2.1.5.8.10.0.0.2.120'), type: 'OctetString' as const, value: Uint8Array.of(7, 234, 1, 2, 3, 4, 5, 0) };
    assert.equal((await request(registry, 'SetRequest', [{ oid: Oid.parse(newRow), type: 'Integer32', value: 9 }])).errorStatus, 10);
    assert.equal((await request(registry, 'SetRequest', [{ oid: Oid.parse(newRow), type: 'Integer32', value: 4 }, mac])).errorStatus, 12); // inconsistentValue
    assert.equal((await request(registry, 'SetRequest', [{ oid: Oid.parse(newRow), type: 'Integer32', value: 4 }, mac, when])).errorStatus, 0);
    assert.equal((await request(registry, 'GetRequest', [{ oid: Oid.parse(newRow), type: 'Null', value: null }])).varbinds[0]!.value, 1); // active
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const CORPUS_SAMPLE = ['CHESS-MIB', 'IF-MIB', 'IP-MIB', 'HOST-RESOURCES-MIB', 'SNMP-TARGET-MIB', 'DISMAN-EVENT-MIB', 'RFC1213-MIB', 'ENTITY-MIB', 'Q-BRIDGE-MIB', 'INET-ADDRESS-MIB'];

test('generated TypeScript for real modules compiles strictly', { skip: HAVE_CORPUS ? false : `the shared MIB corpus was not found at ${CORPUS_DIR}: skipped` }, () => {
  const store = new MibStore({ path: [CORPUS_DIR] });
  for (const m of CORPUS_SAMPLE) store.load(m);
  const dir = generateInto(store, CORPUS_SAMPLE, {});
  try {
    const r = tsc(dir);
    assert.equal(r.status, 0, r.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the JSON form of a compiled module reads back to the same module', () => {
  const store = new MibStore({ path: [GOOD_DIR] });
  for (const name of ['TSNMP-TEST-MIB', 'TSNMP-TEST-CAPS-MIB', 'TSNMP-V1-MIB']) {
    const m = store.load(name);
    const text = moduleJsonText(store, name);
    const back = moduleFromJson(JSON.parse(text) as MibModuleJson);
    assert.deepEqual(moduleToJson(back), moduleToJson(m), name);
    assert.deepEqual(back.objects.map((o) => [o.name, o.oid.toString(), o.kind, o.syntax, o.index, o.defval, o.description]), m.objects.map((o) => [o.name, o.oid.toString(), o.kind, o.syntax, o.index, o.defval, o.description]));
    assert.deepEqual(back.types, m.types);
    if (name === 'TSNMP-TEST-MIB') assert.equal(back.objectsByName.get('tsnmpTestLabel')?.syntax?.sizes?.[0]?.max, 16n);
  }
  assert.throws(() => moduleFromJson({} as MibModuleJson), /not the JSON form of a MIB module/);
  assert.throws(() => moduleJsonText(store, 'NO-SUCH-MIB'), /not loaded/);
});

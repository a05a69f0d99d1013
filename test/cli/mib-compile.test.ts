/**
 * `tsnmp mib compile` and `tsnmp mib json`, run as a user runs them: the files written for
 * a module (the generator's output), the handlers stub a user edits never overwritten
 * (unless --force), --import-from, --json, file operands, broken modules reported as
 * FILE:LINE:COLUMN with exit status 1 while the other modules still compile, and usage
 * errors.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { generateModule } from '../../src/mib/generate.js';
import { MibStore } from '../../src/mib/store.js';
import { NET_SNMP_ENV } from '../support/snmpd.js';
import { tsnmp } from './support/run.js';

const CHESS = fileURLToPath(new URL('../../../test/fixtures/mib/chess', import.meta.url));
const BROKEN = fileURLToPath(new URL('../../../test/fixtures/mib/chess-broken', import.meta.url));
const VENDOR = fileURLToPath(new URL('../../../test/fixtures/mib/broken/TSNMP-VENDOR-MIB.txt', import.meta.url));
const ENV = { ...NET_SNMP_ENV, TSNMP_MIB_CACHE: '' };
const FILES = ['chess-mib-agent.ts', 'chess-mib-handlers.ts', 'chess-mib.json', 'chess-mib.ts'];

function compile(args: readonly string[]): ReturnType<typeof tsnmp> {
  return tsnmp(['mib', 'compile', ...args], { env: ENV });
}

describe('tsnmp mib compile', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'tsnmp-mib-compile-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes the definitions, the agent subtree, the handlers stub and the JSON form', async () => {
    const out = path.join(tmp, 'first', 'generated');
    const r = await compile(['CHESS-MIB', '--out', out, '-M', CHESS]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(readdirSync(out).sort(), FILES);
    const store = new MibStore({ path: [CHESS] });
    store.load('CHESS-MIB');
    for (const f of generateModule(store, 'CHESS-MIB')) {
      assert.equal(readFileSync(path.join(out, f.name), 'utf8'), f.text, f.name);
      assert.match(r.stdout, new RegExp(`^CHESS-MIB: wrote ${path.join(out, f.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${f.role}\\)$`, 'm'));
    }
    assert.match(readFileSync(path.join(out, 'chess-mib-agent.ts'), 'utf8'), /^import \{[^}]*\} from 'tsnmp';$/m);
    const json = JSON.parse(readFileSync(path.join(out, 'chess-mib.json'), 'utf8')) as { name: string; objects: { name: string }[] };
    assert.equal(json.name, 'CHESS-MIB');
    assert.ok(json.objects.some((o) => o.name === 'chessGameNextMove'));
  });

  it('never overwrites the handlers a user edited (says so on stderr), unless --force', async () => {
    const out = path.join(tmp, 'edited');
    assert.equal((await compile(['CHESS-MIB', '-o', out, '-M', CHESS])).status, 0);
    const handlers = path.join(out, 'chess-mib-handlers.ts');
    const stub = readFileSync(handlers, 'utf8');
    const edited = `${stub}\n// my handlers\n`;
    writeFileSync(handlers, edited);
    writeFileSync(path.join(out, 'chess-mib.ts'), '// stale\n');
    const again = await compile(['CHESS-MIB', '-o', out, '-M', CHESS]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(readFileSync(handlers, 'utf8'), edited);
    assert.equal(again.stderr, `tsnmp mib compile: ${handlers} exists (the handlers you edit): not overwritten; --force overwrites it\n`);
    assert.match(again.stdout, /^CHESS-MIB: kept .*chess-mib-handlers\.ts \(handlers\)$/m);
    assert.match(again.stdout, /^CHESS-MIB: wrote .*chess-mib\.ts \(definitions\)$/m);
    assert.match(again.stdout, /^CHESS-MIB: unchanged .*chess-mib-agent\.ts \(agent\)$/m);
    assert.notEqual(readFileSync(path.join(out, 'chess-mib.ts'), 'utf8'), '// stale\n');
    const forced = await compile(['CHESS-MIB', '-o', out, '-M', CHESS, '--force', '--json']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(readFileSync(handlers, 'utf8'), stub);
    const lines = forced.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { module: string; file: string; role: string; action: string });
    assert.deepEqual(
      lines.map((l) => [l.module, path.basename(l.file), l.role, l.action]),
      [
        ['CHESS-MIB', 'chess-mib.ts', 'definitions', 'unchanged'],
        ['CHESS-MIB', 'chess-mib-agent.ts', 'agent', 'unchanged'],
        ['CHESS-MIB', 'chess-mib-handlers.ts', 'handlers', 'written'],
        ['CHESS-MIB', 'chess-mib.json', 'json', 'unchanged'],
      ],
    );
  });

  it('--import-from names the module the generated code imports tsnmp from; a file path is a module operand', async () => {
    const out = path.join(tmp, 'import-from');
    const r = await compile([path.join(CHESS, 'CHESS-MIB.txt'), '--out', out, '--import-from', '../dist/src/index.js']);
    assert.equal(r.status, 0, r.stderr);
    for (const f of ['chess-mib.ts', 'chess-mib-agent.ts']) {
      const text = readFileSync(path.join(out, f), 'utf8');
      assert.match(text, /^import \{[^}]*\} from '\.\.\/dist\/src\/index\.js';$/m, f);
      assert.doesNotMatch(text, /from 'tsnmp'/, f);
    }
  });

  it('broken modules: FILE:LINE:COLUMN errors, exit status 1, and the good modules still written', async () => {
    const out = path.join(tmp, 'broken');
    const r = await compile(['TSNMP-CHESS-BROKEN-MIB', 'CHESS-MIB', 'TSNMP-CHESS-IMPORTER-MIB', 'NO-SUCH-MIB', '--out', out, '-M', `${BROKEN}:${CHESS}`]);
    assert.equal(r.status, 1);
    const err = r.stderr.split('\n').filter((l) => l !== '');
    assert.equal(err.length, 3, r.stderr);
    assert.equal(err[0], `${path.join(BROKEN, 'TSNMP-CHESS-BROKEN-MIB.txt')}:14:5: error: expected ")", found "MAX-ACCESS"`);
    assert.match(err[1]!, new RegExp(`^${path.join(BROKEN, 'TSNMP-CHESS-IMPORTER-MIB.txt')}:9:23: error: .*TSNMP-NO-SUCH-CHESS-MIB.* not found`));
    assert.match(err[2]!, /^tsnmp mib: module NO-SUCH-MIB not found; searched /);
    assert.deepEqual(readdirSync(out).sort(), FILES);
  });

  it('warnings are printed with their place; --strict makes them errors', async () => {
    const out = path.join(tmp, 'vendor');
    const lax = await compile([VENDOR, '--out', out]);
    assert.equal(lax.status, 0, lax.stderr);
    assert.match(lax.stderr, /TSNMP-VENDOR-MIB\.txt:\d+:\d+: warning: .*\[missing-comma\]/);
    const strict = await compile([VENDOR, '--out', path.join(tmp, 'vendor-strict'), '--strict']);
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /TSNMP-VENDOR-MIB\.txt:\d+:\d+: error: /);
    assert.equal(existsSync(path.join(tmp, 'vendor-strict', 'tsnmp-vendor-mib.ts')), false);
  });

  it('tsnmp mib json prints the JSON form of each module', async () => {
    const r = await tsnmp(['mib', 'json', 'CHESS-MIB', '-M', CHESS], { env: ENV });
    assert.equal(r.status, 0, r.stderr);
    const store = new MibStore({ path: [CHESS] });
    store.load('CHESS-MIB');
    assert.equal(r.stdout, generateModule(store, 'CHESS-MIB').find((f) => f.role === 'json')!.text);
    const bad = await tsnmp(['mib', 'json', 'TSNMP-CHESS-BROKEN-MIB', '-M', BROKEN], { env: ENV });
    assert.equal(bad.status, 1);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /TSNMP-CHESS-BROKEN-MIB\.txt:14:5: error: /);
  });

  it('usage errors: exit status 1 and the usage text', async () => {
    for (const args of [[], ['compile'], ['compile', 'CHESS-MIB'], ['frobnicate'], ['compile', 'CHESS-MIB', '--out'], ['compile', '--nope', 'CHESS-MIB', '-o', tmp], ['json', 'CHESS-MIB', '--force']]) {
      const r = await tsnmp(['mib', ...args], { env: ENV });
      assert.equal(r.status, 1, args.join(' '));
      assert.match(r.stderr, /^tsnmp mib: .+\nUSAGE: tsnmp mib compile MODULE/, args.join(' '));
    }
    const help = await tsnmp(['mib', '--help'], { env: ENV });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^USAGE: tsnmp mib compile/);
    const top = await tsnmp(['--help'], { env: ENV });
    assert.match(top.stdout, /^ {2}translate /m);
    assert.match(top.stdout, /^ {2}mib compile MODULE\.\.\. --out DIR/m);
  });
});

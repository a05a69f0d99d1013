/** The state file: atomic writes that survive kill -9, and what an agent keeps across restarts. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Agent } from '../../src/agent/agent.js';
import { MibStore, type RestoreRefusal } from '../../src/agent/mib-store.js';
import { loadState } from '../../src/agent/state-file.js';
import { DecodeError, InvalidArgumentError } from '../../src/errors.js';
import { ErrorStatus } from '../../src/pdu/error-status.js';
import { Oid } from '../../src/smi/oid.js';
import { octetsFromText, octetsToText } from '../../src/smi/octets.js';
import { ask } from './helpers.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'state-child.js');

test('kill -9 in the middle of writing leaves a complete, consistent state', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-state-'));
  try {
    const file = path.join(dir, 'agent.json');
    let last = 0;
    for (let round = 0; round < 5; round++) {
      const p = spawn(process.execPath, [child, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('the writer did not start within 30 s')), 30000);
        p.once('exit', (code, signal) => reject(new Error(`the writer exited early: ${code ?? signal}`)));
        p.stdout!.once('data', () => {
          clearTimeout(t);
          resolve();
        });
      });
      await new Promise((r) => setTimeout(r, 30 + round * 40));
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGKILL');
      await exited;
      const s = loadState(file)!;
      const contact = octetsToText(s.values[0]!.value as Uint8Array);
      assert.equal(Number(contact.split('-')[0]), s.engineBoots, 'the two values come from the same write');
      assert.equal(s.values[1]!.value, s.engineBoots);
      assert.ok(s.engineBoots >= 1);
      last = s.engineBoots;
    }
    assert.ok(last >= 1);
    const a = new Agent({ stateFile: file });
    assert.equal(a.engineBoots, last + 1);
    await a.close();
    assert.deepEqual(readdirSync(dir), ['agent.json'], 'the temporary files of killed writers are removed at start');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an agent keeps its engine ID, counts its boots, and restores persistent values set through SNMP', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-state-'));
  try {
    const file = path.join(dir, 'agent.json');
    const opts = { stateFile: file, communities: [{ community: 'private', access: 'read-write' as const }] };
    const a = new Agent(opts);
    assert.equal(a.engineBoots, 1);
    a.mib.add({ name: '1.3.6.1.4.1.32473.7.1.0', type: 'Integer32', value: 1, access: 'read-write', persistent: true });
    a.mib.add({ name: '1.3.6.1.4.1.32473.7.2.0', type: 'Integer32', value: 1, access: 'read-write' });
    const r = await ask(a, {
      community: 'private',
      type: 'SetRequest',
      varbinds: [
        { oid: Oid.parse('1.3.6.1.2.1.1.4.0'), type: 'OctetString', value: octetsFromText('ops@example.org') },
        { oid: Oid.parse('1.3.6.1.4.1.32473.7.1.0'), type: 'Integer32', value: 42 },
        { oid: Oid.parse('1.3.6.1.4.1.32473.7.2.0'), type: 'Integer32', value: 43 },
      ],
    });
    assert.equal(r?.errorStatus, 0);
    await a.close();
    const b = new Agent(opts);
    b.mib.add({ name: '1.3.6.1.4.1.32473.7.1.0', type: 'Integer32', value: 1, access: 'read-write', persistent: true });
    b.mib.add({ name: '1.3.6.1.4.1.32473.7.2.0', type: 'Integer32', value: 1, access: 'read-write' });
    assert.equal(b.engineBoots, 2);
    assert.deepEqual(b.engineId, a.engineId);
    assert.equal(octetsToText(b.mib.entry('1.3.6.1.2.1.1.4.0')!.value as Uint8Array), 'ops@example.org');
    assert.equal(b.mib.entry('1.3.6.1.4.1.32473.7.1.0')!.value, 42);
    assert.equal(b.mib.entry('1.3.6.1.4.1.32473.7.2.0')!.value, 1, 'a value not declared persistent is not kept');
    await b.close();
    // A start that adds the entry only after the agent is made (as every user's code does),
    // or never, still keeps its value for the next one.
    const c = new Agent(opts);
    await c.close();
    const d = new Agent(opts);
    d.mib.add({ name: '1.3.6.1.4.1.32473.7.1.0', type: 'Integer32', value: 1, access: 'read-write', persistent: true });
    assert.equal(d.engineBoots, 4);
    assert.equal(d.mib.entry('1.3.6.1.4.1.32473.7.1.0')!.value, 42, 'kept through starts that did not add it');
    assert.equal(octetsToText(d.mib.entry('1.3.6.1.2.1.1.4.0')!.value as Uint8Array), 'ops@example.org');
    await d.close();
    const e = new Agent(opts);
    e.mib.add({ name: '1.3.6.1.4.1.32473.7.1.0', type: 'Integer32', value: 1, access: 'read-write', persistent: true });
    assert.equal(e.mib.entry('1.3.6.1.4.1.32473.7.1.0')!.value, 42, 'kept through a start that added it without a Set');
    await e.close();
    assert.deepEqual(readdirSync(dir), ['agent.json'], 'no temporary file is left');
    writeFileSync(file, '{"format":"tsnmp-agent-state/1","engineId":"zz"');
    assert.throws(() => new Agent(opts), DecodeError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a restored value that breaks its entry’s SIZE or validate is refused: the entry keeps its value and stateError tells', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-state-'));
  try {
    const file = path.join(dir, 'agent.json');
    const opts = { stateFile: file, builtins: false, communities: [{ community: 'private', access: 'read-write' as const }] };
    const NAME = '1.3.6.1.4.1.32473.7.3.0';
    const LEVEL = '1.3.6.1.4.1.32473.7.4.0';
    const OK = '1.3.6.1.4.1.32473.7.5.0';
    const a = new Agent(opts);
    a.mib.add({ name: NAME, type: 'OctetString', value: octetsFromText('init'), access: 'read-write', persistent: true, size: [0, 64] });
    a.mib.add({ name: LEVEL, type: 'Integer32', value: 1, access: 'read-write', persistent: true });
    a.mib.add({ name: OK, type: 'Integer32', value: 1, access: 'read-write', persistent: true });
    const r = await ask(a, {
      community: 'private',
      type: 'SetRequest',
      varbinds: [
        { oid: Oid.parse(NAME), type: 'OctetString', value: octetsFromText('x'.repeat(40)) },
        { oid: Oid.parse(LEVEL), type: 'Integer32', value: 9 },
        { oid: Oid.parse(OK), type: 'Integer32', value: 7 },
      ],
    });
    assert.equal(r?.errorStatus, 0);
    await a.close();
    // The next start declares tighter constraints: SIZE (0..32) and a level of 1..5.
    const b = new Agent(opts);
    const errors: unknown[] = [];
    b.on('stateError', (e) => errors.push(e));
    b.mib.add({ name: NAME, type: 'OctetString', value: octetsFromText('init'), access: 'read-write', persistent: true, size: [0, 32] });
    b.mib.add({ name: LEVEL, type: 'Integer32', value: 1, access: 'read-write', persistent: true, validate: (v) => (v >= 1 && v <= 5 ? 0 : ErrorStatus.wrongValue) });
    b.mib.add({ name: OK, type: 'Integer32', value: 1, access: 'read-write', persistent: true, validate: (v) => (v >= 1 && v <= 9 ? 0 : ErrorStatus.wrongValue) });
    assert.equal(octetsToText(b.mib.entry(NAME)!.value as Uint8Array), 'init', '40 octets do not fit SIZE (0..32)');
    assert.equal(b.mib.entry(LEVEL)!.value, 1, '9 fails validate');
    assert.equal(b.mib.entry(OK)!.value, 7, 'a value that fits is restored');
    await new Promise((resolve) => process.nextTick(resolve));
    assert.equal(errors.length, 2);
    assert.ok(errors.every((e) => e instanceof InvalidArgumentError));
    assert.match(String((errors[0] as Error).message), /1\.3\.6\.1\.4\.1\.32473\.7\.3\.0.*wrongLength/);
    assert.match(String((errors[1] as Error).message), /1\.3\.6\.1\.4\.1\.32473\.7\.4\.0.*wrongValue/);
    // A Set of the same value is refused the same way.
    const s = await ask(b, { community: 'private', type: 'SetRequest', varbinds: [{ oid: Oid.parse(NAME), type: 'OctetString', value: octetsFromText('x'.repeat(40)) }] });
    assert.equal(s?.errorStatus, ErrorStatus.wrongLength);
    await b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('MibStore.restore checks values for entries already added, and of another type, as add does', () => {
  const store = new MibStore();
  const refused: RestoreRefusal[] = [];
  store.onRestoreRefused((r) => refused.push(r));
  const name = '1.3.6.1.4.1.32473.7.6.0';
  store.add({ name, type: 'OctetString', value: octetsFromText('ab'), access: 'read-write', persistent: true, size: [2, 4] });
  store.restore([{ oid: Oid.parse(name), type: 'OctetString', value: octetsFromText('a') }]);
  assert.equal(octetsToText(store.entry(name)!.value as Uint8Array), 'ab', 'below SIZE (2..4)');
  store.restore([{ oid: Oid.parse(name), type: 'Integer32', value: 3 }]);
  assert.equal(octetsToText(store.entry(name)!.value as Uint8Array), 'ab', 'another type');
  store.restore([{ oid: Oid.parse(name), type: 'OctetString', value: octetsFromText('abcd') }]);
  assert.equal(octetsToText(store.entry(name)!.value as Uint8Array), 'abcd', 'within SIZE');
  assert.deepEqual(
    refused.map((r) => [r.entry.name.toString(), r.status]),
    [
      [name, ErrorStatus.wrongLength],
      [name, ErrorStatus.wrongType],
    ],
  );
  // Values for entries not persistent are not applied, and not reported.
  store.add({ name: '1.3.6.1.4.1.32473.7.7.0', type: 'Integer32', value: 1, access: 'read-write' });
  store.restore([{ oid: Oid.parse('1.3.6.1.4.1.32473.7.7.0'), type: 'Integer32', value: 2 }]);
  assert.equal(store.entry('1.3.6.1.4.1.32473.7.7.0')!.value, 1);
  assert.equal(refused.length, 2);
});

/**
 * Equivalence with snmpsim (Debian package snmpsim): the same .snmprec file served by
 * snmpsimd and by tsnmp gives identical `snmpbulkwalk -On` and `snmpwalk -v1 -On` output.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Agent } from '../../src/agent/agent.js';
import { serveSnmprec } from '../../src/agent/snmprec-data.js';
import { freePort } from '../support/ports.js';
import { haveNetSnmpTools, NET_SNMP_ENV } from '../support/snmpd.js';

const run = promisify(execFile);
const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/agent/device.snmprec');
const haveSnmpsim = /SNMP Simulator/.test(`${spawnSync('snmpsimd', ['--version'], { encoding: 'utf8' }).stderr ?? ''}`);
const skip = !haveNetSnmpTools() ? 'net-snmp tools are not installed' : !haveSnmpsim ? 'snmpsimd is not installed (Debian package snmpsim)' : false;

let sim: ChildProcess | undefined;
let dir = '';
let simPort = 0;
let ourPort = 0;
let agent: Agent | undefined;

async function tool(cmd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(cmd, ['-t', '3', '-r', '2', ...args], { env: NET_SNMP_ENV, timeout: 30000 });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-snmpsim-'));
  mkdirSync(path.join(dir, 'data'));
  mkdirSync(path.join(dir, 'cache'));
  copyFileSync(fixture, path.join(dir, 'data', 'public.snmprec'));
  // snmpsimd drops root privileges to these; they must reach the files.
  for (const p of [dir, path.join(dir, 'data'), path.join(dir, 'cache'), path.join(dir, 'data', 'public.snmprec')]) chmodSync(p, 0o777);
  simPort = await freePort();
  const args = [`--data-dir=${dir}/data`, `--cache-dir=${dir}/cache`, `--agent-udpv4-endpoint=127.0.0.1:${simPort}`, '--logging-method=null'];
  if (process.getuid?.() === 0) args.push('--process-user=nobody', '--process-group=nogroup');
  sim = spawn('snmpsimd', args, { stdio: 'ignore' });
  const deadline = Date.now() + 30000;
  for (;;) {
    const r = await tool('snmpget', ['-v2c', '-c', 'public', '-On', `127.0.0.1:${simPort}`, '1.3.6.1.2.1.1.5.0']);
    if (r.includes('router1.lab')) break;
    if (Date.now() > deadline || sim.exitCode !== null) throw new Error(`snmpsimd did not come up: ${r}`);
    await new Promise((res) => setTimeout(res, 300));
  }
  // snmpsimd answers at most 64 varbinds (its --max-varbinds default); so does this agent here.
  // snmpsim repeats endOfMibView up to max-repetitions; tsnmp does so with bulkEndOfMibView 'fill'.
  agent = new Agent({ builtins: false, communities: [{ community: 'public' }], maxBulkVarBinds: 64, bulkEndOfMibView: 'fill' });
  serveSnmprec(agent.registry, readFileSync(fixture, 'utf8'));
  ourPort = await freePort();
  await agent.listen(`udp:127.0.0.1:${ourPort}`);
});

after(async () => {
  await agent?.close();
  if (sim !== undefined && sim.exitCode === null) {
    const done = new Promise((r) => sim!.once('exit', r));
    sim.kill('SIGTERM');
    const t = setTimeout(() => sim!.kill('SIGKILL'), 3000);
    await done;
    clearTimeout(t);
  }
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

test('snmpbulkwalk -On gives the same lines from snmpsim and from tsnmp', { skip }, async () => {
  for (const opts of [[], ['-Cr1'], ['-Cr7'], ['-Cr100'], ['-Cn0', '-Cr3']]) {
    const theirs = await tool('snmpbulkwalk', ['-v2c', '-c', 'public', '-On', ...opts, `127.0.0.1:${simPort}`, '1.3.6.1']);
    const ours = await tool('snmpbulkwalk', ['-v2c', '-c', 'public', '-On', ...opts, `127.0.0.1:${ourPort}`, '1.3.6.1']);
    assert.ok(theirs.split('\n').length >= 39, theirs);
    assert.equal(ours, theirs, opts.join(' '));
  }
});

test('snmpwalk -v1 -On gives the same lines from snmpsim and from tsnmp', { skip }, async () => {
  // Under .31 there are only Counter64s, which v1 cannot carry: both print nothing.
  for (const root of ['1.3.6.1', '1.3.6.1.2.1.2.2', '1.3.6.1.2.1.31']) {
    const theirs = await tool('snmpwalk', ['-v1', '-c', 'public', '-On', `127.0.0.1:${simPort}`, root]);
    const ours = await tool('snmpwalk', ['-v1', '-c', 'public', '-On', `127.0.0.1:${ourPort}`, root]);
    assert.equal(ours, theirs, root);
  }
});

test('snmpget of present and missing names answers the same', { skip }, async () => {
  const oids = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.4.20.1.1.10.0.0.1', '1.3.6.1.4.1.8072.1.1.0', '1.3.6.1.2.1.1.1.1'];
  const theirs = await tool('snmpget', ['-v2c', '-c', 'public', '-On', `127.0.0.1:${simPort}`, ...oids]);
  const ours = await tool('snmpget', ['-v2c', '-c', 'public', '-On', `127.0.0.1:${ourPort}`, ...oids]);
  assert.equal(ours.split('\n').slice(0, 3).join('\n'), theirs.split('\n').slice(0, 3).join('\n'));
  assert.match(ours.split('\n')[3]!, /No Such (Instance|Object)/);
});

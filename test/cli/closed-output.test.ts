/**
 * A reader that closes the commands' standard output (`| head -1`, `| true`): the command
 * stops quietly, without the stack trace of an unhandled EPIPE, with exit status 141 (what a
 * shell shows for net-snmp's tools, which SIGPIPE ends). The agent is tsnmp's default
 * agent, served by this process.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Agent } from '../../src/agent/agent.js';
import { createDefaultAgent } from '../../src/agent/default-agent.js';
import { freePort } from '../support/ports.js';
import { NET_SNMP_ENV } from '../support/snmpd.js';
import { SNMP_REQUEST, TSNMP } from './support/run.js';

interface Closed {
  /** What was read before the pipe was closed. */
  read: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs a command and closes its stdout after `lines` lines (0: at once, before it writes
 * anything). Killed after 20 s.
 */
function closeAfter(script: string, args: readonly string[], lines: number): Promise<Closed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env: NET_SNMP_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let read = '';
    let stderr = '';
    child.stderr.setEncoding('latin1');
    child.stderr.on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('latin1');
    const close = (): void => {
      child.stdout.removeAllListeners('data');
      child.stdout.destroy();
    };
    if (lines === 0) close();
    else
      child.stdout.on('data', (d: string) => {
        read += d;
        if (read.split('\n').length > lines) close();
      });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ read, stderr, status, signal });
    });
  });
}

describe('a closed standard output stops the command quietly', () => {
  let agent: Agent;
  let port: number;
  before(async () => {
    agent = createDefaultAgent();
    port = await freePort();
    await agent.listen([`udp:127.0.0.1:${port}`]);
  });
  after(() => agent.close());

  for (const mode of ['-l', '-t']) {
    it(`snmp-request getnext ${mode}: one line read, then the pipe closed`, async () => {
      const r = await closeAfter(SNMP_REQUEST, ['127.0.0.1', 'public', 'getnext', '-p', String(port), mode, '1.3.6.1'], 1);
      assert.match(r.read, /^\.1\.3\.6\.1\.2\.1\.1\.1\.0 = STRING: /);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 141);
    });
  }

  it('snmp-request getnext -l: the pipe closed before anything is written', async () => {
    const r = await closeAfter(SNMP_REQUEST, ['127.0.0.1', 'public', 'getnext', '-p', String(port), '-l', '1.3.6.1'], 0);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 141);
  });

  for (const command of ['walk', 'bulkwalk']) {
    it(`tsnmp ${command}: the pipe closed before anything is written`, async () => {
      const r = await closeAfter(TSNMP, [command, '-v2c', '-c', 'public', `127.0.0.1:${port}`, '1.3.6.1'], 0);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 141);
    });
  }

  it('a command whose output is read to the end still exits 0', async () => {
    const r = await closeAfter(SNMP_REQUEST, ['127.0.0.1', 'public', 'getnext', '-p', String(port), '-t', '1.3.6.1.2.1.1.1'], 99);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.match(r.read, /^\.1\.3\.6\.1\.2\.1\.1\.1\.0 = STRING: .*\n$/);
  });
});

/** The README's examples run and print what they claim. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from './support/ports.js';
import { NET_SNMP_ENV } from './support/snmpd.js';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../examples');

test('examples/manager: get, walk, refused and accepted set, table', () => {
  const r = spawnSync(process.execPath, [path.join(examples, 'manager.js')], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^sysDescr: tsnmp agent on Node\.js/m);
  assert.match(r.stdout, /^walk: 1\.3\.6\.1\.2\.1\.1\.9\.1\.4\.1 TimeTicks$/m);
  assert.match(r.stdout, /^set through public: noAccess \(6\) at 1\.3\.6\.1\.2\.1\.1\.6\.0$/m);
  assert.match(r.stdout, /^set through private: 1\.3\.6\.1\.2\.1\.1\.6\.0 = lab$/m);
  assert.match(r.stdout, /^row 3: row 3 = 300$/m);
});

test('examples/agent: net-snmp snmpwalk sees the scalar, the entry and the table; the view hides the rest', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(examples, 'agent.js'), String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('agent did not start')), 10000);
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('listening on')) {
          clearTimeout(t);
          resolve();
        }
      });
      child.once('exit', () => reject(new Error('agent exited')));
    });
    const walk = spawnSync('snmpwalk', ['-v2c', '-c', 'public', '-On', `udp:127.0.0.1:${port}`, '1.3.6.1.4.1.32473.2'], { encoding: 'utf8', env: NET_SNMP_ENV });
    assert.equal(walk.status, 0, walk.stderr);
    const lines = walk.stdout.trim().split('\n');
    assert.match(lines[0]!, /^\.1\.3\.6\.1\.4\.1\.32473\.2\.1\.0 = Gauge32: \d+$/);
    assert.deepEqual(lines.slice(1, 6), [
      '.1.3.6.1.4.1.32473.2.2.0 = STRING: "hello"',
      '.1.3.6.1.4.1.32473.2.3.1.2.1 = STRING: "eth0"',
      '.1.3.6.1.4.1.32473.2.3.1.2.2 = STRING: "eth1"',
      '.1.3.6.1.4.1.32473.2.3.1.3.1 = Counter32: 1234',
      '.1.3.6.1.4.1.32473.2.3.1.3.2 = Counter32: 5678',
    ]);
    const hidden = spawnSync('snmpget', ['-v2c', '-c', 'public', '-On', `udp:127.0.0.1:${port}`, '1.3.6.1.2.1.11.1.0'], { encoding: 'utf8', env: NET_SNMP_ENV });
    assert.match(hidden.stdout, /No Such Object available on this agent at this OID/);
  } finally {
    child.kill('SIGTERM');
  }
});

test('examples/agent on a taken port: one line naming the error and how to choose a port, exit 1', async () => {
  const holder = createSocket('udp4');
  await new Promise<void>((resolve) => holder.bind(0, '127.0.0.1', resolve));
  try {
    const port = holder.address().port;
    const r = spawnSync(process.execPath, [path.join(examples, 'agent.js'), String(port)], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `Cannot bind udp:127.0.0.1:${port}: EADDRINUSE; choose another port: node dist/examples/agent.js PORT (0 picks a free one)\n`);
  } finally {
    holder.close();
  }
});

test('examples/mib: names, OIDs and values as net-snmp prints them', () => {
  const r = spawnSync(process.execPath, [path.join(examples, 'mib.js')], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    '1.3.6.1.2.1.2.2.1.2.1',
    'IF-MIB::ifOperStatus.3',
    '.iso.org.dod.internet.mgmt.mib-2.interfaces.ifTable.ifEntry.ifOperStatus.3',
    'IF-MIB::ifOperStatus.3 = INTEGER: down(2)',
    'IF-MIB::ifPhysAddress.3 = STRING: 0:1b:21:3a:4f:2',
    'table ifIndex',
  ]);
});

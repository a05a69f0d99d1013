import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { NET_SNMP_ENV, startSnmpd } from './support/snmpd.js';

test('the test harness starts a private snmpd that net-snmp tools can query', async () => {
  const d = await startSnmpd();
  try {
    const r = spawnSync('snmpget', ['-v2c', '-c', 'public', '-On', `udp:127.0.0.1:${d.port}`, '1.3.6.1.2.1.1.5.0'], { encoding: 'utf8', env: NET_SNMP_ENV });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\.1\.3\.6\.1\.2\.1\.1\.5\.0 = STRING: /);
  } finally {
    await d.stop();
  }
});

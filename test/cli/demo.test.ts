/**
 * The README's main job: `tsnmp demo --exit` starts the default agent and a manager that
 * walks it, sets a value and reads it back, sees a refused set and reads a table.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/cli/main.js');

test('tsnmp demo --exit: agent and manager talk on the default configuration', () => {
  // Port 0 so that the test never collides with a demo a user is running on 1161.
  const r = spawnSync(process.execPath, [main, 'demo', '--exit', 'udp:127.0.0.1:0'], { encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  const where = /^Agent listening on (udp:127\.0\.0\.1:\d+) /m.exec(out)?.[1];
  assert.ok(where !== undefined && !where.endsWith(':0'), out);
  assert.match(out, /^\.1\.3\.6\.1\.2\.1\.1\.1\.0 = STRING: "tsnmp agent on Node\.js v\d+/m);
  assert.match(out, /^\.1\.3\.6\.1\.2\.1\.1\.2\.0 = OID: \.1\.3\.6\.1\.4\.1\.32473\.1$/m);
  const set = /^\.1\.3\.6\.1\.4\.1\.32473\.1\.3\.0 = STRING: "(hello from the manager at [^"]+)"$/gm;
  const values = [...out.matchAll(set)].map((m) => m[1]);
  assert.equal(values.length, 2, 'the set response and the read-back');
  assert.equal(values[0], values[1], 'the value read back is the value set');
  assert.match(out, /^Reason: noAccess$/m);
  assert.match(out, /^\.1\.3\.6\.1\.4\.1\.32473\.1\.10\.1\.2\.3 = STRING: "row 3"$/m);
  assert.doesNotMatch(out, /keeps running/, '--exit stops at once');
});

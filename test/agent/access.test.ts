/** Views with masks (RFC 3415), communities, the limited view through the agent, the authenticity hook and its event. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthenticationFailureEvent } from '../../src/agent/responder.js';
import { MibView } from '../../src/agent/view.js';
import { Oid, oidArcs } from '../../src/smi/oid.js';
import { octetsFromText } from '../../src/smi/octets.js';
import { ask, lines, testAgent } from './helpers.js';

test('a view decides by the longest matching family; masks make arcs wildcards', () => {
  const v = new MibView([
    { subtree: '1.3.6.1.2.1' },
    { subtree: '1.3.6.1.2.1.1.9', type: 'excluded' },
    { subtree: '1.3.6.1.2.1.1.9.1.3', type: 'included' },
    // ifEntry columns 1..22 of row 5 only: mask ff:a0 -> arcs 1..9 and 11 must match.
    { subtree: '1.3.6.1.4.1.2.2.1.1.5', mask: 'ff:a0' },
  ]);
  assert.equal(v.includes(Oid.parse('1.3.6.1.2.1.1.5.0')), true);
  assert.equal(v.includes(Oid.parse('1.3.6.1.2.1.1.9.1.2.1')), false);
  assert.equal(v.includes(Oid.parse('1.3.6.1.2.1.1.9.1.3.1')), true);
  assert.equal(v.includes(Oid.parse('1.3.6.1.4.1.2.2.1.7.5')), true);
  assert.equal(v.includes(Oid.parse('1.3.6.1.4.1.2.2.1.7.6')), false);
  assert.equal(v.includes(Oid.parse('1.3.6.1.3')), false);
  assert.equal(MibView.all.includes(Oid.parse('0.1')), true);
  assert.equal(MibView.none.includes(Oid.parse('1.3')), false);
  assert.throws(() => new MibView([{ subtree: '1.3', mask: 'zz' }]));
});

test('nextCandidate jumps over an excluded subtree to the next place the view may include', () => {
  const v = new MibView([{ subtree: '1.3.6.1.2.1' }, { subtree: '1.3.6.1.2.1.1.9', type: 'excluded' }, { subtree: '1.3.6.1.2.1.1.9.1.3' }]);
  const c1 = v.nextCandidate(oidArcs(Oid.parse('1.3.6.1.2.1.1.9.1.2.4')));
  assert.equal(Oid.from(c1!.arcs).toString(), '1.3.6.1.2.1.1.9.1.3');
  const c2 = v.nextCandidate(oidArcs(Oid.parse('1.3.6.1.2.1.1.9.1.4.1')));
  assert.equal(Oid.from(c2!.arcs).toString(), '1.3.6.1.2.1.1.10');
  assert.equal(v.nextCandidate(oidArcs(Oid.parse('1.3.6.1.2.2'))), undefined);
  const c3 = v.nextCandidate(oidArcs(Oid.parse('1.3.6.1.1')));
  assert.equal(Oid.from(c3!.arcs).toString(), '1.3.6.1.2.1');
});

test('the limited community sees only its view, for Get, GetNext, GetBulk and Set', async () => {
  const agent = testAgent({
    builtins: true,
    communities: [
      { community: 'limited', access: 'read-write', view: [{ subtree: '1.3.6.1.2.1.1' }, { subtree: '1.3.6.1.2.1.1.4', type: 'excluded' }] },
      { community: 'public' },
    ],
  });
  const get = await ask(agent, { community: 'limited', type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.4.0', '1.3.6.1.2.1.11.1.0'] });
  assert.deepEqual(
    get!.varbinds.map((v) => v.type),
    ['OctetString', 'NoSuchObject', 'NoSuchObject'],
  );
  const next = await ask(agent, { community: 'limited', type: 'GetNextRequest', varbinds: ['1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.9.1.4.1'] });
  assert.deepEqual(
    next!.varbinds.map((v) => v.oid.toString() + ':' + v.type),
    ['1.3.6.1.2.1.1.5.0:OctetString', '1.3.6.1.2.1.1.9.1.4.1:EndOfMibView'],
  );
  const bulk = await ask(agent, { community: 'limited', type: 'GetBulkRequest', maxRepetitions: 50, varbinds: ['1.3.6.1.2.1.1'] });
  assert.ok(bulk!.varbinds.every((v) => v.type === 'EndOfMibView' || (v.oid.toString().startsWith('1.3.6.1.2.1.1.') && !v.oid.toString().startsWith('1.3.6.1.2.1.1.4'))));
  const set = await ask(agent, { community: 'limited', type: 'SetRequest', varbinds: [{ oid: Oid.parse('1.3.6.1.2.1.1.4.0'), type: 'OctetString', value: octetsFromText('x') }] });
  assert.equal(set?.errorStatus, 6, 'noAccess outside the view');
  const setOk = await ask(agent, { community: 'limited', type: 'SetRequest', varbinds: [{ oid: Oid.parse('1.3.6.1.2.1.1.5.0'), type: 'OctetString', value: octetsFromText('n') }] });
  assert.equal(setOk?.errorStatus, 0);
  const pub = await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.4.0'] });
  assert.equal(pub!.varbinds[0]!.type, 'OctetString', 'public sees everything');
});

test('an unknown community is dropped, counted and announced; the hook can refuse a known one', async () => {
  const events: AuthenticationFailureEvent[] = [];
  let allow = true;
  const agent = testAgent({ builtins: true, checkAuthenticity: (r) => allow || r.access.name !== 'public' });
  agent.on('authenticationFailure', (e) => events.push(e));
  assert.equal(await ask(agent, { community: 'nope', type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.1.0'] }), undefined);
  assert.ok(await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.1.0'] }));
  allow = false;
  assert.equal(await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.1.0'] }), undefined);
  assert.deepEqual(
    events.map((e) => e.reason),
    ['unknownCommunity', 'rejectedByHook'],
  );
  assert.equal(agent.counters.inBadCommunityNames, 2);
  allow = true;
  const r = await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.2.1.11.4.0', '1.3.6.1.2.1.11.30.0'] });
  assert.deepEqual(lines(r!.varbinds), ['1.3.6.1.2.1.11.4.0=Counter32:2', '1.3.6.1.2.1.11.30.0=Integer32:2']);
  assert.equal(agent.authenTrapsEnabled, false);
  const en = await ask(agent, { community: 'private', type: 'SetRequest', varbinds: [{ oid: Oid.parse('1.3.6.1.2.1.11.30.0'), type: 'Integer32', value: 1 }] });
  assert.equal(en?.errorStatus, 0);
  assert.equal(agent.authenTrapsEnabled, true);
  const bad = await ask(agent, { community: 'private', type: 'SetRequest', varbinds: [{ oid: Oid.parse('1.3.6.1.2.1.11.30.0'), type: 'Integer32', value: 3 }] });
  assert.equal(bad?.errorStatus, 10, 'wrongValue');
});

/** The one-timer deadline lists behind request timeouts, on a fake clock. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeadlineEntry, Deadlines } from '../../src/manager/deadlines.js';
import { FakeClock } from './fake-network.js';

class Entry extends DeadlineEntry {
  constructor(readonly name: string) {
    super();
  }
}

test('entries of several durations expire in deadline order with one timer', async () => {
  const clock = new FakeClock();
  const fired: string[] = [];
  const d = new Deadlines<Entry>(clock, (e) => fired.push(`${e.name}@${clock.now()}`));
  d.add(new Entry('a300'), 300);
  d.add(new Entry('b100'), 100);
  await clock.advance(50);
  d.add(new Entry('c100'), 100);
  d.add(new Entry('d20'), 20);
  assert.equal(clock.armed, 1);
  const e = new Entry('removed');
  d.add(e, 60);
  d.remove(e);
  d.remove(e); // twice is harmless
  await clock.advance(400);
  assert.deepEqual(fired, ['d20@70', 'b100@100', 'c100@150', 'a300@300']);
  assert.equal(d.size, 0);
  assert.equal(clock.armed, 0);
});

test('an entry added while others expire (a retry) is timed from then', async () => {
  const clock = new FakeClock();
  const fired: string[] = [];
  const d = new Deadlines<Entry>(clock, (e) => {
    fired.push(`${e.name}@${clock.now()}`);
    if (e.name === 'first') d.add(new Entry('retry'), 200);
  });
  d.add(new Entry('first'), 100);
  d.add(new Entry('other'), 250);
  await clock.advance(1000);
  assert.deepEqual(fired, ['first@100', 'other@250', 'retry@300']);
});

test('with unref-able timers, an idle timer stays armed without holding the process, and is reused', async () => {
  const clock = FakeClock.withRef();
  const fired: string[] = [];
  const d = new Deadlines<Entry>(clock, (e) => fired.push(`${e.name}@${clock.now()}`));
  const a = new Entry('a');
  d.add(a, 100);
  assert.equal(clock.refed, 1);
  d.remove(a);
  assert.equal(clock.armed, 1, 'left armed');
  assert.equal(clock.refed, 0, 'but unref’d');
  await clock.advance(50);
  d.add(new Entry('b'), 100); // due at 150, after the armed 100: reuse the timer
  assert.equal(clock.armed, 1);
  assert.equal(clock.refed, 1);
  await clock.advance(60); // the timer fires at 100, finds nothing due, re-arms for 150
  assert.deepEqual(fired, []);
  await clock.advance(40);
  assert.deepEqual(fired, ['b@150']);
  const c = new Entry('c');
  d.add(c, 10);
  d.remove(c);
  await clock.advance(100);
  assert.equal(clock.armed, 0, 'the idle timer fired and stopped');
  assert.deepEqual(fired, ['b@150']);
});

test('clear removes everything without expiring it', async () => {
  const clock = new FakeClock();
  const fired: string[] = [];
  const d = new Deadlines<Entry>(clock, (e) => fired.push(e.name));
  d.add(new Entry('x'), 10);
  d.add(new Entry('y'), 20);
  assert.deepEqual(d.clear().map((e) => e.name).sort(), ['x', 'y']);
  await clock.advance(100);
  assert.deepEqual(fired, []);
  assert.equal(clock.armed, 0);
});

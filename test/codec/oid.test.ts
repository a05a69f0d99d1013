import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, test } from 'node:test';
import { BerReader } from '../../src/ber/reader.js';
import { BerWriter } from '../../src/ber/writer.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { decodeMessage, encodeCommunityMessage } from '../../src/message/codec.js';
import type { CommunityMessage } from '../../src/message/types.js';
import { MAX_ARC, MAX_OID_ARCS, Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';

/** An Oid as the decoder makes it: lazily expanded from the BER octets of `dotted`. */
function decoded(dotted: string): Oid {
  const w = new BerWriter();
  w.writeOid(Oid.parse(dotted));
  return new BerReader(w.toBytes()).readOid('test');
}

describe('Oid.parse and toString', () => {
  test('dotted text with or without a leading dot', () => {
    assert.deepEqual(Oid.parse('1.3.6.1.2.1').toArray(), [1, 3, 6, 1, 2, 1]);
    assert.deepEqual(Oid.parse('.1.3.6.1.2.1').toArray(), [1, 3, 6, 1, 2, 1]);
    assert.equal(Oid.parse('.1.3.6.1.2.1').toString(), '1.3.6.1.2.1');
    assert.deepEqual(Oid.parse('0').toArray(), [0]);
    assert.deepEqual(Oid.parse(`1.${MAX_ARC}`).toArray(), [1, MAX_ARC]);
    assert.equal(Oid.parse('1.3.007').toString(), '1.3.7');
    assert.equal(Oid.parse('.').length, 0);
    assert.equal(Oid.empty.toString(), '');
  });

  test('malformed text is an InvalidArgumentError', () => {
    for (const bad of ['', '..', '1..3', '1.3.', '..1', 'a', '1.a', '1.3 ', ' 1.3', '1,3', '1.-3', '1.3.4294967296', '1.99999999999999999999', '1.+3', '1.3e2', '0x1.3']) {
      assert.throws(() => Oid.parse(bad), InvalidArgumentError, JSON.stringify(bad));
    }
  });

  test('at most 128 arcs', () => {
    const text = (n: number): string => Array.from({ length: n }, (_, i) => String(i % 10)).join('.');
    assert.equal(Oid.parse(text(MAX_OID_ARCS)).length, 128);
    assert.throws(() => Oid.parse(text(129)), InvalidArgumentError);
  });

  test('toString, toJSON and inspect agree; JSON shows the dotted form', () => {
    const o = Oid.parse('1.3.6.1.4.1.8072');
    assert.equal(o.toJSON(), '1.3.6.1.4.1.8072');
    assert.equal(JSON.stringify({ o }), '{"o":"1.3.6.1.4.1.8072"}');
    assert.equal(inspect(o), 'Oid(1.3.6.1.4.1.8072)');
    assert.equal(`${o}`, '1.3.6.1.4.1.8072');
  });
});

describe('Oid.from, of and the accessors', () => {
  test('from copies its input and checks every arc', () => {
    const arcs = [1, 3, 6];
    const o = Oid.from(arcs);
    arcs[0] = 9;
    assert.equal(o.toString(), '1.3.6');
    assert.equal(Oid.from(Uint32Array.of(1, MAX_ARC)).toString(), `1.${MAX_ARC}`);
    for (const bad of [[1, -1], [1, 1.5], [1, Number.NaN], [1, MAX_ARC + 1], [1, Infinity]]) {
      assert.throws(() => Oid.from(bad), InvalidArgumentError, String(bad));
    }
    assert.throws(() => Oid.from(new Array(129).fill(0)), InvalidArgumentError);
  });

  test('of accepts an Oid or text', () => {
    const o = Oid.parse('1.3');
    assert.equal(Oid.of(o), o);
    assert.ok(Oid.of('1.3').equals(o));
    assert.throws(() => Oid.of('x'), InvalidArgumentError);
  });

  test('length, at, toArray and iteration; toArray is a copy', () => {
    const o = Oid.parse('1.3.6.1');
    assert.equal(o.length, 4);
    assert.equal(o.at(0), 1);
    assert.equal(o.at(-1), 1);
    assert.equal(o.at(2), 6);
    assert.equal(o.at(4), undefined);
    assert.deepEqual([...o], [1, 3, 6, 1]);
    const a = o.toArray();
    a[0] = 2;
    assert.equal(o.toString(), '1.3.6.1');
  });
});

describe('Oid ordering and relations', () => {
  test('compare is lexicographic over numeric arcs, shorter prefix first', () => {
    const sorted = ['0.0', '1', '1.3', '1.3.6', '1.3.6.1.2', '1.3.6.1.9', '1.3.6.1.10', `1.3.6.1.${2 ** 31}`, `1.3.6.1.${MAX_ARC}`, '1.4', '2', '2.0'];
    const oids = sorted.map((s) => Oid.parse(s));
    for (let i = 0; i < oids.length; i++) {
      for (let j = 0; j < oids.length; j++) {
        const c = oids[i]!.compare(oids[j]!);
        assert.equal(Math.sign(c), Math.sign(i - j), `${sorted[i]} vs ${sorted[j]}`);
      }
    }
    const shuffled = [...oids].reverse().sort((a, b) => a.compare(b));
    assert.deepEqual(shuffled.map(String), sorted);
  });

  test('equals and startsWith', () => {
    const a = Oid.parse('1.3.6.1.2.1');
    assert.ok(a.equals(Oid.parse('1.3.6.1.2.1')));
    assert.ok(!a.equals(Oid.parse('1.3.6.1.2')));
    assert.ok(!a.equals(Oid.parse('1.3.6.1.2.2')));
    assert.ok(a.startsWith(a));
    assert.ok(a.startsWith(Oid.parse('1.3.6')));
    assert.ok(a.startsWith(Oid.empty));
    assert.ok(!a.startsWith(Oid.parse('1.3.6.1.2.1.1')));
    assert.ok(!a.startsWith(Oid.parse('1.3.7')));
    assert.ok(!Oid.parse('1.3.60').startsWith(Oid.parse('1.3.6')));
  });

  test('child, concat, slice, parent and suffixAfter make new Oids', () => {
    const base = Oid.parse('1.3.6.1');
    assert.equal(base.child(2, 1).toString(), '1.3.6.1.2.1');
    assert.equal(base.concat([4, 1]).toString(), '1.3.6.1.4.1');
    assert.equal(base.concat(Oid.parse('7.8')).toString(), '1.3.6.1.7.8');
    assert.equal(base.toString(), '1.3.6.1');
    assert.throws(() => base.child(-1), InvalidArgumentError);
    assert.throws(() => base.child(MAX_ARC + 1), InvalidArgumentError);
    assert.throws(() => base.child(0.5), InvalidArgumentError);
    assert.equal(base.slice(1, 3).toString(), '3.6');
    assert.equal(base.slice().toString(), '1.3.6.1');
    assert.equal(base.parent().toString(), '1.3.6');
    assert.equal(Oid.empty.parent().length, 0);
    assert.deepEqual(Oid.parse('1.3.6.1.2.1.1.5.0').suffixAfter(Oid.parse('1.3.6.1.2.1.1')), [5, 0]);
    assert.deepEqual(base.suffixAfter(base), []);
    assert.equal(base.suffixAfter(Oid.parse('1.4')), undefined);
  });

  test('nextSibling increments the last arc, carrying past 2^32-1', () => {
    assert.equal(Oid.parse('1.3.6').nextSibling()?.toString(), '1.3.7');
    assert.equal(Oid.parse(`1.3.${MAX_ARC}`).nextSibling()?.toString(), '1.4');
    assert.equal(Oid.parse(`1.${MAX_ARC}.${MAX_ARC}`).nextSibling()?.toString(), '2');
    assert.equal(Oid.parse(`${MAX_ARC}.${MAX_ARC}`).nextSibling(), undefined);
    assert.equal(Oid.empty.nextSibling(), undefined);
    // Everything in the subtree sorts before the sibling.
    const o = Oid.parse('1.3.6.1.2');
    const next = o.nextSibling()!;
    assert.ok(o.child(MAX_ARC, MAX_ARC).compare(next) < 0);
  });
});

describe('lazily decoded Oids behave exactly like parsed ones', () => {
  const samples = ['0.0', '1.0', '1.3.6.1.2.1.1.5.0', '2.999.3', `1.3.6.1.4.1.${MAX_ARC}.0`, '2.4294967295', `2.48.${2 ** 28}.127.128`];

  for (const s of samples) {
    test(s, () => {
      const parsed = Oid.parse(s);
      assert.equal(decoded(s).toString(), s);
      assert.equal(decoded(s).length, parsed.length);
      assert.deepEqual(decoded(s).toArray(), parsed.toArray());
      assert.equal(decoded(s).at(-1), parsed.at(-1));
      assert.ok(decoded(s).equals(parsed));
      assert.ok(parsed.equals(decoded(s)));
      assert.ok(decoded(s).equals(decoded(s)));
      assert.equal(decoded(s).compare(parsed), 0);
      assert.equal(parsed.compare(decoded(s)), 0);
      assert.ok(decoded(s).startsWith(parsed.parent()));
      assert.ok(parsed.startsWith(decoded(s)));
      assert.equal(decoded(s).child(7).toString(), `${s}.7`);
      assert.equal(decoded(s).nextSibling()?.toString(), parsed.nextSibling()?.toString());
      assert.equal(decoded(s).slice(0, 2).toString(), parsed.slice(0, 2).toString());
      assert.deepEqual(decoded(s).suffixAfter(parsed.slice(0, 1)), parsed.suffixAfter(parsed.slice(0, 1)));
      assert.equal(JSON.stringify(decoded(s)), JSON.stringify(parsed));
      // Both expanded and not-yet-expanded forms compare equal with each other.
      const expanded = decoded(s);
      void expanded.length;
      assert.ok(expanded.equals(decoded(s)) && decoded(s).equals(expanded));
    });
  }

  test('unequal decoded Oids differ both as octets and after expansion', () => {
    const pairs: [string, string][] = [
      ['1.3.6.1', '1.3.6.1.0'],
      ['1.3.6.1.2', '1.3.6.1.3'],
      ['1.3.6.1.128', '1.3.6.1.1.0'],
      ['2.0', '2.0.0'],
      ['0.39', '1.0'],
    ];
    for (const [a, b] of pairs) {
      assert.ok(!decoded(a).equals(decoded(b)), `${a} vs ${b}`);
      const ea = decoded(a);
      void ea.length;
      assert.ok(!ea.equals(decoded(b)));
      assert.ok(!decoded(b).equals(ea));
      assert.equal(Math.sign(decoded(a).compare(decoded(b))), Math.sign(Oid.parse(a).compare(Oid.parse(b))));
    }
  });

  test('mixed decoded and parsed Oids sort together', () => {
    const texts = ['1.3.6.1.2.1.2.2.1.10.2', '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.2.2.1.10.10', '1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.2.2.1.2.1'];
    const mixed = texts.map((t, i) => (i % 2 === 0 ? decoded(t) : Oid.parse(t)));
    mixed.sort((a, b) => a.compare(b));
    assert.deepEqual(mixed.map(String), [...texts].sort((a, b) => Oid.parse(a).compare(Oid.parse(b))));
  });

  test('varbind names from a decoded message equal and re-encode like parsed ones', () => {
    const names = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.31.1.1.1.6.1', `1.3.6.1.4.1.${MAX_ARC}`];
    const varbinds: VarBind[] = names.map((n) => ({ oid: Oid.parse(n), type: 'ObjectIdentifier', value: Oid.parse(`${n}.9`) }));
    const msg: CommunityMessage = { version: 1, community: Uint8Array.of(0x61), pdu: { type: 'Response', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds } };
    const bytes = encodeCommunityMessage(msg);
    const back = decodeMessage(bytes) as CommunityMessage;
    back.pdu.varbinds.forEach((vb, i) => {
      assert.ok(vb.oid.equals(Oid.parse(names[i]!)));
      assert.ok((vb.value as Oid).equals(Oid.parse(`${names[i]}.9`)));
    });
    assert.deepEqual(encodeCommunityMessage(back), bytes);
  });

  test('with copyOctets the decoded message does not depend on the input buffer afterwards', () => {
    const varbinds: VarBind[] = [{ oid: Oid.parse('1.3.6.1.2.1.1.2.0'), type: 'ObjectIdentifier', value: Oid.parse('1.3.6.1.4.1.8072.3.2.10') }];
    const bytes = encodeCommunityMessage({ version: 1, community: Uint8Array.of(0x61), pdu: { type: 'Response', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds } });
    const msg = decodeMessage(bytes, { copyOctets: true }) as CommunityMessage;
    bytes.fill(0x7f);
    const vb = msg.pdu.varbinds[0]!;
    assert.equal(vb.oid.toString(), '1.3.6.1.2.1.1.2.0');
    assert.equal(String(vb.value), '1.3.6.1.4.1.8072.3.2.10');
    assert.equal(msg.community[0], 0x61);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { MibError } from '../../src/errors.js';
import { parseMib } from '../../src/mib/parser.js';
import { BROKEN_DIR, GOOD_DIR } from './helpers.js';

function parseFixture(dir: string, name: string): ReturnType<typeof parseMib> {
  const file = path.join(dir, `${name}.txt`);
  return parseMib(readFileSync(file, 'latin1'), file);
}

function parseError(text: string): MibError {
  try {
    parseMib(text, 'T.txt');
  } catch (e) {
    assert.ok(e instanceof MibError, `expected a MibError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a MibError');
}

test('an SMIv2 module: imports, macros, TCs, tables, groups, compliance', () => {
  const { modules, diagnostics } = parseFixture(GOOD_DIR, 'TSNMP-TEST-MIB');
  assert.equal(diagnostics.length, 0);
  assert.equal(modules.length, 1);
  const m = modules[0]!;
  assert.equal(m.name, 'TSNMP-TEST-MIB');
  assert.deepEqual(m.imports.map((i) => i.module), ['SNMPv2-SMI', 'SNMPv2-TC', 'SNMPv2-CONF']);
  const byName = new Map(m.defs.map((d) => [d.name, d]));
  const mi = byName.get('tsnmpTestMIB')!;
  assert.equal(mi.macro, 'MODULE-IDENTITY');
  assert.equal(mi.lastUpdated, '202401010000Z');
  assert.deepEqual(mi.revisions, [{ date: '202401010000Z', description: 'First version.' }]);
  const tc = byName.get('TestTemperature')!;
  assert.equal(tc.macro, 'TEXTUAL-CONVENTION');
  assert.equal(tc.displayHint, 'd-1');
  assert.deepEqual(tc.syntax!.ranges, [{ min: -1000n, max: 1000n }]);
  const entry = byName.get('tsnmpTestEntry')!;
  assert.deepEqual(
    entry.index!.map((i) => [i.name, i.implied]),
    [['tsnmpTestIndex', false], ['tsnmpTestAddr', false], ['tsnmpTestLabel', true]],
  );
  assert.equal(byName.get('tsnmpTestExtEntry')!.augments, 'tsnmpTestEntry');
  const seq = byName.get('TsnmpTestEntry')!;
  assert.equal(seq.syntax!.kind, 'SEQUENCE');
  assert.deepEqual(seq.syntax!.members!.map((x) => x.name), ['tsnmpTestIndex', 'tsnmpTestAddr', 'tsnmpTestLabel', 'tsnmpTestMac', 'tsnmpTestWhen', 'tsnmpTestStatus']);
  const flags = byName.get('tsnmpTestFlags')!;
  assert.equal(flags.syntax!.kind, 'BITS');
  assert.deepEqual(flags.syntax!.enums, [{ name: 'alpha', value: 0 }, { name: 'beta', value: 1 }, { name: 'gamma', value: 9 }]);
  assert.deepEqual(flags.defval, { kind: 'bits', value: ['alpha', 'gamma'], text: '{ alpha, gamma }', line: flags.defval!.line, column: flags.defval!.column });
  assert.equal(byName.get('tsnmpTestName')!.defval!.kind, 'string');
  assert.equal(byName.get('tsnmpTestColour')!.defval!.value, 'green');
  assert.equal(byName.get('tsnmpTestTemperature')!.units, '0.1 degrees Celsius');
  assert.deepEqual(byName.get('tsnmpTestAlarm')!.objects, ['tsnmpTestTemperature', 'tsnmpTestColour']);
  assert.deepEqual(byName.get('tsnmpTestNotificationGroup')!.objects, ['tsnmpTestAlarm']);
  const comp = byName.get('tsnmpTestCompliance')!.compliance!;
  assert.equal(comp.length, 2);
  assert.equal(comp[0]!.module, undefined);
  assert.deepEqual(comp[0]!.mandatoryGroups, ['tsnmpTestScalarGroup']);
  assert.deepEqual(comp[0]!.refinements.map((r) => [r.kind, r.name, r.minAccess]), [['group', 'tsnmpTestTableGroup', undefined], ['object', 'tsnmpTestName', 'read-only']]);
  assert.equal(comp[1]!.module, 'SNMPv2-MIB');
  // Definitions carry their position.
  assert.deepEqual([mi.line, mi.column], [17, 1]);
});

test('AGENT-CAPABILITIES with SUPPORTS, INCLUDES and VARIATIONs', () => {
  const m = parseFixture(GOOD_DIR, 'TSNMP-TEST-CAPS-MIB').modules[0]!;
  const caps = m.defs.find((d) => d.name === 'tsnmpTestAgent')!;
  assert.equal(caps.macro, 'AGENT-CAPABILITIES');
  assert.equal(caps.productRelease, 'tsnmp test agent 1.0');
  const sup = caps.supports![0]!;
  assert.equal(sup.module, 'TSNMP-TEST-MIB');
  assert.deepEqual(sup.includes, ['tsnmpTestScalarGroup', 'tsnmpTestTableGroup']);
  assert.deepEqual(sup.variations.map((v) => [v.name, v.access]), [['tsnmpTestName', 'read-only'], ['tsnmpTestMac', undefined]]);
  assert.deepEqual(sup.variations[1]!.creationRequires, ['tsnmpTestStatus']);
  assert.equal(sup.variations[1]!.defval!.kind, 'hex');
});

test('SMIv1: TRAP-TYPE with ENTERPRISE, VARIABLES and a number', () => {
  const m = parseFixture(GOOD_DIR, 'TSNMP-V1-MIB').modules[0]!;
  const trap = m.defs.find((d) => d.name === 'tsnmpV1Restart')!;
  assert.equal(trap.macro, 'TRAP-TYPE');
  assert.equal(trap.enterprise, 'tsnmpV1');
  assert.deepEqual(trap.objects, ['tsnmpV1Descr']);
  assert.equal(trap.trapNumber, 3);
  const count = m.defs.find((d) => d.name === 'tsnmpV1Count')!;
  assert.equal(count.accessKeyword, 'ACCESS');
  assert.equal(count.status, 'mandatory');
});

test('MACRO definitions (as in the base modules) are skipped, their names kept', () => {
  const text = `X-SMI DEFINITIONS ::= BEGIN
OBJECT-TYPE MACRO ::=
BEGIN
    TYPE NOTATION ::= "SYNTAX" type(TYPE ObjectSyntax) "ACCESS" Access
    VALUE NOTATION ::= value(VALUE ObjectName)
    Access ::= "read-only" | "read-write"
END
foo OBJECT IDENTIFIER ::= { iso 3 }
END`;
  const m = parseMib(text, 'X.txt').modules[0]!;
  assert.deepEqual(m.macros, ['OBJECT-TYPE']);
  assert.deepEqual(m.defs.map((d) => d.name), ['foo']);
});

test('type assignments: application tags, CHOICE, sizes, ranges with MIN/MAX', () => {
  const text = `X DEFINITIONS ::= BEGIN
Counter ::= [APPLICATION 1] IMPLICIT INTEGER (0..4294967295)
Addr ::= CHOICE { internet IpAddress }
Big ::= INTEGER (MIN..0 | 5 | 'FF'h..MAX)
Str ::= OCTET STRING (SIZE (0 | 4..8))
END`;
  const defs = parseMib(text, 'X.txt').modules[0]!.defs;
  assert.deepEqual(defs[0]!.syntax!.tag, { cls: 'APPLICATION', number: 1 });
  assert.equal(defs[1]!.syntax!.kind, 'CHOICE');
  assert.deepEqual(defs[2]!.syntax!.ranges, [{ min: 'MIN', max: 0n }, { min: 5n, max: 5n }, { min: 255n, max: 'MAX' }]);
  assert.deepEqual(defs[3]!.syntax!.sizes, [{ min: 0n, max: 0n }, { min: 4n, max: 8n }]);
});

test('a truncated file: error at the end with what was expected', () => {
  const file = path.join(BROKEN_DIR, 'TSNMP-TRUNCATED-MIB.txt');
  const e = parseError(readFileSync(file, 'latin1'));
  assert.equal(e.line, 13);
  assert.equal(e.column, 1);
  assert.match(e.message, /expected a clause of OBJECT-TYPE or "::=", found end of file/);
});

test('unbalanced braces: error where the parser lost its way', () => {
  const e = parseError(readFileSync(path.join(BROKEN_DIR, 'TSNMP-UNBALANCED-MIB.txt'), 'latin1'));
  assert.equal(e.line, 10);
  assert.equal(e.column, 17);
  assert.match(e.message, /expected "\(", found "read-only"/);
});

test('errors name file, line, column and what was expected', () => {
  let e = parseError('FOO DEFINITIONS ::= BEGIN\nx OBJECT IDENTIFIER ::= { iso 3 \nEND');
  assert.equal(e.file, 'T.txt');
  assert.deepEqual([e.line, e.column], [3, 1]);
  assert.match(e.message, /expected "}" closing the OBJECT IDENTIFIER value, found "END"/);
  assert.match(e.message, /^T\.txt:3:1: /);
  e = parseError('FOO DEFINITIONS BEGIN END');
  assert.deepEqual([e.line, e.column], [1, 17]);
  assert.match(e.message, /expected "::=", found "BEGIN"/);
  e = parseError('');
  assert.match(e.message, /empty file/);
  e = parseError('FOO DEFINITIONS ::= BEGIN\nx OBJECT-TYPE SYNTAX INTEGER ACCESS sometimes STATUS current ::= { iso 1 }\nEND');
  assert.deepEqual([e.line, e.column], [2, 37]);
  assert.match(e.message, /an access value/);
  e = parseError('FOO DEFINITIONS ::= BEGIN\nx OBJECT IDENTIFIER ::= { iso 3 }\n');
  assert.match(e.message, /expected "END" closing module FOO/);
  e = parseError('FOO DEFINITIONS ::= BEGIN\nx OBJECT-TYPE SYNTAX INTEGER DESCRIPTION "open\nEND');
  assert.match(e.message, /unterminated string/);
});

test('vendor mistakes are warnings with positions', () => {
  const { diagnostics } = parseFixture(BROKEN_DIR, 'TSNMP-VENDOR-MIB');
  const codes = diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
  assert.deepEqual(codes.sort(), ['missing-comma@11:35', 'trailing-comma@11:46', 'underscore-in-identifier@10:12'].sort());
  assert.ok(diagnostics.every((d) => d.severity === 'warning'));
});

test('missing ";" after IMPORTS and clauses out of order are tolerated with warnings', () => {
  const text = `FOO DEFINITIONS ::= BEGIN
IMPORTS OBJECT-TYPE FROM SNMPv2-SMI
x OBJECT-TYPE STATUS current MAX-ACCESS read-only SYNTAX INTEGER DESCRIPTION "d" ::= { iso 1 }
T ::= TEXTUAL-CONVENTION SYNTAX INTEGER STATUS current DESCRIPTION "d"
END`;
  const r = parseMib(text, 'F.txt');
  assert.deepEqual(r.modules[0]!.defs.map((d) => d.name), ['x', 'T']);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['missing-semicolon', 'clause-order']);
});

test('several modules in one file', () => {
  const r = parseMib('A DEFINITIONS ::= BEGIN END\nB DEFINITIONS ::= BEGIN a OBJECT IDENTIFIER ::= { iso 1 } END', 'AB.txt');
  assert.deepEqual(r.modules.map((m) => m.name), ['A', 'B']);
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Lexer, Tok } from '../../src/mib/lexer.js';
import { REPO_ROOT } from './helpers.js';

function tokens(text: string): { kind: number; raw: string; line: number; col: number }[] {
  const lx = new Lexer(text);
  const out: { kind: number; raw: string; line: number; col: number }[] = [];
  while (lx.next() !== Tok.Eof) out.push({ kind: lx.kind, raw: lx.raw(), line: lx.tokLine, col: lx.tokCol });
  return out;
}

test('identifiers keep single hyphens; a double hyphen starts a comment', () => {
  const t = tokens('es-is mib-2 foo--comment\nbar');
  assert.deepEqual(t.map((x) => x.raw), ['es-is', 'mib-2', 'foo', 'bar']);
  assert.ok(t.every((x) => x.kind === Tok.Ident));
});

test('a comment ends at the next "--" or at the end of the line (X.208)', () => {
  const t = tokens('a -- one -- b -- two\nc ----\nd');
  assert.deepEqual(t.map((x) => x.raw), ['a', 'b', 'c', 'd']);
});

test('punctuation, ranges, negative numbers and hex/binary strings', () => {
  const t = tokens("::= { } ( -5..10 | 7 ) [ ] , ; . 'FF'H '0101'b");
  assert.deepEqual(
    t.map((x) => x.kind),
    [Tok.Assign, Tok.LBrace, Tok.RBrace, Tok.LParen, Tok.Number, Tok.Range, Tok.Number, Tok.Bar, Tok.Number, Tok.RParen, Tok.LBracket, Tok.RBracket, Tok.Comma, Tok.Semi, Tok.Dot, Tok.HexString, Tok.BinString],
  );
  const lx = new Lexer('-2147483648 18446744073709551615');
  lx.next();
  assert.equal(lx.num, -2147483648);
  lx.next();
  assert.equal(lx.bigValue(), 18446744073709551615n);
});

test('strings span lines and positions count them', () => {
  const lx = new Lexer('A "one\ntwo\nthree" B');
  lx.next();
  lx.next();
  assert.equal(lx.kind, Tok.String);
  assert.equal(lx.stringValue(), 'one\ntwo\nthree');
  lx.next();
  assert.equal(lx.text, 'B');
  assert.equal(lx.tokLine, 3);
  assert.equal(lx.tokCol, 8);
});

test('an unterminated string is reported as such, not read past the end', () => {
  const lx = new Lexer('DESCRIPTION "never closed');
  lx.next();
  lx.next();
  assert.equal(lx.kind, Tok.Other);
  assert.equal(lx.describe(), 'unterminated string');
  assert.equal(lx.next(), Tok.Eof);
});

test('underscores are tolerated and noted', () => {
  const lx = new Lexer('vendor_name');
  lx.next();
  assert.equal(lx.text, 'vendor_name');
  assert.equal(lx.notes.length, 1);
  assert.equal(lx.notes[0]!.code, 'underscore-in-identifier');
});

test('mark and reset backtrack exactly', () => {
  const lx = new Lexer('a b\nc');
  lx.next();
  const m = lx.mark();
  lx.next();
  lx.next();
  assert.equal(lx.text, 'c');
  lx.reset(m);
  assert.equal(lx.text, 'a');
  lx.next();
  assert.equal(lx.text, 'b');
  assert.equal(lx.tokLine, 1);
});

test('keywords carry their numbers; the constant copies in the parser files match ./tokens.ts', async () => {
  const tokens = await import('../../src/mib/tokens.js');
  const table = tokens as unknown as Record<string, unknown>;
  const exported = new Map<string, number>();
  for (const [name, value] of Object.entries(table)) if (/^(T|KW)_[A-Z_]+$/.test(name) && typeof value === 'number') exported.set(name, value);
  // Each KW_ constant is the keyword's place in KEYWORDS plus one, and the lexer reports it.
  let keywords = 0;
  for (const [name, value] of exported) {
    if (!name.startsWith('KW_')) continue;
    keywords++;
    const word = tokens.KEYWORDS[value - 1]!;
    assert.equal(word.replace(/-/g, '_').toUpperCase(), name.slice(3), `${name} = ${value} names "${word}"`);
    const lx = new Lexer(`${word} x`);
    lx.next();
    assert.equal(lx.kind, Tok.Ident);
    assert.equal(lx.kw, value, word);
    assert.equal(lx.text, word);
  }
  assert.ok(keywords > 50);
  const other = new Lexer('ifIndex');
  other.next();
  assert.equal(other.kw, 0);
  // Token kinds: T_ constants are the Tok values.
  for (const [k, v] of Object.entries(Tok)) {
    const name = `T_${({ Eof: 'EOF', Ident: 'IDENT', Number: 'NUMBER', String: 'STRING', HexString: 'HEX', BinString: 'BIN', Assign: 'ASSIGN', LBrace: 'LBRACE', RBrace: 'RBRACE', LParen: 'LPAREN', RParen: 'RPAREN', LBracket: 'LBRACKET', RBracket: 'RBRACKET', Comma: 'COMMA', Semi: 'SEMI', Range: 'RANGE', Bar: 'BAR', Dot: 'DOT', Other: 'OTHER' } as Record<string, string>)[k]}`;
    assert.equal(exported.get(name), v, name);
  }
  // The files that keep their own copies of the constants (see their comments).
  const dir = path.join(REPO_ROOT, 'src/mib');
  let copies = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'tokens.ts')) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/^const ((?:T|KW)_[A-Z_]+): number = (\d+);$/gm)) {
      copies++;
      assert.equal(Number(m[2]), exported.get(m[1]!), `${file}: ${m[1]}`);
    }
  }
  assert.ok(copies > 50, `${copies} copies checked`);
});

/**
 * The MIB compiler end to end, as a user builds an agent with it: `tsnmp mib compile
 * CHESS-MIB --out DIR`, the handlers stub replaced by the user's own (a chess server,
 * test/fixtures/mib/chess), the generated code compiled by tsc under the project's strict
 * tsconfig (importing `tsnmp` resolves to this package's own dist/src/index.js), a type
 * test where wrong value types must be compile errors, and the agent served on loopback
 * and checked with net-snmp's snmpwalk, snmpget, snmpset and snmptable: values and types,
 * table walks, a set that plays a move, sets refused with the right error status, and names
 * printed by snmpwalk -m CHESS-MIB equal to tsnmp walk -m CHESS-MIB's.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Agent } from '../../src/agent/agent.js';
import type { SubtreeHandler } from '../../src/agent/handler.js';
import type { Registry } from '../../src/agent/registry.js';
import type { Oid } from '../../src/smi/oid.js';
import { run, type RunResult, tsnmp } from '../cli/support/run.js';
import { freePort } from '../support/ports.js';
import { haveNetSnmpTools, NET_SNMP_ENV } from '../support/snmpd.js';
import { REPO_ROOT } from './helpers.js';

const skip = haveNetSnmpTools() ? false : 'net-snmp tools are not installed: skipped';
const CHESS = path.join(REPO_ROOT, 'test/fixtures/mib/chess');
/** net-snmp reads CHESS-MIB's imports (SNMPv2-SMI, -TC, -CONF) from the CLI fixtures. */
const MIB_PATH = `${CHESS}:${path.join(REPO_ROOT, 'test/fixtures/cli/mibs')}`;
const ENV = { ...NET_SNMP_ENV, TSNMP_MIB_CACHE: '' };
const P = '.1.3.6.1.4.1.99999.1';
const UPTIME = 4200;

/** The games the agent starts with, and what chess says about them (the test's own oracle). */
const GAMES = [
  {
    index: 1,
    white: 'Alice',
    black: 'Bob',
    variant: '.1.3.6.1.4.1.99999.3.1',
    // Ruy Lopez; white has castled: only black's castling rights are left (bits 2, 3: 0x30, the text "0").
    moves: [
      ['e4', 'e2', 'e4', 1],
      ['e5', 'e7', 'e5', 1],
      ['Nf3', 'g1', 'f3', 2],
      ['Nc6', 'b8', 'c6', 2],
      ['Bb5', 'f1', 'b5', 3],
      ['a6', 'a7', 'a6', 1],
      ['Ba4', 'b5', 'a4', 3],
      ['Nf6', 'g8', 'f6', 2],
      ['O-O', 'e1', 'g1', 6],
    ],
    toMove: 2,
    moveNumber: 5,
    castling: 'STRING: "0"',
    result: 1,
  },
  {
    index: 2,
    white: 'Carol',
    black: 'Deep Thought',
    variant: '.1.3.6.1.4.1.99999.3.1',
    // Scholar's mate: white wins.
    moves: [
      ['e4', 'e2', 'e4', 1],
      ['e5', 'e7', 'e5', 1],
      ['Qh5', 'd1', 'h5', 5],
      ['Nc6', 'b8', 'c6', 2],
      ['Bc4', 'f1', 'c4', 3],
      ['Nf6', 'g8', 'f6', 2],
      ['Qxf7#', 'h5', 'f7', 5],
    ],
    toMove: 2,
    moveNumber: 4,
    castling: 'Hex-STRING: F0 ',
    result: 2,
  },
  { index: 3, white: 'Dave', black: 'Eve', variant: '.1.3.6.1.4.1.99999.3.2', moves: [], toMove: 1, moveNumber: 1, castling: 'Hex-STRING: F0 ', result: 1 },
] as const;

/** What snmpwalk -On must print for the chess server (scalars, game table, move table). */
function expectedWalk(): string[] {
  const str = (s: string): string => (s === '' ? '""' : `STRING: "${s}"`);
  const lines = [`${P}.1.1.0 = STRING: "tsnmp chess server 1.0"`, `${P}.1.2.0 = Gauge32: 8`, `${P}.1.3.0 = Gauge32: 2`, `${P}.1.4.0 = Counter32: 1`, `${P}.1.5.0 = INTEGER: 1`];
  const columns: [number, (g: (typeof GAMES)[number]) => string][] = [
    [2, (g) => str(g.white)],
    [3, (g) => str(g.black)],
    [4, (g) => `OID: ${g.variant}`],
    [5, () => 'Gauge32: 300'],
    [6, (g) => `INTEGER: ${g.toMove}`],
    [7, (g) => `Gauge32: ${g.moveNumber}`],
    [8, (g) => str(g.moves.at(-1)?.[0] ?? '')],
    [9, () => '""'],
    [10, (g) => g.castling],
    [11, (g) => `INTEGER: ${g.result}`],
    [12, () => `Timeticks: (${UPTIME}) 0:00:42.00`],
    [13, () => 'INTEGER: 1'],
  ];
  for (const [col, value] of columns) for (const g of GAMES) lines.push(`${P}.2.1.${col}.${g.index} = ${value(g)}`);
  const moveColumns: [number, (m: readonly [string, string, string, number], i: number) => string][] = [
    [2, (_, i) => `INTEGER: ${(i % 2) + 1}`],
    [3, (m) => str(m[1])],
    [4, (m) => str(m[2])],
    [5, (m) => `INTEGER: ${m[3]}`],
    [6, (m) => str(m[0])],
  ];
  for (const [col, value] of moveColumns) for (const g of GAMES) g.moves.forEach((m, i) => lines.push(`${P}.3.1.${col}.${g.index}.${i + 1} = ${value(m, i)}`));
  return lines;
}

const TYPE_TEST = `import type { RequestContext } from 'tsnmp';
import { ChessGameTable, ChessMoveTable } from './chess-mib-agent.js';
import type { ChessMibScalars } from './chess-mib-agent.js';
import * as mib from './chess-mib.js';
import { ChessServer } from './chess-mib-handlers.js';

declare const ctx: RequestContext;
const scalars: ChessMibScalars = new ChessServer('x').scalars();
const games = new ChessGameTable();
const moves = new ChessMoveTable();
games.set([1], { chessGameToMove: mib.ChessColor.black, chessGameResult: mib.ChessResult.draw, chessGameVariant: mib.chessVariantChess960 });
moves.set([1, 1], { chessMovePiece: mib.ChessMovePiece.knight, chessMoveSan: new Uint8Array([78, 102, 51]) });
// @ts-expect-error chessGameWhite is a DisplayString: octets, not text
games.set([1], { chessGameWhite: 'Alice' });
// @ts-expect-error ChessColor is white(1) or black(2)
games.set([1], { chessGameToMove: 3 });
// @ts-expect-error chessGameResult takes a ChessResult value, not its name
games.set([1], { chessGameResult: 'whiteWins' });
// @ts-expect-error chessGameVariant is an OBJECT IDENTIFIER: an Oid, not a dotted string
games.set([1], { chessGameVariant: '1.3.6.1.4.1.99999.3.1' });
// @ts-expect-error chessGameStarted is a TimeStamp: a number, not a bigint
games.set([1], { chessGameStarted: 5n });
// @ts-expect-error the game table's INDEX is one Unsigned32
games.set([1, 2], {});
// @ts-expect-error the move table's INDEX has two parts
moves.set([1], {});
// @ts-expect-error chessMoveEntry has no column chessGameWhite
moves.set([1, 1], { chessGameWhite: new Uint8Array(1) });
// @ts-expect-error index parts are numbers
mib.chessMoveEntryIndex.encode(['1', 2]);
// @ts-expect-error chessMaxGames is an Unsigned32: a number
void scalars.chessMaxGames.set(8n, ctx);
// @ts-expect-error TruthValue is true(1) or false(2)
void scalars.chessNotificationsEnabled.set(0, ctx);
// @ts-expect-error chessServerName is read-only: it has no set
void scalars.chessServerName.set(new Uint8Array(0), ctx);
export const piece: mib.ChessMovePiece = mib.ChessMovePiece.queen;
// @ts-expect-error 7 is not a ChessMovePiece
export const badPiece: mib.ChessMovePiece = 7;
// @ts-expect-error CHESS-MIB has no chessBoard definition
export const board = mib.definitions.chessBoard;
`;

/** The ChessServer class of the user's handlers file, as far as the test uses it. */
interface ChessServerLike {
  addGame(index: number, white: string, black: string, moves?: readonly string[], variant?: Oid): unknown;
  register(registry: Registry): unknown[];
}

async function tsc(dir: string): Promise<RunResult> {
  return run(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { timeoutMs: 120_000 });
}

describe('CHESS-MIB compiled to TypeScript and served to net-snmp', { skip }, () => {
  let dir: string;
  let agent: Agent;
  let target: string;

  before(async () => {
    // Inside the package (dist/test/mib/...), so that `import ... from 'tsnmp'` is this package.
    dir = path.join(REPO_ROOT, 'dist/test/mib', `chess-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
    mkdirSync(dir, { recursive: true });
    const first = await tsnmp(['mib', 'compile', 'CHESS-MIB', '--out', dir, '-M', CHESS], { env: ENV });
    assert.equal(first.status, 0, first.stderr);
    // The user fills in the handlers stub; compiling again must keep them.
    copyFileSync(path.join(CHESS, 'chess-mib-handlers.ts.txt'), path.join(dir, 'chess-mib-handlers.ts'));
    copyFileSync(path.join(CHESS, 'chess-game.ts'), path.join(dir, 'chess-game.ts'));
    const again = await tsnmp(['mib', 'compile', 'CHESS-MIB', '--out', dir, '-M', CHESS], { env: ENV });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /chess-mib-handlers\.ts exists \(the handlers you edit\): not overwritten/);
    assert.equal(readFileSync(path.join(dir, 'chess-mib-handlers.ts'), 'utf8'), readFileSync(path.join(CHESS, 'chess-mib-handlers.ts.txt'), 'utf8'));
    writeFileSync(path.join(dir, 'type-test.ts'), TYPE_TEST);
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../../../tsconfig.json', compilerOptions: { rootDir: '.', outDir: '.', declaration: false, sourceMap: false }, include: ['*.ts'], exclude: [] }));
    const built = await tsc(dir);
    assert.equal(built.status, 0, `${built.stdout}${built.stderr}`);

    const { ChessServer } = (await import(pathToFileURL(path.join(dir, 'chess-mib-handlers.js')).href)) as { ChessServer: new (name: string, upTime: () => number) => ChessServerLike };
    const { chessVariantChess960 } = (await import(pathToFileURL(path.join(dir, 'chess-mib.js')).href)) as { chessVariantChess960: Oid };
    agent = new Agent({ communities: [{ community: 'public' }, { community: 'private', access: 'read-write' }] });
    const server = new ChessServer('tsnmp chess server 1.0', () => UPTIME);
    for (const g of GAMES) server.addGame(g.index, g.white, g.black, g.moves.map((m) => m[0]), g.index === 3 ? chessVariantChess960 : undefined);
    server.register(agent.registry);
    const port = await freePort();
    await agent.listen([`udp:127.0.0.1:${port}`]);
    target = `udp:127.0.0.1:${port}`;
  });

  after(async () => {
    await agent?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const net = (tool: string, args: readonly string[]): Promise<RunResult> => run(tool, args, { env: ENV });
  const get = async (...oids: string[]): Promise<string[]> => {
    const r = await net('snmpget', ['-v2c', '-c', 'public', '-On', target, ...oids]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trimEnd().split('\n');
  };
  const set = (community: string, ...args: string[]): Promise<RunResult> => net('snmpset', ['-v2c', '-c', community, '-On', target, ...args]);
  /** snmpset's lines for an error status on the first varbind. */
  const refused = (status: string, oid: string): string => `Error in packet.\nReason: ${status}\nFailed object: ${oid}\n\n`;

  it('wrong value types are compile errors: each @ts-expect-error line fails without its directive', async () => {
    const expected: number[] = [];
    const lines = TYPE_TEST.split('\n');
    lines.forEach((l, i) => {
      if (l.startsWith('// @ts-expect-error')) expected.push(i + 2);
    });
    assert.ok(expected.length >= 12);
    // Keep the line numbers: each directive becomes a plain comment.
    writeFileSync(path.join(dir, 'type-test.ts'), lines.map((l) => (l.startsWith('// @ts-expect-error') ? '// (expected error below)' : l)).join('\n'));
    try {
      const r = await tsc(dir);
      assert.notEqual(r.status, 0);
      const errorLines = new Set([...`${r.stdout}${r.stderr}`.matchAll(/type-test\.ts\((\d+),\d+\): error TS\d+/g)].map((m) => Number(m[1])));
      assert.deepEqual([...errorLines].sort((a, b) => a - b), expected);
      assert.doesNotMatch(`${r.stdout}${r.stderr}`, /chess-mib(-agent|-handlers)?\.ts\(/);
    } finally {
      writeFileSync(path.join(dir, 'type-test.ts'), TYPE_TEST);
    }
  });

  it('snmpwalk -On: every scalar, both tables, values and types', async () => {
    const r = await net('snmpwalk', ['-v2c', '-c', 'public', '-On', target, '.1.3.6.1.4.1.99999']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    const last = lines.pop();
    assert.deepEqual(lines, expectedWalk());
    assert.match(last!, /= No more variables left in this MIB View \(It is past the end of the MIB tree\)$/);
    // The same walk with GetBulk: the agent stops its last response after the repetition at
    // the end of the view (as snmpd does), so snmpbulkwalk prints one endOfMibView line.
    const bulkArgs = ['-v2c', '-c', 'public', '-On', '-Cr7', target, '.1.3.6.1.4.1.99999'];
    const bulk = await net('snmpbulkwalk', bulkArgs);
    assert.equal(bulk.status, 0, bulk.stderr);
    const bulkLines = bulk.stdout.trimEnd().split('\n');
    assert.match(bulkLines.pop()!, /= No more variables left in this MIB View \(It is past the end of the MIB tree\)$/);
    assert.deepEqual(bulkLines, expectedWalk());
    assert.equal((await tsnmp(['bulkwalk', ...bulkArgs], { env: ENV })).stdout, bulk.stdout);
  });

  it('names: snmpwalk and snmptable with -m CHESS-MIB print what tsnmp walk and tsnmp table print', async () => {
    const mib = ['-M', MIB_PATH, '-m', 'CHESS-MIB'];
    for (const [cmd, tool, root] of [
      ['walk', 'snmpwalk', '.1.3.6.1.4.1.99999'],
      ['walk', 'snmpwalk', 'CHESS-MIB::chessMoveTable'],
      ['bulkwalk', 'snmpbulkwalk', 'CHESS-MIB::chessGameTable'],
      ['table', 'snmptable', 'CHESS-MIB::chessGameTable'],
      ['table', 'snmptable', 'CHESS-MIB::chessMoveTable'],
    ] as const) {
      for (const o of [[], ['-Of'], ['-OX'], ['-Oe', '-Os']]) {
        const args = ['-v2c', '-c', 'public', ...mib, ...o, target, root];
        const [theirs, ours] = await Promise.all([net(tool, args), tsnmp([cmd, ...args], { env: ENV })]);
        assert.equal(theirs.status, 0, theirs.stderr);
        assert.equal(ours.stdout, theirs.stdout, `${cmd} ${o.join(' ')} ${root}`);
        assert.equal(ours.status, 0, ours.stderr);
      }
    }
    const named = await net('snmpwalk', ['-v2c', '-c', 'public', ...mib, target, 'CHESS-MIB::chessGameTable']);
    assert.match(named.stdout, /^CHESS-MIB::chessGameCastling\.2 = BITS: F0 whiteKingside\(0\) whiteQueenside\(1\) blackKingside\(2\) blackQueenside\(3\) $/m);
    assert.match(named.stdout, /^CHESS-MIB::chessGameResult\.2 = INTEGER: whiteWins\(2\)$/m);
    assert.match(named.stdout, /^CHESS-MIB::chessGameTimeControl\.1 = Gauge32: 300 seconds$/m);
  });

  it('snmpset: a legal move is played, and the game and move tables follow', async () => {
    const r = await set('private', `${P}.2.1.9.1`, 's', 'Be7');
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `${P}.2.1.9.1 = STRING: "Be7"\n`);
    assert.equal(r.status, 0);
    assert.deepEqual(await get(`${P}.2.1.8.1`, `${P}.2.1.6.1`, `${P}.2.1.7.1`, `${P}.2.1.9.1`), [`${P}.2.1.8.1 = STRING: "Be7"`, `${P}.2.1.6.1 = INTEGER: 1`, `${P}.2.1.7.1 = Gauge32: 6`, `${P}.2.1.9.1 = ""`]);
    const moves = await net('snmpwalk', ['-v2c', '-c', 'public', '-On', target, `${P}.3.1.6.1`]);
    assert.equal(moves.stdout.trimEnd().split('\n').at(-1), `${P}.3.1.6.1.10 = STRING: "Be7"`);
    assert.deepEqual(await get(`${P}.3.1.2.1.10`, `${P}.3.1.3.1.10`, `${P}.3.1.4.1.10`, `${P}.3.1.5.1.10`), [`${P}.3.1.2.1.10 = INTEGER: 2`, `${P}.3.1.3.1.10 = STRING: "f8"`, `${P}.3.1.4.1.10 = STRING: "e7"`, `${P}.3.1.5.1.10 = INTEGER: 3`]);
    // Scalars: a value in range, by name with net-snmp's MIB-typed `=`, and read back.
    const byName = await net('snmpset', ['-v2c', '-c', 'private', '-M', MIB_PATH, '-m', 'CHESS-MIB', target, 'CHESS-MIB::chessMaxGames.0', '=', '16', 'chessNotificationsEnabled.0', '=', 'false']);
    assert.equal(byName.stdout, 'CHESS-MIB::chessMaxGames.0 = Gauge32: 16\nCHESS-MIB::chessNotificationsEnabled.0 = INTEGER: false(2)\n', byName.stderr);
    assert.deepEqual(await get(`${P}.1.2.0`, `${P}.1.5.0`), [`${P}.1.2.0 = Gauge32: 16`, `${P}.1.5.0 = INTEGER: 2`]);
  });

  it('RowStatus and index ranges: a generated table with its default options, created and destroyed with snmpset, read with snmptable', async () => {
    // The game table as generated (rowCreation: true), alone in an agent of its own.
    const { ChessGameTable } = (await import(pathToFileURL(path.join(dir, 'chess-mib-agent.js')).href)) as { ChessGameTable: new () => { handler: SubtreeHandler & { entry: Oid } } };
    const games = new ChessGameTable();
    const own = new Agent({ communities: [{ community: 'public' }, { community: 'private', access: 'read-write' }] });
    own.registry.register(games.handler.entry, games.handler);
    const port = await freePort();
    await own.listen([`udp:127.0.0.1:${port}`]);
    const to = `udp:127.0.0.1:${port}`;
    try {
      const E = `${P}.2.1`;
      const put = (...args: string[]): Promise<RunResult> => net('snmpset', ['-v2c', '-c', 'private', '-On', to, ...args]);
      const table = async (): Promise<string> => {
        const r = await net('snmptable', ['-v2c', '-c', 'public', '-M', MIB_PATH, '-m', 'CHESS-MIB', '-Cf', ',', '-CH', to, 'CHESS-MIB::chessGameTable']);
        assert.equal(r.status, 0, r.stderr);
        return r.stdout;
      };
      // createAndGo with the required columns: active, the DEFVALs filled in.
      const go = await put(`${E}.2.2`, 's', 'Carol', `${E}.3.2`, 's', 'Dan', `${E}.13.2`, 'i', '4');
      assert.equal(go.stderr, '');
      assert.equal(go.status, 0);
      assert.equal(await table(), 'Carol,Dan,CHESS-MIB::chessVariantStandard,300 seconds,?,?,?,?,?,?,?,active\n');
      // createAndGo without chessGameBlack: inconsistentValue, nothing created.
      const short = await put(`${E}.2.3`, 's', 'Eve', `${E}.13.3`, 'i', '4');
      assert.equal(short.stderr, refused('inconsistentValue (The set value is illegal or unsupported in some way)', `${E}.13.3`));
      // createAndWait without them: notReady; then the missing columns make it notInService; then active.
      assert.equal((await put(`${E}.13.5`, 'i', '5')).stderr, '');
      assert.equal((await put(`${E}.13.5`, 'i', '1')).stderr, refused('inconsistentValue (The set value is illegal or unsupported in some way)', `${E}.13.5`));
      assert.equal((await put(`${E}.2.5`, 's', 'Fay', `${E}.3.5`, 's', 'Gus')).stderr, '');
      assert.equal((await net('snmpget', ['-v2c', '-c', 'public', '-On', to, `${E}.13.5`])).stdout, `${E}.13.5 = INTEGER: 2\n`);
      assert.equal((await put(`${E}.13.5`, 'i', '1')).stderr, '');
      // Refused: notReady is never set, createAndGo on an existing row, a column of a missing row, index 0 and 2^32-1.
      const cases: [string, string, string, string][] = [
        [`${E}.13.2`, 'i', '3', 'wrongValue (The set value is illegal or unsupported in some way)'],
        [`${E}.13.2`, 'i', '7', 'wrongValue (The set value is illegal or unsupported in some way)'],
        [`${E}.13.2`, 'i', '4', 'inconsistentValue (The set value is illegal or unsupported in some way)'],
        [`${E}.13.9`, 'i', '1', 'inconsistentValue (The set value is illegal or unsupported in some way)'],
        [`${E}.2.9`, 's', 'Hal', 'inconsistentName (That object can not currently be created)'],
        [`${E}.13.0`, 'i', '4', 'noCreation (That table does not support row creation or that object can not ever be created)'],
        [`${E}.13.4294967295`, 'i', '5', 'noCreation (That table does not support row creation or that object can not ever be created)'],
        [`${E}.13.65536`, 'i', '5', 'noCreation (That table does not support row creation or that object can not ever be created)'],
      ];
      for (const [oid, type, value, status] of cases) {
        const r = await put(oid, type, value);
        assert.equal(r.stderr, refused(status, oid), `${oid} ${type} ${value}`);
      }
      // destroy removes the row (and is noError on a row that does not exist).
      assert.equal((await put(`${E}.13.2`, 'i', '6')).stderr, '');
      assert.equal((await put(`${E}.13.7`, 'i', '6')).stderr, '');
      assert.equal(await table(), 'Fay,Gus,CHESS-MIB::chessVariantStandard,300 seconds,?,?,?,?,?,?,?,active\n');
      const gone = await net('snmpget', ['-v2c', '-c', 'public', '-On', to, `${E}.13.2`, `${E}.2.9`, `${E}.13.0`]);
      assert.equal(gone.stdout, `${E}.13.2 = No Such Instance currently exists at this OID\n${E}.2.9 = No Such Instance currently exists at this OID\n${E}.13.0 = No Such Instance currently exists at this OID\n`);
    } finally {
      await own.close();
    }
  });

  it('snmpset: wrong types, values outside the ranges and enumerations, illegal moves and read-only objects are refused with the right status', async () => {
    const cases: [string, string, string, string, string][] = [
      // [community, oid, type, value, status]
      ['private', `${P}.1.2.0`, 'u', '65', 'wrongValue (The set value is illegal or unsupported in some way)'],
      ['private', `${P}.1.2.0`, 'u', '0', 'wrongValue (The set value is illegal or unsupported in some way)'],
      ['private', `${P}.1.2.0`, 'i', '5', 'wrongType (The set datatype does not match the data type the agent expects)'],
      ['private', `${P}.1.2.0`, 'u', '1', 'inconsistentValue (The set value is illegal or unsupported in some way)'],
      ['private', `${P}.1.5.0`, 'i', '3', 'wrongValue (The set value is illegal or unsupported in some way)'],
      ['private', `${P}.1.5.0`, 's', 'yes', 'wrongType (The set datatype does not match the data type the agent expects)'],
      ['private', `${P}.1.1.0`, 's', 'renamed', 'notWritable (That object does not support modification)'],
      ['private', `${P}.1.3.0`, 'u', '1', 'notWritable (That object does not support modification)'],
      ['private', `${P}.2.1.11.1`, 'i', '2', 'notWritable (That object does not support modification)'],
      ['private', `${P}.3.1.6.1.1`, 's', 'e4', 'notWritable (That object does not support modification)'],
      ['private', `${P}.2.1.2.1`, 's', '', 'wrongLength (The set value has an illegal length from what the agent expects)'],
      ['private', `${P}.2.1.9.1`, 's', 'Nbd7xe5=Q+!', 'wrongLength (The set value has an illegal length from what the agent expects)'],
      ['private', `${P}.2.1.9.1`, 'i', '4', 'wrongType (The set datatype does not match the data type the agent expects)'],
      // White to move: the e4 pawn is blocked by e5; white has castled already.
      ['private', `${P}.2.1.9.1`, 's', 'e5', 'wrongValue (The set value is illegal or unsupported in some way)'],
      ['private', `${P}.2.1.9.1`, 's', 'O-O', 'wrongValue (The set value is illegal or unsupported in some way)'],
      ['private', `${P}.2.1.9.2`, 's', 'Ke7', 'inconsistentValue (The set value is illegal or unsupported in some way)'],
      ['private', `${P}.2.1.9.9`, 's', 'e4', 'noCreation (That table does not support row creation or that object can not ever be created)'],
      ['public', `${P}.1.2.0`, 'u', '9', 'noAccess'],
    ];
    for (const [community, oid, type, value, status] of cases) {
      const r = await set(community, oid, type, value);
      assert.equal(r.stderr, refused(status, oid), `${oid} ${type} ${value}`);
      assert.equal(r.status, 2, `${oid} ${type} ${value}`);
    }
    // A request with a legal move and a refused value changes nothing.
    const mixed = await set('private', `${P}.2.1.9.1`, 's', 'd3', `${P}.1.2.0`, 'u', '65');
    assert.equal(mixed.stderr, refused('wrongValue (The set value is illegal or unsupported in some way)', `${P}.1.2.0`));
    assert.deepEqual(await get(`${P}.2.1.8.1`, `${P}.1.2.0`), [`${P}.2.1.8.1 = STRING: "Be7"`, `${P}.1.2.0 = Gauge32: 16`]);
    // SNMPv1 maps the statuses (RFC 3584 §4.3): notWritable to noSuchName, wrongValue to badValue.
    const v1 = await net('snmpset', ['-v1', '-c', 'private', '-On', target, `${P}.1.1.0`, 's', 'x']);
    assert.equal(v1.stderr, refused('(noSuchName) There is no such variable name in this MIB.', `${P}.1.1.0`));
    const v1Value = await net('snmpset', ['-v1', '-c', 'private', '-On', target, `${P}.2.1.9.1`, 's', 'e5']);
    assert.equal(v1Value.stderr, refused('(badValue) The value given has the wrong type or length.', `${P}.2.1.9.1`));
    // By name, with the MIB: the refusal names the object, in tsnmp set as in snmpset.
    const named = ['-v2c', '-c', 'private', '-M', MIB_PATH, '-m', 'CHESS-MIB', target, 'CHESS-MIB::chessNotificationsEnabled.0', 'i', '3'];
    const [theirs, ours] = await Promise.all([net('snmpset', named), tsnmp(['set', ...named], { env: ENV })]);
    assert.equal(theirs.stderr, refused('wrongValue (The set value is illegal or unsupported in some way)', 'CHESS-MIB::chessNotificationsEnabled.0'));
    assert.equal(ours.stderr, theirs.stderr);
    assert.equal(ours.status, theirs.status);
  });
});

/**
 * The chess game behind the CHESS-MIB example agent (test/fixtures/mib/chess/chess-game.ts):
 * the rules its move checks rely on, so that the agent's wrongValue answers mean "illegal
 * move" and nothing else.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChessGame } from '../fixtures/mib/chess/chess-game.js';

function play(moves: readonly string[]): ChessGame {
  const g = new ChessGame();
  for (const m of moves) assert.ok(g.play(m) !== undefined, `${m} after ${g.moves.map((x) => x.san).join(' ')}`);
  return g;
}

test('opening moves, captures, blocking and the move record', () => {
  const g = play(['e4', 'e5', 'Nf3', 'Nc6', 'Bb5', 'a6', 'Bxc6', 'dxc6']);
  assert.deepEqual(
    g.moves.map((m) => [m.side, m.from, m.to, m.kind]),
    [
      ['white', 'e2', 'e4', 'P'],
      ['black', 'e7', 'e5', 'P'],
      ['white', 'g1', 'f3', 'N'],
      ['black', 'b8', 'c6', 'N'],
      ['white', 'f1', 'b5', 'B'],
      ['black', 'a7', 'a6', 'P'],
      ['white', 'b5', 'c6', 'B'],
      ['black', 'd7', 'c6', 'P'],
    ],
  );
  assert.equal(g.toMove, 'white');
  assert.equal(g.moveNumber, 5);
  // Blocked pawn, a capture without x, an x without a capture, a bishop through a piece.
  for (const bad of ['e5', 'Nxe5x', 'Ne5', 'Nxd4', 'Qh5', 'Bc4', 'e4e5', '']) assert.equal(g.isLegal(bad), false, bad);
  assert.equal(g.isLegal('Nxe5'), true);
  assert.equal(g.at('c6')?.kind, 'P');
  assert.equal(g.at('b5'), undefined);
});

test('castling: rights, empty squares, not through check; the rook moves too', () => {
  const g = play(['e4', 'e5', 'Nf3', 'Nc6', 'Bc4', 'Bc5', 'O-O']);
  assert.equal(g.at('g1')?.kind, 'K');
  assert.equal(g.at('f1')?.kind, 'R');
  assert.deepEqual(g.castlingRights, [2, 3]);
  assert.equal(g.isLegal('O-O-O'), false); // b8 is empty but c8, d8 are not
  // Not through an attacked square: the bishop on a6 sees f1 until d3 closes the diagonal.
  const through = play(['g3', 'b6', 'Bg2', 'Ba6', 'Nf3', 'e6', 'e4', 'Nc6']);
  assert.equal(through.isLegal('O-O'), false);
  assert.ok(through.play('d3') !== undefined && through.play('Nf6') !== undefined);
  assert.equal(through.isLegal('O-O'), true);
  const moved = play(['e4', 'e5', 'Ke2', 'Ke7', 'Ke1', 'Ke8', 'Nf3', 'Nf6', 'Bc4', 'Bc5']);
  assert.equal(moved.isLegal('O-O'), false);
  assert.deepEqual(moved.castlingRights, []);
});

test('en passant, promotion, pins and ambiguity', () => {
  const ep = play(['e4', 'a6', 'e5', 'd5', 'exd6']);
  assert.equal(ep.at('d5'), undefined);
  assert.equal(ep.at('d6')?.kind, 'P');
  const late = play(['e4', 'a6', 'e5', 'd5', 'a3', 'a5']);
  assert.equal(late.isLegal('exd6'), false); // only right after the double step
  const promo = play(['h4', 'g5', 'hxg5', 'h6', 'gxh6', 'Nf6', 'h7', 'Ng8']);
  assert.equal(promo.isLegal('hxg8'), false); // promotion must be named
  assert.ok(promo.play('hxg8=Q') !== undefined);
  assert.equal(promo.at('g8')?.kind, 'Q');
  // The d7 pawn is pinned to its king by the bishop on b5.
  const pin = play(['e4', 'e6', 'Bb5']);
  assert.equal(pin.isLegal('d5'), false);
  assert.equal(pin.isLegal('d6'), false);
  assert.equal(pin.isLegal('c6'), true);
  // In check, only a move that answers it.
  const check = play(['e4', 'd6', 'Bb5+']);
  assert.equal(check.isLegal('a6'), false);
  assert.equal(check.isLegal('c6'), true);
  // Two knights reach d2: Nd2 is ambiguous, Nbd2 and Nfd2 are not.
  const two = play(['Nf3', 'a6', 'd3', 'a5', 'e3', 'a4']);
  assert.equal(two.isLegal('Nd2'), false);
  assert.equal(two.isLegal('Nbd2'), true);
  assert.equal(two.isLegal('Nfd2'), true);
});

test('mate and stalemate end the game; nothing more can be played', () => {
  const fool = play(['f3', 'e5', 'g4', 'Qh4#']);
  assert.equal(fool.result, 'blackWins');
  assert.equal(fool.play('a3'), undefined);
  const scholar = play(['e4', 'e5', 'Qh5', 'Nc6', 'Bc4', 'Nf6', 'Qxf7#']);
  assert.equal(scholar.result, 'whiteWins');
  // The shortest known stalemate (Sam Loyd): black to move has no legal move and is not in check.
  const stale = play(['e3', 'a5', 'Qh5', 'Ra6', 'Qxa5', 'h5', 'h4', 'Rah6', 'Qxc7', 'f6', 'Qxd7+', 'Kf7', 'Qxb7', 'Qd3', 'Qxb8', 'Qh7', 'Qxc8', 'Kg6', 'Qe6']);
  assert.equal(stale.result, 'draw');
});

test('snapshot and restore take a move back', () => {
  const g = play(['e4', 'e5']);
  const s = g.snapshot();
  assert.ok(g.play('Nf3') !== undefined);
  g.restore(s);
  assert.equal(g.moves.length, 2);
  assert.equal(g.toMove, 'white');
  assert.equal(g.at('g1')?.kind, 'N');
  assert.equal(g.at('f3'), undefined);
});

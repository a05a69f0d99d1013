/**
 * The agent's state that must not be lost: its engine identity and boot counter (RFC 3414
 * §2.2: snmpEngineBoots grows on every start) and the values of persistent entries. Kept
 * in one JSON file replaced atomically (write a temporary file, fsync it, rename it over
 * the old one, fsync the directory), so that a crash or kill -9 at any moment leaves
 * either the old state or the new one, never a mix.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { DecodeError } from '../errors.js';
import { octetsFromHex, octetsToHex } from '../smi/octets.js';
import { formatSnmprecLine, parseSnmprecLine } from '../smi/snmprec.js';
import type { VarBind } from '../smi/types.js';

/** What the state file holds. */
export interface AgentState {
  /** snmpEngineID (RFC 3411 §5), 5 to 32 octets. */
  engineId: Uint8Array;
  /** snmpEngineBoots: starts so far (0..2^31-1). */
  engineBoots: number;
  /** Persistent values, by OID. */
  values: VarBind[];
}

/** A new engine ID: RFC 3411 §5 format 5 (octets assigned by the administrator) with 12 random octets. */
export function newEngineId(): Uint8Array {
  const id = new Uint8Array(17);
  id.set([0x80, 0x00, 0x00, 0x00, 0x05]);
  id.set(randomBytes(12), 5);
  return id;
}

/** The file's text for a state. @throws InvalidArgumentError when a value does not fit its type. */
export function formatState(state: AgentState): string {
  return (
    JSON.stringify(
      {
        format: 'tsnmp-agent-state/1',
        engineId: octetsToHex(state.engineId),
        engineBoots: state.engineBoots,
        values: state.values.map(formatSnmprecLine),
      },
      null,
      1,
    ) + '\n'
  );
}

/** Reads a state from the file's text. @throws DecodeError when it is not a valid state file. */
export function parseState(text: string): AgentState {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new DecodeError('badFrame', 0, `State file is not JSON: ${(err as Error).message}`, { cause: err });
  }
  const d = doc as { format?: unknown; engineId?: unknown; engineBoots?: unknown; values?: unknown };
  if (d === null || typeof d !== 'object' || d.format !== 'tsnmp-agent-state/1') throw new DecodeError('badFrame', 0, 'Not a tsnmp agent state file');
  if (typeof d.engineId !== 'string' || !/^([0-9a-f]{2}){5,32}$/.test(d.engineId)) throw new DecodeError('badFrame', 0, 'State file: bad engineId');
  if (typeof d.engineBoots !== 'number' || !Number.isInteger(d.engineBoots) || d.engineBoots < 0 || d.engineBoots > 0x7fffffff) {
    throw new DecodeError('badFrame', 0, 'State file: bad engineBoots');
  }
  if (!Array.isArray(d.values) || !d.values.every((v) => typeof v === 'string')) throw new DecodeError('badFrame', 0, 'State file: bad values');
  const values: VarBind[] = [];
  (d.values as string[]).forEach((line, i) => {
    const vb = parseSnmprecLine(line, i + 1);
    if (vb !== undefined) values.push(vb);
  });
  return { engineId: octetsFromHex(d.engineId), engineBoots: d.engineBoots, values };
}

/**
 * Reads the state file; undefined when there is none.
 * @throws DecodeError when it exists but is not a valid state file.
 * @throws Error (the file system's) when it cannot be read.
 */
export function loadState(file: string): AgentState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return parseState(text);
}

let tmpCounter = 0;

/** Removes temporary files a killed writer left beside the state file. */
export function removeStaleTemporaries(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    try {
      unlinkSync(path.join(dir, n));
    } catch {
      // gone already, or not ours to remove
    }
  }
}

function tmpName(file: string): string {
  return `${file}.tmp-${process.pid}-${++tmpCounter}`;
}

function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the state atomically, synchronously (at start and at exit). @throws Error from the file system. */
export function saveStateSync(file: string, state: AgentState): void {
  const tmp = tmpName(file);
  const data = Buffer.from(formatState(state));
  const fd = openSync(tmp, 'w', 0o600);
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, file);
  fsyncDirSync(path.dirname(file));
}

/** Writes the state atomically without blocking. @throws Error from the file system. */
export async function saveState(file: string, state: AgentState): Promise<void> {
  const tmp = tmpName(file);
  const data = formatState(state);
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  await rename(tmp, file);
  const dir = await open(path.dirname(file), 'r').catch(() => undefined);
  if (dir !== undefined) {
    await dir.sync().catch(() => undefined);
    await dir.close();
  }
}

/**
 * Serialises saves of one state file: a save asked for while one is running is done once
 * after it, with the latest state.
 */
export class StateWriter {
  readonly file: string;
  readonly #snapshot: () => AgentState;
  readonly #onError: (err: unknown) => void;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(file: string, snapshot: () => AgentState, onError: (err: unknown) => void) {
    this.file = file;
    this.#snapshot = snapshot;
    this.#onError = onError;
  }

  /** Asks for a save of the current state. */
  schedule(): void {
    if (this.#running !== undefined) {
      this.#again = true;
      return;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        try {
          await saveState(this.file, this.#snapshot());
        } catch (err) {
          this.#onError(err);
        }
      } while (this.#again);
      this.#running = undefined;
    })();
  }

  /** Resolves when no save is running or asked for. */
  async flush(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }
}

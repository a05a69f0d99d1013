/**
 * RFC 3430 §2.1 framing: on a stream, SNMP messages follow one another with no other
 * framing; each one's length comes from its outer BER header (a SEQUENCE, tag 0x30, with a
 * definite length). This splits a byte stream back into messages.
 */
import { DecodeError, InvalidArgumentError } from '../errors.js';

/** Largest message accepted on a stream by default: 1 MiB. */
export const DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

/** The BER tag of a SEQUENCE (universal, constructed, 16): every SNMP message starts with it. */
const SEQUENCE = 0x30;

/**
 * Splits a stream into whole BER messages. Feed it chunks as they arrive with
 * {@link FrameDecoder.push}; it calls `onMessage` once per complete message, in order.
 *
 * A message wholly inside one chunk is delivered as a view of that chunk (the chunk itself
 * when it holds exactly one message); a message split across chunks is joined into a new
 * buffer. The decoder never writes into a chunk or a buffer it delivered, so every
 * delivered Uint8Array stays valid and unchanged for as long as the receiver keeps it.
 *
 * Bytes it holds never exceed `maxMessageSize` plus one chunk: the length is checked as soon
 * as the header is complete.
 */
export class FrameDecoder {
  readonly #maxMessageSize: number;
  readonly #onMessage: (message: Uint8Array) => void;
  /** Chunks (or their tails) not yet delivered, in order. */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Total length (header included) of the message at the head of #pending, or -1 while its header is incomplete. */
  #frameLength = -1;
  /** Stream offset of the first pending byte, for error offsets. */
  #offset = 0;
  /** Bytes pushed so far. */
  #received = 0;
  #failed = false;

  /**
   * @param maxMessageSize largest message (header included) accepted, in bytes. Default 1 MiB.
   * @throws InvalidArgumentError when maxMessageSize is not a positive integer.
   */
  constructor(onMessage: (message: Uint8Array) => void, maxMessageSize: number = DEFAULT_MAX_MESSAGE_SIZE) {
    if (!Number.isSafeInteger(maxMessageSize) || maxMessageSize < 2) throw new InvalidArgumentError(`Invalid maxMessageSize ${String(maxMessageSize)}`);
    this.#onMessage = onMessage;
    this.#maxMessageSize = maxMessageSize;
  }

  /** Bytes received and not yet delivered as a message. */
  get buffered(): number {
    return this.#pendingBytes;
  }

  /** Stream offset of the next byte not yet delivered. */
  get offset(): number {
    return this.#offset;
  }

  /** Bytes received and not delivered (after a framing error: all bytes from the bad message on). */
  get undelivered(): number {
    return this.#received - this.#offset;
  }

  /**
   * Adds a chunk of the stream. Calls `onMessage` for every message it completes, then
   * returns. After a framing error the stream cannot be resynchronised: the caller closes
   * the connection, and every later push throws again.
   * @throws DecodeError `badFrame` for a first byte other than 0x30, `indefiniteLength` for
   *   the indefinite form (X.690 §8.1.3.6; SNMP uses definite lengths only), `badLength` for a
   *   length of more than four octets or the reserved 0xff, `limitExceeded` for a message
   *   longer than maxMessageSize. `onMessage` must not throw (the transports catch their
   *   handler's errors); if it does, the error propagates and the rest of the chunk is lost.
   */
  push(chunk: Buffer): void {
    if (this.#failed) throw new DecodeError('badFrame', this.#offset, 'Stream framing already failed');
    if (chunk.length === 0) return;
    this.#received += chunk.length;
    if (this.#pendingBytes === 0) {
      this.#scan(chunk);
      return;
    }
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    if (this.#frameLength < 0) {
      this.#frameLength = this.#header(this.#pendingByte, this.#pendingBytes);
      if (this.#frameLength < 0) return;
    }
    if (this.#pendingBytes < this.#frameLength) return;
    // The head message is complete: join its pieces, then scan what follows it.
    const length = this.#frameLength;
    const joined = Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#frameLength = -1;
    this.#offset += length;
    const rest = joined.subarray(length);
    this.#onMessage(length === joined.length ? joined : joined.subarray(0, length));
    if (rest.length > 0) this.#scan(rest);
  }

  /** Delivers every whole message of `chunk` (nothing pending before it) and keeps the tail. */
  #scan(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const base = at;
      const length = this.#header((i) => chunk[base + i]!, chunk.length - at);
      if (length < 0 || chunk.length - at < length) {
        const tail = at === 0 ? chunk : chunk.subarray(at);
        this.#pending.push(tail);
        this.#pendingBytes = tail.length;
        this.#frameLength = length;
        return;
      }
      const message = length === chunk.length ? chunk : chunk.subarray(at, at + length);
      at += length;
      this.#offset += length;
      this.#onMessage(message);
    }
  }

  readonly #pendingByte = (i: number): number => {
    for (const piece of this.#pending) {
      if (i < piece.length) return piece[i]!;
      i -= piece.length;
    }
    return 0;
  };

  /**
   * Reads the outer header from the first `available` bytes: returns the whole message
   * length (header and contents), or -1 when more bytes are needed to know it.
   */
  #header(byteAt: (i: number) => number, available: number): number {
    const tag = byteAt(0);
    if (tag !== SEQUENCE) {
      this.#fail('badFrame', 0, `Stream message does not start with a SEQUENCE (0x30) but 0x${tag.toString(16).padStart(2, '0')}`);
    }
    if (available < 2) return -1;
    const first = byteAt(1);
    let contents: number;
    let headerLength: number;
    if (first < 0x80) {
      contents = first;
      headerLength = 2;
    } else if (first === 0x80) {
      // X.690 §8.1.3.6 indefinite form; RFC 3417 §8 / RFC 3430 §2.1: SNMP uses the definite form.
      this.#fail('indefiniteLength', 1, 'Indefinite length on a stream message');
    } else {
      const count = first & 0x7f;
      if (count > 4 || first === 0xff) this.#fail('badLength', 1, `Length of ${count} octets on a stream message`);
      headerLength = 2 + count;
      if (available < headerLength) return -1;
      contents = 0;
      for (let i = 2; i < headerLength; i++) contents = contents * 256 + byteAt(i);
    }
    const total = headerLength + contents;
    if (total > this.#maxMessageSize) {
      this.#fail('limitExceeded', 1, `Stream message of ${total} bytes exceeds the maximum of ${this.#maxMessageSize}`);
    }
    return total;
  }

  #fail(kind: 'badFrame' | 'indefiniteLength' | 'badLength' | 'limitExceeded', at: number, message: string): never {
    this.#failed = true;
    const offset = this.#offset + at;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#frameLength = -1;
    throw new DecodeError(kind, offset, message);
  }
}

/**
 * C's `printf` conversions of a double (`%f`, `%e`, `%g` and their upper-case forms) with
 * flags, width and precision, computed exactly as glibc does: from the exact binary value,
 * rounded half to even. net-snmp prints Opaque Float and Double with `%f`, or with the
 * precision string given to `-Op` ("+020.12" becomes `%+020.12f`).
 */
import { InvalidArgumentError } from '../../errors.js';

/** A parsed conversion: flags, width, precision and conversion letter. */
export interface FloatSpec {
  readonly left: boolean;
  readonly plus: boolean;
  readonly space: boolean;
  readonly alt: boolean;
  readonly zero: boolean;
  readonly width: number;
  /** Digits after the point (%f, %e) or significant digits (%g). */
  readonly precision: number;
  readonly conversion: 'f' | 'F' | 'e' | 'E' | 'g' | 'G';
  /** Text printed after the conversion (net-snmp appends `f` after a user's `-Op` conversion letter). */
  readonly suffix: string;
}

/** `%f`: six digits after the point. */
export const DEFAULT_FLOAT_SPEC: FloatSpec = { left: false, plus: false, space: false, alt: false, zero: false, width: 0, precision: 6, conversion: 'f', suffix: '' };

const SPEC = /^([-+ #0]*)(\d*)(?:\.(\d*))?([fFeEgG]?)$/;

/**
 * Reads net-snmp's `-Op PRECISION` string, the part of a printf conversion between `%` and
 * `f`: flags, width and `.precision`. net-snmp builds `%` + PRECISION + `f`, so a trailing
 * conversion letter (`5.3e`) is used and followed by a literal `f`, as C prints it.
 * @throws InvalidArgumentError when the string is not flags, width and precision.
 */
export function parseFloatSpec(text: string): FloatSpec {
  const m = SPEC.exec(text);
  if (m === null) throw new InvalidArgumentError(`Invalid precision "${text}": expected printf flags, width and .precision, such as 10.2 or +020.12`);
  const flags = m[1]!;
  const width = m[2] === '' ? 0 : Number(m[2]);
  const precision = m[3] === undefined ? 6 : m[3] === '' ? 0 : Number(m[3]);
  if (width > 1000 || precision > 1000) throw new InvalidArgumentError(`Invalid precision "${text}": width and precision are limited to 1000`);
  const letter = m[4]!;
  return {
    left: flags.includes('-'),
    plus: flags.includes('+'),
    space: flags.includes(' '),
    alt: flags.includes('#'),
    zero: flags.includes('0'),
    width,
    precision,
    conversion: (letter === '' ? 'f' : letter) as FloatSpec['conversion'],
    suffix: letter === '' ? '' : 'f',
  };
}

const TWO53 = 2 ** 52;

/** The exact value of a finite double as `mantissa * 2^exponent` (mantissa >= 0). */
function decompose(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const frac = BigInt(hi & 0xfffff) * 0x100000000n + BigInt(lo);
  if (biased === 0) return { m: frac, e: -1074 };
  return { m: frac + BigInt(TWO53), e: biased - 1075 };
}

/** Rounds num/den to an integer, half to even. */
function roundDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) return q + 1n;
  return q;
}

/** |x| rounded to `p` digits after the point, as an integer scaled by 10^p. */
function scaledFixed(m: bigint, e: number, p: number): bigint {
  const scale = 10n ** BigInt(p);
  if (e >= 0) return (m << BigInt(e)) * scale;
  return roundDiv(m * scale, 1n << BigInt(-e));
}

function withPoint(digits: bigint, p: number, alt: boolean): string {
  let s = digits.toString();
  if (p === 0) return alt ? `${s}.` : s;
  if (s.length <= p) s = '0'.repeat(p - s.length + 1) + s;
  return `${s.slice(0, s.length - p)}.${s.slice(s.length - p)}`;
}

/** Digits of |x| rounded to p+1 significant digits and the decimal exponent of the first. */
function significant(m: bigint, e: number, p: number): { digits: bigint; exp: number } {
  if (m === 0n) return { digits: 0n, exp: 0 };
  // Estimate the exponent, then correct it with exact comparisons.
  const approx = Math.floor(Math.log10(Number(m)) + e * Math.LOG10E * Math.LN2);
  let exp = approx;
  const num = e >= 0 ? m << BigInt(e) : m;
  const den = e >= 0 ? 1n : 1n << BigInt(-e);
  // value = num/den; want 10^exp <= value < 10^(exp+1)
  const pow = (k: number): [bigint, bigint] => (k >= 0 ? [10n ** BigInt(k), 1n] : [1n, 10n ** BigInt(-k)]);
  for (;;) {
    const [pn, pd] = pow(exp);
    if (num * pd < pn * den) {
      exp--;
      continue;
    }
    const [qn, qd] = pow(exp + 1);
    if (num * qd >= qn * den) {
      exp++;
      continue;
    }
    break;
  }
  // digits = round(value / 10^(exp-p))
  const shift = exp - p;
  const [sn, sd] = pow(shift);
  let digits = roundDiv(num * sd, den * sn);
  if (digits >= 10n ** BigInt(p + 1)) {
    digits /= 10n;
    exp++;
  }
  return { digits, exp };
}

function expText(digits: bigint, exp: number, p: number, alt: boolean, upper: boolean): string {
  const s = digits.toString().padStart(p + 1, '0');
  const mant = p === 0 ? (alt ? `${s}.` : s) : `${s[0]}.${s.slice(1)}`;
  const sign = exp < 0 ? '-' : '+';
  const e = Math.abs(exp).toString().padStart(2, '0');
  return `${mant}${upper ? 'E' : 'e'}${sign}${e}`;
}

function stripZeros(s: string): string {
  const ePos = s.search(/[eE]/);
  const mant = ePos < 0 ? s : s.slice(0, ePos);
  const tail = ePos < 0 ? '' : s.slice(ePos);
  if (!mant.includes('.')) return s;
  return mant.replace(/0+$/, '').replace(/\.$/, '') + tail;
}

function body(x: number, spec: FloatSpec): string {
  const upper = spec.conversion === 'F' || spec.conversion === 'E' || spec.conversion === 'G';
  if (Number.isNaN(x)) return upper ? 'NAN' : 'nan';
  if (!Number.isFinite(x)) return upper ? 'INF' : 'inf';
  const { m, e } = decompose(x);
  const p = spec.precision;
  switch (spec.conversion) {
    case 'f':
    case 'F':
      return withPoint(scaledFixed(m, e, p), p, spec.alt);
    case 'e':
    case 'E': {
      const s = significant(m, e, p);
      return expText(s.digits, s.exp, p, spec.alt, upper);
    }
    default: {
      // C11 §7.21.6.1: P = precision (1 if 0); X = exponent of %e; %f if P > X >= -4.
      const P = p === 0 ? 1 : p;
      const s = significant(m, e, P - 1);
      const text = P > s.exp && s.exp >= -4 ? withPoint(scaledFixed(m, e, P - 1 - s.exp), P - 1 - s.exp, spec.alt) : expText(s.digits, s.exp, P - 1, spec.alt, upper);
      return spec.alt ? text : stripZeros(text);
    }
  }
}

/**
 * Formats a double as C's printf does with the given conversion. A NaN's sign does not
 * survive JavaScript numbers reliably, so the caller says it (`-nan` in glibc).
 */
export function formatFloat(x: number, spec: FloatSpec = DEFAULT_FLOAT_SPEC, negativeNan = false): string {
  const negative = x < 0 || Object.is(x, -0) || (Number.isNaN(x) && negativeNan);
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const digits = body(x, spec);
  let out = sign + digits;
  if (out.length < spec.width) {
    const pad = spec.width - out.length;
    if (spec.left) out += ' '.repeat(pad);
    else if (spec.zero && Number.isFinite(x)) out = sign + '0'.repeat(pad) + digits;
    else out = ' '.repeat(pad) + out;
  }
  return out + spec.suffix;
}

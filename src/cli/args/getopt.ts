/**
 * Command-line options read the way net-snmp's tools read them (glibc `getopt`): option
 * clusters (`-Onq`), arguments attached or in the next word (`-v2c`, `-v 2c`), `--`
 * ending the options, and options mixed with operands (GNU permutation) unless the
 * command stops at its first operand (snmpset does, so that `i -1` is a value).
 */
import { InvalidArgumentError } from '../../errors.js';

/** How a short option takes its argument. */
export type ArgKind = 'none' | 'required' | 'optional';

/** One option met on the command line. */
export interface ParsedOption {
  /** The letter, or the long name (without `--`). */
  readonly name: string;
  /** Its argument, if it takes one. */
  readonly value: string | undefined;
  /** True for `--name` forms. */
  readonly long: boolean;
}

/** What {@link getopt} returns: the options in order, and the operands. */
export interface GetoptResult {
  readonly options: ParsedOption[];
  readonly operands: string[];
}

/** Options of {@link getopt}. */
export interface GetoptSpec {
  /** Short options and how they take arguments. */
  readonly short: Readonly<Record<string, ArgKind>>;
  /** Long options (`--json`, `--help`, `--name=value`) and whether they take a value. Unknown ones are errors. */
  readonly long?: Readonly<Record<string, ArgKind>>;
  /** Stop at the first operand (POSIX), instead of reading options after operands. Default false. */
  readonly stopAtOperand?: boolean;
  /**
   * Called for each option as it is read; may take following words from the command line
   * (net-snmp's `-CE OID`, `-Cf SEP`, `-Op PREC` read the next word) by calling `next`.
   */
  readonly onOption?: (option: ParsedOption, next: () => string | undefined) => void;
}

/**
 * Reads options and operands.
 * @throws InvalidArgumentError with glibc's words: `invalid option -- 'k'`,
 *   `option requires an argument -- 'c'`, `unrecognized option '--foo'`.
 */
export function getopt(args: readonly string[], spec: GetoptSpec): GetoptResult {
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  let i = 0;
  const next = (): string | undefined => (i < args.length ? args[i++] : undefined);
  const emit = (o: ParsedOption): void => {
    options.push(o);
    spec.onOption?.(o, next);
  };
  while (i < args.length) {
    const arg = args[i++]!;
    if (arg === '--') {
      operands.push(...args.slice(i));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const kind = spec.long?.[name];
      if (kind === undefined) throw new InvalidArgumentError(`unrecognized option '${eq < 0 ? arg : arg.slice(0, eq)}'`);
      let value: string | undefined;
      if (eq >= 0) {
        if (kind === 'none') throw new InvalidArgumentError(`option '--${name}' doesn't allow an argument`);
        value = arg.slice(eq + 1);
      } else if (kind === 'required') {
        value = next();
        if (value === undefined) throw new InvalidArgumentError(`option '--${name}' requires an argument`);
      }
      emit({ name, value, long: true });
      continue;
    }
    if (arg.length < 2 || arg[0] !== '-') {
      operands.push(arg);
      if (spec.stopAtOperand === true) {
        operands.push(...args.slice(i));
        break;
      }
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j]!;
      const kind = spec.short[c];
      if (kind === undefined) throw new InvalidArgumentError(`invalid option -- '${c}'`);
      if (kind === 'none') {
        emit({ name: c, value: undefined, long: false });
        continue;
      }
      let value: string | undefined = arg.slice(j + 1);
      if (value === '') {
        if (kind === 'required') {
          value = next();
          if (value === undefined) throw new InvalidArgumentError(`option requires an argument -- '${c}'`);
        } else {
          value = undefined;
        }
      }
      emit({ name: c, value, long: false });
      break;
    }
  }
  return { options, operands };
}

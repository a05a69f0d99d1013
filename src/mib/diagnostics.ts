import { MibError } from '../errors.js';

/** How serious a diagnostic is. A warning becomes an error in strict mode. */
export type MibSeverity = 'error' | 'warning';

/** A problem found in a module, with its place in the file. */
export interface MibDiagnostic {
  /** `error` or `warning`. */
  readonly severity: MibSeverity;
  /** A stable code such as `missing-import`, `syntax`, `underscore-in-identifier`. */
  readonly code: string;
  /** What is wrong, in words. */
  readonly message: string;
  /** The file (or module name when there is no file). */
  readonly file: string;
  /** 1-based line (0 when unknown). */
  readonly line: number;
  /** 1-based column (0 when unknown). */
  readonly column: number;
}

/** The MibError for a diagnostic: `file:line:column: message`. */
export function diagnosticError(d: MibDiagnostic): MibError {
  return new MibError(d.file, d.line, d.column, d.severity === 'warning' ? `${d.message} [${d.code}]` : d.message);
}

/** Formats a diagnostic as `file:line:column: severity: message [code]`. */
export function formatDiagnostic(d: MibDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`;
}

/** Collects diagnostics for one file. */
export class DiagnosticSink {
  /** The file the diagnostics are about. */
  readonly file: string;
  /** Everything reported so far, in order. */
  readonly list: MibDiagnostic[] = [];

  constructor(file: string) {
    this.file = file;
  }

  /** Records a warning. */
  warn(code: string, message: string, line: number, column: number): void {
    this.list.push({ severity: 'warning', code, message, file: this.file, line, column });
  }

  /** Records an error. */
  error(code: string, message: string, line: number, column: number): void {
    this.list.push({ severity: 'error', code, message, file: this.file, line, column });
  }

  /** True when an error has been recorded. */
  get hasErrors(): boolean {
    for (const d of this.list) if (d.severity === 'error') return true;
    return false;
  }
}

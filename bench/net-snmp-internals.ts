/**
 * The npm `net-snmp` package does not export its message codec (Message, GetResponsePdu).
 * For a side-by-side codec benchmark we compile its unmodified index.js as a fresh module
 * with one extra line that exports those internals. Used by benchmarks only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The parts of net-snmp used by the codec benchmark. */
export interface NetSnmpInternals {
  Message: {
    createCommunity(version: number, community: string, pdu: unknown): { toBuffer(): Buffer };
    createFromBuffer(buffer: Buffer): { pdu: { varbinds: unknown[] } };
  };
  GetResponsePdu: { createFromVariables(id: number, varbinds: unknown[], options?: unknown): unknown };
  ObjectType: Record<string, number>;
  Version2c: number;
  version: string;
}

/** Loads net-snmp with its Message and GetResponsePdu exposed. */
export function loadNetSnmpInternals(): NetSnmpInternals {
  const file = require.resolve('net-snmp');
  const source = readFileSync(file, 'utf8') + '\nmodule.exports.__internals = { Message, GetResponsePdu };\n';
  type CompilableModule = { _compile(src: string, file: string): void; exports: Record<string, unknown>; paths: string[]; filename: string };
  const ModuleCtor = Module as unknown as { new (id: string): CompilableModule; _nodeModulePaths(dir: string): string[] };
  const m = new ModuleCtor(file);
  m.filename = file;
  m.paths = ModuleCtor._nodeModulePaths(path.dirname(file));
  m._compile(source, file);
  const exp = m.exports as Record<string, unknown> & { __internals: Pick<NetSnmpInternals, 'Message' | 'GetResponsePdu'> };
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(file), 'package.json'), 'utf8')) as { version: string };
  return {
    ...exp.__internals,
    ObjectType: exp.ObjectType as Record<string, number>,
    Version2c: exp.Version2c as number,
    version: pkg.version,
  };
}

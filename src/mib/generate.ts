/**
 * The generator's entry point (what `tsnmp mib compile MODULE --out DIR` writes): for a
 * compiled module, its definitions as TypeScript, its agent subtree, a stub of its
 * handlers, and its JSON form.
 */
import { moduleToJson } from './json.js';
import type { MibStore } from './store.js';
import { agentText, handlersText } from './generate-agent.js';
import { fileBase, genModule } from './generate-model.js';
import { definitionsText } from './generate-ts.js';
import type { GenerateOptions } from './generate-ts.js';

/** One generated file. */
export interface GeneratedFile {
  /** The file name (no directory): `chess-mib.ts`, `chess-mib-agent.ts`, `chess-mib-handlers.ts`, `chess-mib.json`. */
  readonly name: string;
  /** What the file holds. */
  readonly role: 'definitions' | 'agent' | 'handlers' | 'json';
  /** True for the file a user edits (the handlers): a tool should not overwrite it. */
  readonly userEdited: boolean;
  /** The contents. */
  readonly text: string;
}

/**
 * Generates the files of a loaded module: `<module>.ts` (OID constants, enumerations,
 * types, access and status, typed rows and index codecs), `<module>-agent.ts` (typed
 * handlers, tables, registration in an agent's registry), `<module>-handlers.ts` (a stub
 * of the handlers, to fill in) and `<module>.json` (the compiled module).
 * @throws InvalidArgumentError when the module is not loaded.
 */
export function generateModule(store: MibStore, module: string, options: GenerateOptions = {}): GeneratedFile[] {
  const g = genModule(store, module);
  const base = fileBase(module);
  return [
    { name: `${base}.ts`, role: 'definitions', userEdited: false, text: definitionsText(g, options) },
    { name: `${base}-agent.ts`, role: 'agent', userEdited: false, text: agentText(g, options) },
    { name: `${base}-handlers.ts`, role: 'handlers', userEdited: true, text: handlersText(g, options) },
    { name: `${base}.json`, role: 'json', userEdited: false, text: moduleJsonText(store, module) },
  ];
}

/**
 * The JSON form of a loaded module (see `moduleToJson`), indented.
 * @throws InvalidArgumentError when the module is not loaded.
 */
export function moduleJsonText(store: MibStore, module: string): string {
  const g = genModule(store, module);
  return `${JSON.stringify(moduleToJson(g.module), null, 2)}\n`;
}

/**
 * DESIGN.md §2: imports run downward only. Each directory of src/ has a rank; a module
 * may import from its own directory or from a directory of lower rank, never from one of
 * the same or a higher rank. mib/ sits beside ber/ and may use smi/ only.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Lower ranks are lower layers. Layers of equal rank may not import each other. */
export const LAYER_RANK: Readonly<Record<string, number>> = {
  'errors.ts': 0,
  smi: 1,
  ber: 2,
  mib: 2,
  pdu: 3,
  message: 4,
  security: 5,
  transport: 5,
  manager: 6,
  agent: 6,
  notification: 7,
  agentx: 7,
  cli: 9,
  'index.ts': 10,
};

function layerOf(file: string): string {
  const rel = path.relative(root, file);
  const first = rel.split(path.sep)[0]!;
  return first;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Relative import specifiers of a TypeScript source (static imports, re-exports, dynamic imports). */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec !== undefined) out.push(spec);
  }
  return out;
}

/** Every upward or sideways import in src/, as "from -> to" lines. */
export function violations(files: string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const bad: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    const fromRank = LAYER_RANK[from];
    if (fromRank === undefined) {
      bad.push(`${path.relative(root, file)}: directory "${from}" has no layer rank`);
      continue;
    }
    for (const spec of importsOf(read(file))) {
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      const to = layerOf(target.replace(/\.js$/, '.ts'));
      if (to === from) continue;
      const toRank = LAYER_RANK[to];
      if (toRank === undefined || toRank >= fromRank) {
        bad.push(`${path.relative(root, file)} (${from}) imports ${spec} (${to})`);
      }
    }
  }
  return bad;
}

test('no module in src/ imports from a higher or sibling layer', () => {
  const files = walk(root);
  assert.ok(files.length > 10, 'found the sources');
  assert.deepEqual(violations(files), []);
});

test('the check catches upward and sideways imports', () => {
  const sources: Record<string, string> = {
    [path.join(root, 'smi', 'fake.ts')]: "import { BerReader } from '../ber/reader.js';\n",
    [path.join(root, 'manager', 'fake.ts')]: "export { x } from '../agent/y.js';\nconst m = await import('../cli/z.js');\n",
    [path.join(root, 'mib', 'fake.ts')]: "import type { Oid } from '../smi/oid.js';\nimport { p } from './parser.js';\n",
  };
  const bad = violations(Object.keys(sources), (f) => sources[f]!);
  assert.equal(bad.length, 3, bad.join('\n'));
  assert.match(bad[0]!, /smi.*ber/);
  assert.match(bad[1]!, /manager.*agent/);
  assert.match(bad[2]!, /manager.*cli/);
});

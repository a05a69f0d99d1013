/** tsnmp's version, read from its package.json. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The package version, or `unknown` when package.json cannot be read. */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  cached = 'unknown';
  // dist/src/cli/version.js and src/cli/version.ts are both three levels below the package root.
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'tsnmp' && typeof pkg.version === 'string') {
        cached = pkg.version;
        break;
      }
    } catch {
      // try the next location
    }
  }
  return cached;
}

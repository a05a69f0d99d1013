/** Paths shared by the MIB tests. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from dist/test/mib/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The project's own fixture modules that load cleanly. */
export const GOOD_DIR = path.join(REPO_ROOT, 'test/fixtures/mib/good');

/** The project's own fixture modules that are broken on purpose. */
export const BROKEN_DIR = path.join(REPO_ROOT, 'test/fixtures/mib/broken');

/** The shared corpus of real modules (present in CI, maybe not elsewhere). */
export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/mibs');

/** True when the shared corpus is present. */
export const HAVE_CORPUS = existsSync(path.join(CORPUS_DIR, 'expected'));

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests/helpers/ → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The main sample (29 pages, 14 numbered tables). */
export const SAMPLE_PDF = path.join(REPO_ROOT, 'samples', 'yaan-2025-budget.pdf');
/** The compiled CLI: `npm test` builds it first (`tsc -p . && vitest run`). */
export const CLI = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
/** A CJK TrueType font shipped by a devDependency (for PDFs built in tests). */
export const CJK_FONT = path.join(REPO_ROOT, 'node_modules', '@expo-google-fonts', 'noto-sans-sc', '400Regular', 'NotoSansSC_400Regular.ttf');

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p .), or run npm test`);
}

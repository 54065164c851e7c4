// `node tools/run.mjs <file.ts> [args…]`: runs a TypeScript entry point of this repository (see ts-hooks.mjs).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import './ts-hooks.mjs';

process.setSourceMapsEnabled(true);
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node tools/run.mjs <entry.ts> [args…]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
await import(pathToFileURL(path.resolve(entry)).href);

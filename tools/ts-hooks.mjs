// Lets Node 24 run the repository's TypeScript directly: swc strips types and emits the legacy decorators
// and their metadata NestJS needs (Node's own type stripping does neither), and the `@gov/*` aliases of
// tsconfig.base.json resolve to the libraries' sources. The same options drive jest (jest.config.mjs).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from '@swc/core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const aliases = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;
export const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    target: 'es2023',
    keepClassNames: true,
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

function asFile(candidate) {
  for (const file of [candidate, `${candidate}.ts`, path.join(candidate, 'index.ts')]) {
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

registerHooks({
  resolve(specifier, context, next) {
    const alias = aliases[specifier];
    if (alias) return { url: pathToFileURL(path.join(root, alias[0])).href, shortCircuit: true };
    if (specifier.startsWith('.') && context.parentURL?.endsWith('.ts')) {
      const file = asFile(path.resolve(path.dirname(fileURLToPath(context.parentURL)), specifier));
      if (file) return { url: pathToFileURL(file).href, shortCircuit: true };
    }
    return next(specifier, context);
  },
  load(url, context, next) {
    if (url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/')) {
      const filename = fileURLToPath(url);
      const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, filename });
      return { format: 'module', source: code, shortCircuit: true };
    }
    return next(url, context);
  },
});

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '../..');

/** Lints a probe file that would live at `file` and returns the module-boundary messages. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries (the lint rule really fires)', () => {
  beforeAll(() => {
    // The rule reads Nx's cached project graph; make sure it exists, as `npm run lint` does.
    execFileSync(process.execPath, [path.join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'ignore',
    });
  }, 60_000);

  it('refuses a contract lib importing @nestjs/*', async () => {
    const errors = await boundaryErrors('libs/contracts/party/src/probe.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(errors.join('\n')).toMatch(/@nestjs\/common/);
  });

  it('refuses a contract lib importing the platform library', async () => {
    const errors = await boundaryErrors('libs/contracts/party/src/probe.ts', "import { DomainError } from '@gov/platform';\nexport const x = DomainError;\n");
    expect(errors).not.toHaveLength(0);
  });

  it('refuses an app importing another app', async () => {
    const errors = await boundaryErrors(
      'apps/gateway/src/probe.ts',
      "import { partyService } from '../../party/src/service';\nexport const x = partyService;\n",
    );
    expect(errors).not.toHaveLength(0);
  });

  it('allows a contract lib to import zod and other contracts', async () => {
    const errors = await boundaryErrors(
      'libs/contracts/party/src/probe.ts',
      "import { z } from 'zod';\nimport { Actor } from '@gov/contracts-core';\nexport const x = [z, Actor];\n",
    );
    expect(errors).toEqual([]);
  });
});

import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Who may depend on whom. Contract libs: only zod and other contracts. Apps never import another app. */
export const depConstraints = [
  {
    sourceTag: 'type:contract',
    onlyDependOnLibsWithTags: ['type:contract'],
    allowedExternalImports: ['zod'],
  },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contract', 'type:platform'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contract', 'type:platform', 'type:testing'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contract', 'type:platform', 'type:testing'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:party', onlyDependOnLibsWithTags: ['scope:shared', 'scope:party'] },
  { sourceTag: 'scope:tickets', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tickets'] },
  { sourceTag: 'scope:property', onlyDependOnLibsWithTags: ['scope:shared', 'scope:property'] },
  // Notifications consume every service's events, so they may read every contract.
  { sourceTag: 'scope:notifications', onlyDependOnLibsWithTags: ['scope:shared', 'scope:notifications', 'scope:tickets', 'scope:party', 'scope:property'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared', 'scope:gateway', 'scope:party', 'scope:tickets', 'scope:notifications'] },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', '.nx/**', 'tools/lint/fixtures/**', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints, checkDynamicDependenciesExceptions: [] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);

const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

/** Which kinds of project may import which (STYLE.md: tags in two dimensions, scope and type). */
const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared', 'scope:composition'] },
  // The gateway's code is the HTTP edge only: it reaches data through the services, never a data-access lib
  // (its app's main.ts composes embedded mode, so the rule is on the feature lib, where it is checked transitively).
  { allSourceTags: ['scope:gateway', 'type:feature'], notDependOnLibsWithTags: ['type:data-access'] },
  { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:auth', 'scope:shared'] },
  { sourceTag: 'scope:chart', onlyDependOnLibsWithTags: ['scope:chart', 'scope:shared'] },
  { sourceTag: 'scope:practice', onlyDependOnLibsWithTags: ['scope:practice', 'scope:shared'] },
  { sourceTag: 'scope:terminology', onlyDependOnLibsWithTags: ['scope:terminology', 'scope:shared'] },
  { sourceTag: 'scope:composition', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:composition'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'type:model', onlyDependOnLibsWithTags: ['type:model'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:model', 'type:contract', 'type:testing'] },
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:model'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:model', 'type:contract', 'type:testing'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:model', 'type:contract', 'type:testing'] },
  { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:feature', 'type:util', 'type:model', 'type:contract'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:model', 'type:contract'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:util', 'type:model', 'type:contract', 'type:composition'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:util', 'type:model', 'type:contract', 'type:composition', 'type:testing'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
];

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', 'data', 'tmp', 'coverage', '**/*.generated.ts', '.nx'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: __dirname,
        // Nest injects by the emitted constructor metadata: keep value imports in decorated files.
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];

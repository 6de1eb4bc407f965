// Workspace lint: Nx module boundaries on two tag axes (type:*, scope:*), the test harness
// for tests only, table ownership (a context imports no other context's entity), TypeScript
// rules. See docs/architecture.md#projects-and-module-boundaries.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nx from '@nx/eslint-plugin';

const root = path.dirname(fileURLToPath(import.meta.url));

// Files that may import the test harness (type:testing). Nx's rule sees projects, not files,
// so the tag lets apps and contexts depend on it and this list narrows that to their tests;
// benchmarks drive the apps the way tests do.
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'];

const TEST_HARNESS = {
  name: '@herald/platform/testing',
  message: 'The test harness is for tests only (*.spec.ts, *.int-spec.ts, test/, e2e/, bench/).',
};

/** Entity class names per owning context: the folders of libs/platform/persistence/src/entities/. */
function entitiesByOwner() {
  const dir = path.join(root, 'libs/platform/persistence/src/entities');
  const classesIn = (file) => [...fs.readFileSync(file, 'utf8').matchAll(/@Entity\([^)]*\)\s*export class (\w+)/g)].map((m) => m[1]);
  return Object.fromEntries(
    fs.readdirSync(dir).map((owner) => [owner, fs.readdirSync(path.join(dir, owner)).flatMap((file) => classesIn(path.join(dir, owner, file)))]),
  );
}

/** Context libs (libs/<context>, tagged type:context or type:shared-context); the folder name is the owner's. */
function contextLibs() {
  return fs.readdirSync(path.join(root, 'libs')).filter((name) => {
    const project = path.join(root, 'libs', name, 'project.json');
    const tags = fs.existsSync(project) ? JSON.parse(fs.readFileSync(project, 'utf8')).tags ?? [] : [];
    return tags.includes('type:context') || tags.includes('type:shared-context');
  });
}

/**
 * Table ownership in code: a context may import its own entities only. Another context's table
 * is read through a read-only repository of its own, in SQL (docs/architecture.md, tables).
 */
function tableOwnership() {
  const owners = entitiesByOwner();
  return contextLibs().flatMap((context) => {
    const foreign = Object.entries(owners).flatMap(([owner, entities]) => (owner === context ? [] : entities));
    const entityRule = {
      name: '@herald/platform/persistence',
      importNames: foreign,
      message: `That entity's table belongs to another context; "${context}" reads it through a read-only repository of its own, in SQL.`,
    };
    const files = [`libs/${context}/**/*.ts`];
    return [
      { files, rules: { 'no-restricted-imports': ['error', { paths: [entityRule] }] } },
      { files, ignores: TEST_FILES, rules: { 'no-restricted-imports': ['error', { paths: [entityRule, TEST_HARNESS] }] } },
    ];
  });
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.nx'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: false,
          allow: [],
          depConstraints: [
            // type:testing is allowed to apps and contexts for their tests; TEST_FILES keeps it there
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:context', 'type:shared-context', 'type:platform', 'type:contracts', 'type:testing'] },
            // e2e composes the apps from their context modules; it does not reach into the event store
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:context', 'type:platform', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:context', onlyDependOnLibsWithTags: ['type:shared-context', 'type:platform', 'type:contracts', 'type:testing'] },
            // the event store is the one context both ingestion apps share (docs/architecture.md)
            { sourceTag: 'type:shared-context', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:ingestion', onlyDependOnLibsWithTags: ['scope:ingestion', 'scope:event-store', 'scope:shared'] },
            { sourceTag: 'scope:ingress', onlyDependOnLibsWithTags: ['scope:ingress', 'scope:event-store', 'scope:shared'] },
            { sourceTag: 'scope:event-store', onlyDependOnLibsWithTags: ['scope:event-store', 'scope:shared'] },
            { sourceTag: 'scope:notifications', onlyDependOnLibsWithTags: ['scope:notifications', 'scope:shared'] },
            { sourceTag: 'scope:delivery', onlyDependOnLibsWithTags: ['scope:delivery', 'scope:shared'] },
            { sourceTag: 'scope:management', onlyDependOnLibsWithTags: ['scope:management', 'scope:shared'] },
            {
              sourceTag: 'scope:e2e',
              onlyDependOnLibsWithTags: ['scope:ingestion', 'scope:ingress', 'scope:notifications', 'scope:delivery', 'scope:management', 'scope:shared'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  { files: ['**/*.ts'], ignores: TEST_FILES, rules: { 'no-restricted-imports': ['error', { paths: [TEST_HARNESS] }] } },
  ...tableOwnership(),
  {
    files: TEST_FILES,
    rules: { 'no-console': 'off' },
  },
];

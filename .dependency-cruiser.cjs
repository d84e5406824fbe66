'use strict';

/**
 * The architecture as a lint rule (`npm run lint:deps`, part of `npm run lint`): no import cycles
 * anywhere, and the layering of src/ below, where a module may import its own layer and the layers
 * below it, never one above. Type-only imports count too: a type import that runs the wrong way is
 * the same coupling, only invisible at run time.
 *
 * Tests, benchmarks and scripts may import anything (only the cycle rule applies to them).
 */

/** Lowest first. Each entry: a name and the path patterns (regular expressions on the path) it holds. */
const layers = [
  // Infrastructure every component may use. config.ts is a leaf: the settings schema.
  { name: 'shared', paths: ['^src/shared/', '^src/config\\.ts$'] },
  // HTTP plumbing (error handler, validation, auth, OpenAPI builder) and the mail transport.
  { name: 'infrastructure', paths: ['^src/http/', '^src/mail/'] },
  // Components that use only the infrastructure. access: API keys, used by the HTTP auth and feeds.
  { name: 'foundation', paths: ['^src/calendar/', '^src/organisation/', '^src/access/'] },
  { name: 'meetings', paths: ['^src/meetings/'] },
  { name: 'agenda', paths: ['^src/agenda/'] },
  // The in-memory read model over the repositories of the layers below.
  { name: 'readmodel', paths: ['^src/readmodel/'] },
  // Components that build on the schedule; siblings may use each other (no cycles).
  {
    name: 'products',
    paths: ['^src/feeds/', '^src/publishing/', '^src/reminders/', '^src/directives/'],
  },
  // Pages and the seed use every component.
  { name: 'web', paths: ['^src/web/', '^src/seed/'] },
  // Entry points and composition: start-up, the app, the services, the API description, the CLIs.
  { name: 'app', paths: ['^src/[^/]+\\.ts$', '^src/[^/]+/cli\\.ts$'] },
];

// Entry points belong to the app layer although a CLI's path is also in its component's folder: the rules of
// the lower layers skip them (config.ts, a leaf, stays in the shared layer).
const entryPoints = ['^src/[^/]+/cli\\.ts$', '^src/(?!config\\.ts$)[^/]+\\.ts$'];

const layerRules = layers.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer.name}`,
  comment: `${layer.name} may import only its own layer and lower ones: ${layers
    .slice(0, index + 1)
    .map((l) => l.name)
    .join(' < ')}`,
  severity: 'error',
  from: { path: layer.paths, pathNot: entryPoints },
  to: {
    path: layers.slice(index + 1).flatMap((l) => l.paths),
    pathNot: layer.paths.concat(layers.slice(0, index + 1).flatMap((l) => l.paths)),
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles (type-only ones included) make modules impossible to understand or load alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'routes-are-entry-points',
      comment:
        "A component's routes are wired by the app (and described by the API description), not used as a library: " +
        'move what another component needs into a module of its own.',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: entryPoints },
      to: { path: '^src/[^/]+/(routes|import-routes)\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'main-is-the-process',
      comment:
        'src/main.ts starts the process; nothing in src imports it (shared start-up code lives in bootstrap.ts).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'local-db-from-start-up-only',
      comment:
        'The supervised local database launcher is for start-up (and tests); components get what they need passed in.',
      severity: 'error',
      from: { path: '^src/', pathNot: entryPoints.concat('^src/shared/local-db\\.ts$') },
      to: { path: '^src/shared/local-db\\.ts$' },
    },
    {
      name: 'src-not-to-dev-dep',
      comment: 'The service must not need a devDependency at run time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: ['node_modules/@types/'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|\\.cache|coverage|test/golden)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
    cache: false,
  },
};

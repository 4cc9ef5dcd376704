import { defineConfig } from 'tsdown';

// `npm run build` empties dist/ first; the two builds run side by side and must not clean each other.

export default defineConfig([
  {
    // The library: dependencies stay external.
    entry: { index: 'src/index.ts' },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    dts: true,
    clean: false,
  },
  {
    // The command: bundled with its dependencies, so start-up resolves and parses fewer files.
    entry: { cli: 'src/cli/main.ts' },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outDir: 'dist/bin',
    dts: false,
    clean: false,
    deps: { alwaysBundle: [/.*/], onlyBundle: false },
  },
]);

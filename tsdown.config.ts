import { defineConfig } from 'tsdown';

// `npm run build` empties dist/ first; the two builds run side by side and must not clean each other.

export default defineConfig([
  {
    // The library: dependencies stay external.
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
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
    // React and Ink ship development builds that are several times slower; the command is a release.
    define: { 'process.env.NODE_ENV': '"production"' },
    // Ink imports react-devtools-core only when DEV=true; it is not installed, so it stays external.
    // better-sqlite3 (a native addon) and sqlite-vec (ships vec0.so) load from node_modules, lazily.
    // tsx (TypeScript custom tools) registers loader hooks from its own files and runs esbuild's binary.
    // pdfjs-dist loads its worker (pdf.worker.mjs) from beside its own module, lazily.
    deps: {
      alwaysBundle: [/^(?!react-devtools-core$|better-sqlite3$|sqlite-vec$|tsx($|\/)|pdfjs-dist($|\/))/],
      neverBundle: ['react-devtools-core', 'better-sqlite3', 'sqlite-vec', /^tsx($|\/)/, /^pdfjs-dist($|\/)/],
      onlyBundle: false,
    },
  },
]);

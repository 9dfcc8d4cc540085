/**
 * The import graph's rules (docs/architecture.md, "Layers and domains"), checked by `npm run lint`.
 * Tests, scripts, benchmarks and e2e specs may reach any layer; the product's modules may not.
 */
const layers = {
  base: "^base/",
  db: "^db/",
  lib: "^lib/",
  components: "^components/",
  app: "^(app/|proxy\\.ts$|instrumentation\\.ts$)",
};

/** Each layer imports only the layers below it: base ← db ← lib ← components ← app. */
const upward = (from, above) => ({
  name: `${from}-imports-upward`,
  comment: `${from}/ is below ${above.join(", ")}: it may not import them`,
  severity: "error",
  from: { path: layers[from] },
  to: { path: above.map((layer) => layers[layer]) },
});

module.exports = {
  forbidden: [
    upward("base", ["db", "lib", "components", "app"]),
    upward("db", ["lib", "components", "app"]),
    upward("lib", ["components", "app"]),
    upward("components", ["app"]),
    {
      // A domain is a folder directly under lib/ or components/. Two domains that reach each other in a
      // circle are one domain in disguise: what both need moves down into a lower module. Circles inside
      // one domain (its operations/ and its root) are its own business.
      name: "domain-cycle",
      severity: "error",
      scope: "folder",
      from: { path: "^(lib|components)/([^/]+)" },
      to: { circular: true, via: "^(lib|components)/(?!$2(/|$))" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["\\.test\\.tsx?$", "^db/migrations/", "^(tests|e2e|bench|scripts)/"] },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};

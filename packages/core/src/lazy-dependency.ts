/**
 * A CommonJS-or-ESM dependency loaded on first use rather than when the package is imported:
 * the CLI imports every format package to discover plugins, and every encode worker imports
 * them, so a dependency only some paths need is load time everyone would pay otherwise.
 */

/** A dependency: `get()` gives it synchronously, `load()` once asynchronously (anywhere). */
export interface LazyDependency<Module> {
  /**
   * The dependency. In Node it is required on first use, as `onFirstUse` of `@maskport/core/node` does
   * (`createRequire`, reached through `process.getBuiltinModule` so that no `node:` import is
   * left for a browser bundle to trip on); elsewhere {@link LazyDependency.load} must have run.
   * @throws Error in a browser (or Node before 20.16) when nothing has loaded it yet
   */
  get(): Module;
  /** Loads the dependency: as {@link LazyDependency.get} in Node, else with `fallback` (a dynamic `import()`, split into its own chunk by bundlers). */
  load(): Promise<Module>;
}

/**
 * @param from the importing module's `import.meta.url` (the dependency resolves from there)
 * @param fallback loads it where Node's `require` is not at hand: `() => import("the-package")`, literal so bundlers see it
 */
export function lazyDependency<Module>(from: string, specifier: string, fallback: () => Promise<Module>): LazyDependency<Module> {
  let loaded: { module: Module } | undefined;
  const required = (): { module: Module } | undefined => {
    const createRequire = nodeModule()?.createRequire;
    return createRequire === undefined ? undefined : { module: createRequire(from)(specifier) as Module };
  };
  return {
    get() {
      loaded ??= required();
      if (loaded === undefined) throw new Error(`${specifier} is not loaded yet: await its load() first`);
      return loaded.module;
    },
    async load() {
      loaded ??= required() ?? { module: await fallback() };
      return loaded.module;
    },
  };
}

// --- internal ---

interface NodeModule {
  createRequire(from: string): (specifier: string) => unknown;
}

/** Node's `node:module`, or undefined outside Node. */
function nodeModule(): NodeModule | undefined {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return host?.getBuiltinModule?.("node:module") as NodeModule | undefined;
}

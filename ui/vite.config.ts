import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import type { Plugin, Rolldown } from "vite";
import { defineConfig } from "vitest/config";

/**
 * `boot.ts` asks for the first screen's data, then imports the window's code: the page names
 * that code and its stylesheet up front too, so WebKit fetches them while it reads the page,
 * not only once `boot.ts` has run.
 */
function preloadTheWindow(): Plugin {
  return {
    name: "steady-preload-the-window",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, context) {
        const bundle: Rolldown.OutputBundle | undefined = context.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter(
          (out): out is Rolldown.OutputChunk => out.type === "chunk",
        );
        const main = chunks.find((chunk) =>
          chunk.moduleIds.some((id) => id.endsWith("/src/main.ts")),
        );
        if (!main) throw new Error("the build has no chunk for src/main.ts");
        // boot.ts asks for the first screen's data before the window's code has arrived: it
        // must not wait for that code itself.
        const boot = chunks.find((chunk) => chunk.isEntry);
        if (boot?.imports.includes(main.fileName)) {
          throw new Error(`${boot.fileName} imports the window's code: it would wait for it`);
        }
        const files = new Set<string>();
        const css = new Set<string>();
        const visit = (chunk: Rolldown.OutputChunk) => {
          // The page's own script is already in it.
          if (files.has(chunk.fileName) || chunk.isEntry) return;
          files.add(chunk.fileName);
          for (const sheet of chunk.viteMetadata?.importedCss ?? []) css.add(sheet);
          for (const name of chunk.imports) {
            const imported = bundle[name];
            if (imported?.type === "chunk") visit(imported);
          }
        };
        visit(main);
        return [
          ...[...files].map((file) => ({
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `/${file}` },
            injectTo: "head" as const,
          })),
          ...[...css].map((file) => ({
            tag: "link",
            attrs: { rel: "stylesheet", crossorigin: true, href: `/${file}` },
            injectTo: "head" as const,
          })),
        ];
      },
    },
  };
}

/** Who imports a module, as the build's module graph says. */
type Graph = (id: string) => { readonly importers: readonly string[] } | null;

/** The build's module graph, kept once every module is read, for the chunking below. */
let graph: Graph | null = null;

function keepTheGraph(): Plugin {
  return {
    name: "steady-keep-the-graph",
    buildEnd() {
      graph = (id) => this.getModuleInfo(id);
    },
  };
}

/** Whether `id` is `root` or imported by it, statically, through any chain of imports. */
function importedBy(id: string, root: string, info: Graph, seen = new Set<string>()): boolean {
  if (id.endsWith(root)) return true;
  if (seen.has(id)) return false;
  seen.add(id);
  return (info(id)?.importers ?? []).some((by) => importedBy(by, root, info, seen));
}

/**
 * The window's code: `src/main.ts` and everything it imports, except what the page's first
 * script (`boot.ts`) needs itself. Left to itself the build splits it into seven files by
 * which later screens share each part; in one file the page fetches and starts it in one go
 * (`make bench`'s comparison of builds: the code in hand ~4 ms sooner).
 */
function windowCode(id: string): boolean {
  if (graph === null)
    throw new Error("the module graph is not known yet: the chunking would guess");
  return importedBy(id, "/src/main.ts", graph) && !importedBy(id, "/src/boot.ts", graph);
}

export default defineConfig({
  plugins: [svelte(), svelteTesting(), preloadTheWindow(), keepTheGraph()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // The CSP forbids inline scripts and styles: keep every asset a file.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Only the modules `windowCode` names: what they import for boot.ts stays with it.
          includeDependenciesRecursively: false,
          groups: [{ name: "main", test: windowCode }],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test-setup.ts"],
    include: ["src/**/*.test.ts"],
  },
});

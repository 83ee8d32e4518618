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
        const main = chunks.find((chunk) => chunk.facadeModuleId?.endsWith("/src/main.ts"));
        if (!main) throw new Error("the build has no chunk for src/main.ts");
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

export default defineConfig({
  plugins: [svelte(), svelteTesting(), preloadTheWindow()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // The CSP forbids inline scripts and styles: keep every asset a file.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test-setup.ts"],
    include: ["src/**/*.test.ts"],
  },
});

// Bundles the editor with esbuild (called by build.sh, after `npm ci`).
//   dojo-editor.js      CodeMirror 6 + Go, a minified IIFE loaded by the problem page
//   dojo-editor-vim.js  Vim mode, loaded by the first file only when the user enables it
//   LICENSES.txt        the licenses of every package inside the two files
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] || path.resolve(here, "../../static/vendor/codemirror");
await mkdir(outDir, { recursive: true });

const banner = { js: "/*! Dojo editor: CodeMirror 6 and friends (MIT). Licenses: LICENSES.txt next to this file. */" };
const common = {
  bundle: true, minify: true, format: "iife", target: ["es2020"], legalComments: "none",
  metafile: true, logLevel: "warning", absWorkingDir: here, banner,
};

// The Vim file must not carry its own copy of CodeMirror (two copies of
// @codemirror/state cannot share one editor): these imports read the main file's
// modules from window.__dojoEditorModules instead.
const SHARED = ["@codemirror/state", "@codemirror/view", "@codemirror/language", "@codemirror/commands", "@codemirror/search"];
const shareWithMain = {
  name: "share-with-main",
  setup(build) {
    const filter = new RegExp(`^(${SHARED.map((m) => m.replace("/", "\\/")).join("|")})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: "dojo-shared" }));
    build.onLoad({ filter: /.*/, namespace: "dojo-shared" }, (args) => ({
      contents: `module.exports = window.__dojoEditorModules[${JSON.stringify(args.path)}];`,
      loader: "js",
    }));
  },
};

const main = await esbuild.build({ ...common, entryPoints: ["src/dojo-editor.js"], outfile: path.join(outDir, "dojo-editor.js") });
const vim = await esbuild.build({
  ...common, entryPoints: ["src/dojo-editor-vim.js"], outfile: path.join(outDir, "dojo-editor-vim.js"), plugins: [shareWithMain],
});

// Which packages ended up in the files, from esbuild's own list of inputs.
const packages = new Map();
for (const meta of [main.metafile, vim.metafile]) {
  for (const input of Object.keys(meta.inputs)) {
    const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (m) packages.set(m[1], path.join(here, "node_modules", m[1]));
  }
}
let notice = "Third-party code bundled into dojo-editor.js and dojo-editor-vim.js\n" +
  "(built by platform/editor/build.sh from the versions pinned in package-lock.json).\n";
for (const name of [...packages.keys()].sort()) {
  const dir = packages.get(name);
  const pkg = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8"));
  const file = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE"].map((f) => path.join(dir, f)).find(existsSync);
  notice += `\n${"=".repeat(72)}\n${name}@${pkg.version} (${pkg.license || "see below"})\n${"=".repeat(72)}\n`;
  notice += file ? (await readFile(file, "utf8")).trim() + "\n" : `License: ${pkg.license} (no license file in the package)\n`;
}
await writeFile(path.join(outDir, "LICENSES.txt"), notice);

for (const [name, meta] of [["dojo-editor.js", main.metafile], ["dojo-editor-vim.js", vim.metafile]]) {
  const out = Object.values(meta.outputs)[0];
  console.log(`${name}: ${(out.bytes / 1024).toFixed(1)} KiB`);
}
console.log(`LICENSES.txt: ${packages.size} packages`);

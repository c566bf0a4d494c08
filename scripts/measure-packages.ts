// What each package costs a user: packs every package, installs all the tarballs with npm into
// a fresh directory outside the monorepo, and measures each package's install size (its own
// files, and everything it pulls in: dependencies and required peers, better-sqlite3's
// compiled addon included). Writes docs/install-sizes.md; the package READMEs quote it.
//
//   node --conditions=@sanxiang/source --import tsx scripts/measure-packages.ts
//
// Needs the built packages (`pnpm build`) and the npm registry.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshApp, installCost, npmInstall, packAll, root, workspacePackages } from "./pack-install.js";

const kb = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

const packages = workspacePackages();
const work = mkdtempSync(join(tmpdir(), "sanxiang-measure-"));
try {
  const tarballs = await packAll(join(work, "tarballs"), packages);
  const app = join(work, "app");
  freshApp(app, "measure");
  const installed = await npmInstall(app, [...tarballs.values()]);
  const npmVersion = execFileSync("npm", ["--version"]).toString().trim();
  // node-gyp leaves its object files behind; prebuild-install only drops the .node binary.
  const compiled = existsSync(join(app, "node_modules", "better-sqlite3", "build", "Release", "obj.target"));
  const rows = packages.map((p) => {
    const cost = installCost(app, p.name);
    return { name: p.name, version: p.version, tarball: statSync(tarballs.get(p.name) as string).size, ...cost };
  });
  const lines = [
    "# Install sizes",
    "",
    "What `npm install` of each package puts on disk, measured by `scripts/measure-packages.ts`",
    "(regenerate: `node --conditions=@sanxiang/source --import tsx scripts/measure-packages.ts`",
    "after `pnpm build`). The packages were packed with `pnpm pack` and installed together from",
    "their tarballs into a fresh directory outside the repository; each row counts the package",
    "and every package it reaches through `dependencies` and required `peerDependencies` (file",
    "sizes, not disk blocks).",
    "",
    `Measured with Node ${process.version}, npm ${npmVersion}, on ${process.platform}-${process.arch}; the install took ${(installed.ms / 1000).toFixed(0)} s`,
    compiled
      ? "(better-sqlite3 compiled from source with node-gyp: no prebuilt binary was reachable)."
      : "(better-sqlite3 installed its prebuilt binary).",
    "",
    "| package | version | tarball | own files | with dependencies | packages |",
    "| --- | --- | --: | --: | --: | --: |",
    ...rows.map(
      (r) =>
        `| \`${r.name}\` | ${r.version} | ${kb(r.tarball)} | ${mb(r.ownBytes)} | ${mb(r.totalBytes)} | ${r.packages} |`,
    ),
    "",
  ];
  writeFileSync(join(root, "docs", "install-sizes.md"), lines.join("\n"));
  writeFileSync(join(work, "rows.json"), JSON.stringify(rows, null, 2));
  console.log(lines.join("\n"));
  console.log(JSON.stringify(rows, null, 2));
} finally {
  rmSync(work, { recursive: true, force: true });
}

// What npm shows about each package, in one place: the repository every package.json names
// (and its directory, homepage and issue tracker) is one address, REPOSITORY, and every package
// carries the licence and README the registry page shows. Fast (reads package.json files only);
// test/pack-install.test.ts checks the same fields in the packed tarballs and what they ship.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The project's repository. A placeholder nobody has confirmed yet: before the first publish,
 * confirm it (or change it here, then in every packages/<name>/package.json until this test
 * passes) — CONTRIBUTING.md, "Releasing".
 */
const REPOSITORY = "https://github.com/sanxiang-sdk/sanxiang";

const root = resolve(import.meta.dirname, "..");
const config = JSON.parse(readFileSync(join(root, ".changeset", "config.json"), "utf8")) as { baseBranch: string };

interface Manifest {
  name: string;
  private?: boolean;
  license?: string;
  homepage?: string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  bugs?: { url?: string } | string;
}

const packages = readdirSync(join(root, "packages"))
  .filter((d) => existsSync(join(root, "packages", d, "package.json")))
  .sort()
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) as Manifest,
  }))
  .filter((p) => p.manifest.private !== true);

describe("package metadata", () => {
  it("covers every publishable package", () => {
    expect(packages.length).toBeGreaterThanOrEqual(8);
  });

  it.each(packages.map((p) => [p.manifest.name, p] as const))(
    "%s names the one repository: url, its own directory, homepage and issues",
    (_name, { dir, manifest }) => {
      expect(manifest.repository).toEqual({ type: "git", url: `git+${REPOSITORY}.git`, directory: `packages/${dir}` });
      expect(manifest.homepage).toBe(`${REPOSITORY}/tree/${config.baseBranch}/packages/${dir}#readme`);
      expect(manifest.bugs).toEqual({ url: `${REPOSITORY}/issues` });
    },
  );

  it.each(packages.map((p) => [p.manifest.name, p] as const))(
    "%s carries the project's MIT licence and a README",
    (_name, { dir, manifest }) => {
      expect(manifest.license).toBe("MIT");
      const licence = join(root, "packages", dir, "LICENSE");
      expect(existsSync(licence)).toBe(true);
      expect(readFileSync(licence, "utf8")).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
      expect(existsSync(join(root, "packages", dir, "README.md"))).toBe(true);
    },
  );

  it("CONTRIBUTING says the repository address is to be confirmed before the first publish", () => {
    const contributing = readFileSync(join(root, "CONTRIBUTING.md"), "utf8");
    expect(contributing).toContain(REPOSITORY);
    expect(contributing).toContain("test/package-metadata.test.ts");
  });
});

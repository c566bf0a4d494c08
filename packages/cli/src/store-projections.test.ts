// The CLI opens stores with the bureau's projections (issue 15): a store written without the
// case list gets it rebuilt on open, and what the CLI writes is listed as createBureau lists it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CASES_PROJECTION, type CaseEvent, defaultProjections } from "@sanxiang/core";
import { openSqliteStore } from "@sanxiang/store-sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { openStoreSpec } from "./event-store.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const filed = (caseId: string, at: string): CaseEvent => ({
  caseId,
  seq: 1,
  type: "case.filed",
  at,
  actor: { id: "a", roles: ["officer"] },
  stage: "filing",
  payload: { at, party: { kind: "organisation", name: "某公司" }, category: "律师管理", bodyId: "spt" },
});

describe("CLI stores keep the bureau's projections", () => {
  it("a SQLite store written with the default projections only lists its cases once the CLI opens it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sanxiang-proj-"));
    dirs.push(dir);
    const path = join(dir, "events.db");
    const plain = (await openSqliteStore({ path, projections: defaultProjections() }))._unsafeUnwrap();
    (await plain.append("case-1", 0, [filed("case-1", "2025-03-03T02:00:00Z")]))._unsafeUnwrap();
    await plain.close();

    const cli = (await openStoreSpec({ kind: "sqlite", path }))._unsafeUnwrap();
    try {
      const row = (await cli.getProjectionRow(CASES_PROJECTION, "open/case-1"))._unsafeUnwrap();
      expect(row?.value).toMatchObject({ caseId: "case-1", procedure: "ordinary", partyName: "某公司", bodyId: "spt" });
      (await cli.append("case-2", 0, [filed("case-2", "2025-03-04T02:00:00Z")]))._unsafeUnwrap();
      const open = (await cli.queryProjection(CASES_PROJECTION, { keyPrefix: "open/" }))._unsafeUnwrap();
      expect(open.map((r) => (r.value as { caseId: string }).caseId)).toEqual(["case-1", "case-2"]);
    } finally {
      await cli.close();
    }
  });

  it("the in-memory store keeps the case list too", async () => {
    const store = (await openStoreSpec({ kind: "memory" }))._unsafeUnwrap();
    (await store.append("case-9", 0, [filed("case-9", "2025-03-03T02:00:00Z")]))._unsafeUnwrap();
    const row = (await store.getProjectionRow(CASES_PROJECTION, "open/case-9"))._unsafeUnwrap();
    expect(row?.value).toMatchObject({ caseId: "case-9", procedure: "ordinary" });
    await store.close();
  });
});

import { readFileSync } from "node:fs";
import {
  chineseNumeral,
  createEntitiesRegistry,
  exportSheet,
  importSheet,
  ORGANISATIONS_TABLE,
  PERSONS_TABLE,
  VIOLATIONS_TABLE,
  validateResidentId,
  validateUscc,
} from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { SAMPLE_ENTITIES, SAMPLE_ORGANISATIONS, SAMPLE_PERSONS, SAMPLE_VIOLATIONS } from "./entities.js";

// The statute texts shipped with the laws registry (public copies, mostly of LawRefBook/Laws;
// origins in scripts/gen-laws.ts).
const lawsDir = new URL("../../core/src/registry/laws/data/md/", import.meta.url);

describe("sample market entities (示例市场主体)", () => {
  const registry = createEntitiesRegistry(SAMPLE_ENTITIES);

  it("loads into the entities registry without error", () => {
    expect(registry._unsafeUnwrap().size).toEqual({ organisations: 20, persons: 10, violations: 7 });
  });

  it("every identifier passes its checksum (GB 32100 / GB 11643)", () => {
    for (const o of SAMPLE_ORGANISATIONS) expect(validateUscc(o.uscc).isOk()).toBe(true);
    for (const p of SAMPLE_PERSONS) expect(validateResidentId(p.idNumber, { asOf: "2026-01-01" }).isOk()).toBe(true);
  });

  it("round-trips through the sheets", () => {
    const r = registry._unsafeUnwrap();
    const orgs = SAMPLE_ORGANISATIONS.flatMap((o) => r.organisationHistory(o.uscc)).filter(
      (o, i, all) => all.indexOf(o) === i,
    );
    expect(importSheet(ORGANISATIONS_TABLE, exportSheet(ORGANISATIONS_TABLE, orgs))._unsafeUnwrap()).toEqual(orgs);
    const persons = [...r.persons()];
    expect(importSheet(PERSONS_TABLE, exportSheet(PERSONS_TABLE, persons))._unsafeUnwrap()).toEqual(persons);
    const violations = persons.flatMap((p) => r.violationsOf({ kind: "person", id: p.idNumber }));
    expect(importSheet(VIOLATIONS_TABLE, exportSheet(VIOLATIONS_TABLE, violations))._unsafeUnwrap()).toEqual(
      violations,
    );
  });

  it("行政处罚法 Art. 33 para. 1: the supermarket's second price-tag violation is not a first violation", () => {
    const shop = { kind: "organisation", id: "91640502MA76YL102M" } as const;
    const second = registry._unsafeUnwrap().isFirstViolation(
      shop,
      "JG-13-1",
      "2025-02-20",
      {},
      {
        caseId: "沙市监处〔2025〕8号",
      },
    );
    expect(second._unsafeUnwrap().earlier.map((v) => v.caseId)).toEqual(["沙市监处〔2024〕21号"]);
  });

  it("every violation cites an article that exists in the shipped statute text", () => {
    for (const v of SAMPLE_VIOLATIONS) {
      const file = readFileSync(new URL(`${v.basis.law}(${lawDate(v.basis.law)}).md`, lawsDir), "utf8");
      expect(file).toMatch(new RegExp(`^第${chineseNumeral(v.basis.article)}条 `, "m"));
    }
  });
});

function lawDate(law: string): string {
  const dates: Record<string, string> = {
    价格违法行为行政处罚规定: "2010-12-04",
    律师法: "2017-09-01",
    法律援助法: "2021-08-20",
  };
  return dates[law] ?? "";
}

import {
  createLawsRegistry,
  exportSheet,
  formatArticleRef,
  importSheet,
  LAWS_TABLE,
  parseArticleRef,
  parseCsv,
  toCsv,
} from "@sanxiang/core";
import { SDK_LAWS, sdkLawsRegistry } from "@sanxiang/core/laws";
import { describe, expect, it } from "vitest";
import { SAMPLE_BUREAU_LAWS, SAMPLE_LAW_CATALOGUE, SAMPLE_LOCAL_DOCUMENTS } from "./laws.js";

describe("sample laws (示例法律法规)", () => {
  const laws = sdkLawsRegistry();

  it("every law a sample bureau applies is in the shipped database", () => {
    for (const bureau of SAMPLE_BUREAU_LAWS) {
      for (const name of bureau.laws) expect(laws.lawAt(name).isOk(), `${bureau.bureau}: ${name}`).toBe(true);
    }
  });

  it("every citation parses to its source and resolves to a real article (款, 项)", () => {
    for (const bureau of SAMPLE_BUREAU_LAWS) {
      for (const c of bureau.citations) {
        const { confidence: _c, ...ref } = c.source;
        expect(parseArticleRef(c.citation)._unsafeUnwrap()).toEqual(ref);
        const r = laws.resolve(c.source);
        expect(r.isOk(), `${c.citation}: ${r.isErr() ? r.error.message : ""}`).toBe(true);
        expect(formatArticleRef(parseArticleRef(c.citation)._unsafeUnwrap())).toBe(c.citation);
      }
    }
  });

  it("the catalogue loads into a laws registry and round-trips through the laws sheet", () => {
    expect(SAMPLE_LAW_CATALOGUE.length).toBeGreaterThanOrEqual(14);
    expect(createLawsRegistry(SAMPLE_LAW_CATALOGUE).isOk()).toBe(true);
    const csv = toCsv(
      exportSheet(LAWS_TABLE, SAMPLE_LAW_CATALOGUE),
      LAWS_TABLE.columns.map((c) => c.header),
    );
    const back = parseCsv(csv, "示例法规目录.csv").andThen((s) => importSheet(LAWS_TABLE, s));
    expect(back._unsafeUnwrap()).toEqual(SAMPLE_LAW_CATALOGUE);
  });

  it("the sample bureaus' own documents load beside the shipped laws", () => {
    const r = createLawsRegistry([...SDK_LAWS, ...SAMPLE_LOCAL_DOCUMENTS]);
    expect(r.isOk()).toBe(true);
    const laws = r._unsafeUnwrap();
    expect(
      laws.resolve({ law: "中卫市沙坡头区司法局行政处罚裁量基准（示例）", section: "律师、法律援助类" }).isOk(),
    ).toBe(true);
  });
});

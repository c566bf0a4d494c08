import { describe, expect, it } from "vitest";
import { runCli } from "./cli.test-support.js";

// Issue 14 §1–§2: the regional calendar (全国年节及纪念日放假办法 Art. 4) and provisional bounds.
describe("sanxiang deadline --region", () => {
  it("640502 (沙坡头区, Ningxia) skips 开斋节; without --region the national answer stays", async () => {
    const regional = await runCli(["deadline", "2019-06-04", "3", "--workdays", "--region", "640502"]);
    expect(regional.code).toBe(0);
    expect(regional.out).toContain("日历：宁夏回族自治区（640502）");
    expect(regional.out).toContain("届满日：2019-06-12（星期三）");
    expect(regional.out).toContain("2019-06-05 星期三  节假日·开斋节");
    expect(regional.out).toContain("宁政办发〔2018〕137号");
    const national = await runCli(["deadline", "2019-06-04", "3", "--workdays"]);
    expect(national.out).toContain("届满日：2019-06-10（星期一）");
    expect(national.out).not.toContain("日历：");
  });

  it("a year whose regional notice is not loaded is refused for the region, not counted nationally", async () => {
    const r = await runCli(["deadline", "2024-06-14", "5", "--workdays", "--region", "640502"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("CALENDAR_YEAR_UNKNOWN");
    expect(r.err).toContain("宁夏回族自治区人民政府办公厅");
  });

  it("a malformed region code is an input error", async () => {
    const r = await runCli(["deadline", "2019-06-04", "3", "--workdays", "--region", "6405"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("INVALID_INPUT");
  });

  it("--rule shows the provisional bound for a year whose notice is not out (行政处罚法第六十四条第一项)", async () => {
    const r = await runCli(["deadline", "2026-12-28", "--rule", "penalty.hearingRequest"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("届满日：2027-01-07");
    expect(r.out).toContain("最晚可能届满日");
    const en = await runCli(["deadline", "2026-12-28", "--rule", "penalty.service", "--lang", "en"]);
    expect(en.out).toContain("earliest plausible last day");
  });
});

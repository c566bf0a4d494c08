import { describe, expect, it } from "vitest";
import { checkVersions, inForce, versionAt } from "./versions.js";

const v2017 = { effectiveFrom: "2018-01-01", effectiveUntil: "2021-07-15", text: "2017" };
const v2021 = { effectiveFrom: "2021-07-15", text: "2021" };

describe("versions with effective dates (行政处罚法 Art. 37: the law at the time of the act)", () => {
  it("picks the version in force on a date; the until-day belongs to the next version", () => {
    expect(versionAt([v2017, v2021], "2021-07-14")?.text).toBe("2017");
    expect(versionAt([v2017, v2021], "2021-07-15")?.text).toBe("2021");
    expect(versionAt([v2017, v2021], "2017-12-31")).toBeUndefined();
    expect(inForce(v2021, "2099-01-01")).toBe(true);
  });

  it("refuses overlapping versions and versions that end before they begin", () => {
    expect(checkVersions("x", [v2017, v2021]).isOk()).toBe(true);
    const overlap = checkVersions("x", [{ ...v2017, effectiveUntil: "2022-01-01" }, v2021]);
    expect(overlap.isErr() && overlap.error.code).toBe("REGISTRY_CONFLICT");
    const open = checkVersions("x", [{ effectiveFrom: "2018-01-01" }, v2021]);
    expect(open.isErr()).toBe(true);
    const backwards = checkVersions("x", [{ effectiveFrom: "2021-01-01", effectiveUntil: "2020-01-01" }]);
    expect(backwards.isErr()).toBe(true);
  });
});

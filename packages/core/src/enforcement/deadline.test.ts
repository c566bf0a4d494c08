import { describe, expect, it } from "vitest";
import { bodyCalendar } from "./deadline.js";
import { bodies } from "./test-fixtures.js";

describe("bodyCalendar — a bureau's calendar follows its body's region (全国年节及纪念日放假办法 Art. 4; issue 14 §2)", () => {
  it("a 沙坡头区 body (640502) counts without Ningxia's 开斋节", () => {
    const cal = bodyCalendar(bodies, "spt", "2019-06-04")._unsafeUnwrap();
    expect(cal.region).toMatchObject({ code: "640502", layer: { region: "640000" } });
    expect(cal.addWorkingDays("2019-06-04", 1)._unsafeUnwrap()).toBe("2019-06-10");
  });

  it("an unknown body is the registry's refusal, not a national calendar", () => {
    expect(bodyCalendar(bodies, "nobody", "2019-06-04")._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
  });
});

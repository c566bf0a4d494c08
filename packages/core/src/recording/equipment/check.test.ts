import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Officer } from "../../registry/bodies/schema.js";
import { checkEquipment, type EquipmentCheckInput, equipmentStaffing } from "./check.js";
import type { Equipment, EquipmentKind, EquipmentStatus } from "./schema.js";

let n = 0;
function device(
  bodyId: string,
  kind: EquipmentKind,
  status: EquipmentStatus = "inUse",
  acquiredOn = "2024-01-01",
): Equipment {
  n += 1;
  return { id: `D${n}`, kind, model: "M", serial: `S${n}`, bodyId, status, acquiredOn };
}

const ASOF = "2026-01-05";

describe("equipment ratio check (装备配备检查)", () => {
  it("applies the plan's defaults: 1.5 recorders per officer, 2 scanners per unit (沙坡头区司法局三项制度试点工作方案 二（二）（3）)", () => {
    const input: EquipmentCheckInput = {
      asOf: ASOF,
      staffing: [
        { bodyId: "a", bodyName: "甲局", officers: 4 },
        { bodyId: "b", officers: 5 },
      ],
      devices: [
        ...Array.from({ length: 6 }, () => device("a", "bodyCamera")),
        device("a", "scanner"),
        device("a", "scanner"),
        ...Array.from({ length: 6 }, () => device("b", "bodyCamera")),
        device("b", "scanner"),
      ],
    };
    const r = checkEquipment(input)._unsafeUnwrap();
    expect(r.bodies[0]).toMatchObject({ bodyId: "a", officers: 4, pass: true });
    expect(r.bodies[1]?.lines).toEqual([
      { ruleId: "bodyCamera", kind: "bodyCamera", required: 8, available: 6, shortfall: 2, pass: false },
      { ruleId: "scanner", kind: "scanner", required: 2, available: 1, shortfall: 1, pass: false },
    ]);
    expect(r.overall).toEqual([
      { ruleId: "bodyCamera", kind: "bodyCamera", required: 14, available: 12, shortfall: 2, pass: false },
      { ruleId: "scanner", kind: "scanner", required: 4, available: 3, shortfall: 1, pass: false },
    ]);
    expect(r.pass).toBe(false);
    expect(r.rules.map((x) => x.reading)).toEqual([
      "执法人员与执法记录仪配备比例为1:1.5，即每名执法人员配备1.5台执法记录仪（应配备数向上取整）",
      "执法单位与扫描仪配备比例为1:2，即每个执法单位配备2台扫描仪（应配备数向上取整）",
    ]);
    expect(r.rules[0]?.source).toEqual({
      law: "沙坡头区司法局三项制度试点工作方案",
      section: "二（二）（3）",
      confidence: "C-local",
    });
  });

  it("counts only devices 在用 and acquired by the date (沙坡头区司法局三项制度试点工作方案 二（二）（3）)", () => {
    const r = checkEquipment({
      asOf: ASOF,
      staffing: [{ bodyId: "a", officers: 2 }],
      devices: [
        device("a", "bodyCamera"),
        device("a", "bodyCamera", "repair"),
        device("a", "bodyCamera", "scrapped"),
        device("a", "bodyCamera", "idle"),
        device("a", "bodyCamera", "inUse", "2026-02-01"),
        device("z", "bodyCamera"),
      ],
    })._unsafeUnwrap();
    expect(r.bodies[0]?.lines[0]).toMatchObject({ required: 3, available: 1, shortfall: 2 });
    expect(r.ignoredDevices).toHaveLength(1);
  });

  it("uses a bureau's ratio: 1 recorder per 3 officers (沙坡头区司法局三项制度试点工作方案 二（二）（3）, configured)", () => {
    const r = checkEquipment(
      { asOf: ASOF, staffing: [{ bodyId: "a", officers: 7 }], devices: [device("a", "bodyCamera")] },
      { ratios: { bodyCamera: "3:1", scanner: { base: 1, devices: 1 } } },
    )._unsafeUnwrap();
    expect(r.bodies[0]?.lines.map((l) => [l.required, l.shortfall])).toEqual([
      [3, 2],
      [1, 1],
    ]);
    expect(r.rules[0]).toMatchObject({ overridden: true, note: "本单位配置比例 3:1，替代原比例 1:1.5" });
  });

  it("adds a bureau's own row: 1 mobile terminal per unit", () => {
    const r = checkEquipment(
      { asOf: ASOF, staffing: [{ bodyId: "a", officers: 1 }], devices: [] },
      {
        rules: [
          {
            id: "terminal",
            kind: "mobileTerminal",
            basis: "body",
            ratio: { base: 1, devices: 1 },
            source: { law: "沙坡头区司法局三项制度试点工作方案", section: "二（二）（2）", confidence: "C-local" },
          },
        ],
      },
    )._unsafeUnwrap();
    expect(r.bodies[0]?.lines.map((l) => l.ruleId)).toEqual(["bodyCamera", "scanner", "terminal"]);
  });

  it("refuses a unit listed twice, a device id used twice and malformed input", () => {
    const d = device("a", "scanner");
    expect(
      checkEquipment({
        asOf: ASOF,
        staffing: [
          { bodyId: "a", officers: 1 },
          { bodyId: "a", officers: 2 },
        ],
        devices: [],
      })._unsafeUnwrapErr().code,
    ).toBe("INVALID_INPUT");
    expect(
      checkEquipment({ asOf: ASOF, staffing: [{ bodyId: "a", officers: 1 }], devices: [d, d] })._unsafeUnwrapErr().code,
    ).toBe("INVALID_INPUT");
    expect(checkEquipment({ asOf: "2026-02-30", staffing: [], devices: [] })._unsafeUnwrapErr().code).toBe(
      "INVALID_INPUT",
    );
  });

  it("counts officers in force and 在岗 on the date, per body", () => {
    const o = (id: string, bodyId: string, extra: Partial<Officer> = {}): Officer =>
      ({
        id,
        name: "某",
        bodyId,
        certificateNumber: "1",
        issuerId: "i",
        categories: [],
        regions: [],
        validFrom: "2020-01-01",
        validUntil: "2030-01-01",
        status: "active",
        effectiveFrom: "2020-01-01",
        ...extra,
      }) as Officer;
    const counts = equipmentStaffing(
      [o("1", "a"), o("2", "a", { status: "away" }), o("3", "b"), o("4", "b", { effectiveFrom: "2027-01-01" })],
      ASOF,
    );
    expect(counts).toEqual([
      { bodyId: "a", officers: 1 },
      { bodyId: "b", officers: 1 },
    ]);
  });
});

const kinds: EquipmentKind[] = ["bodyCamera", "scanner", "mobileTerminal", "other"];
const statuses: EquipmentStatus[] = ["inUse", "repair", "scrapped", "idle"];
const bodyIds = ["a", "b", "c"];

const inputArb = fc
  .record({
    officers: fc.tuple(fc.nat(40), fc.nat(40), fc.nat(40)),
    devices: fc.array(
      fc.record({
        body: fc.constantFrom(...bodyIds, "z"),
        kind: fc.constantFrom(...kinds),
        status: fc.constantFrom(...statuses),
        late: fc.boolean(),
      }),
      { maxLength: 80 },
    ),
  })
  .map(
    ({ officers, devices }): EquipmentCheckInput => ({
      asOf: ASOF,
      staffing: bodyIds.map((bodyId, i) => ({ bodyId, officers: officers[i] ?? 0 })),
      devices: devices.map((d, i) => ({
        id: `X${i}`,
        kind: d.kind,
        model: "M",
        serial: `S${i}`,
        bodyId: d.body,
        status: d.status,
        acquiredOn: d.late ? "2026-06-01" : "2025-01-01",
      })),
    }),
  );

const ratioArb = fc.record({
  base: fc.integer({ min: 1, max: 1000 }).map((h) => h / 100),
  devices: fc.integer({ min: 1, max: 1000 }).map((h) => h / 100),
});

describe("equipment check properties (沙坡头区司法局三项制度试点工作方案 二（二）（3）)", () => {
  test.prop([inputArb, ratioArb])(
    "the shortfall is never negative and equals max(0, required − available)",
    (input, ratio) => {
      const r = checkEquipment(input, { ratios: { bodyCamera: ratio } })._unsafeUnwrap();
      for (const l of [...r.bodies.flatMap((b) => b.lines), ...r.overall]) {
        expect(l.shortfall).toBeGreaterThanOrEqual(0);
        expect(l.pass).toBe(l.shortfall === 0);
      }
      for (const l of r.bodies.flatMap((b) => b.lines)) expect(l.shortfall).toBe(Math.max(0, l.required - l.available));
    },
  );

  test.prop([inputArb, ratioArb, fc.constantFrom(...bodyIds, "z"), fc.constantFrom(...kinds)])(
    "adding an in-use device never increases any shortfall",
    (input, ratio, bodyId, kind) => {
      const policy = { ratios: { bodyCamera: ratio } };
      const before = checkEquipment(input, policy)._unsafeUnwrap();
      const added = {
        ...input,
        devices: [
          ...(input.devices ?? []),
          { id: "NEW", kind, model: "M", serial: "N", bodyId, status: "inUse" as const, acquiredOn: "2025-01-01" },
        ],
      };
      const after = checkEquipment(added, policy)._unsafeUnwrap();
      const shortfalls = (r: typeof before) => [
        ...r.bodies.flatMap((b) => b.lines.map((l) => l.shortfall)),
        ...r.overall.map((l) => l.shortfall),
      ];
      const was = shortfalls(before);
      shortfalls(after).forEach((s, i) => {
        expect(s).toBeLessThanOrEqual(was[i] ?? Number.NaN);
      });
    },
  );
});

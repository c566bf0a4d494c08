// The case's recording report counts an attached audio-video file where a row requires
// audio-video (issue 15 §2; 行政处罚法 Art. 47, 行政强制法 Art. 18 item 6 / 118号 全过程记录).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CaseEvidenceRecord, checkRecording, type PerformedAction, withAttachedEvidence } from "./check.js";

const T0 = "2025-03-03T02:00:00Z";
const T1 = "2025-03-03T03:00:00Z";
const T2 = "2025-03-05T02:00:00Z";

const seize: PerformedAction = {
  id: "coercion.acted@2025-03-03T03:00:00Z",
  stage: "investigation",
  action: "sealOrSeize",
  at: T1,
};

const video = (id: string, capturedAt: string, extra: Partial<CaseEvidenceRecord> = {}): CaseEvidenceRecord => ({
  item: { id, mediaType: "video/mp4", capturedAt },
  stage: "investigation",
  action: "sealOrSeize",
  wholeProcess: true,
  endedAt: T1,
  ...extra,
});

describe("checkRecording with the case's attached evidence", () => {
  it("without the file the seizure's audio-video row is a gap; the attached video fills it", () => {
    const bare = checkRecording({ actions: [seize], records: [] });
    expect(bare.gaps.some((g) => g.kinds.includes("video"))).toBe(true);
    const withFile = checkRecording({ actions: [seize], records: [] }, undefined, [video("ev-1", T0)]);
    expect(withFile.gaps.filter((g) => g.kinds.includes("video"))).toEqual([]);
  });

  it("a file of another action, stage, media type, or captured after the act counts for nothing", () => {
    const others = [
      video("x1", T0, { action: "hearing" }),
      video("x2", T0, { stage: "decision" }),
      { ...video("x3", T0), item: { id: "x3", mediaType: "image/jpeg", capturedAt: T0 } },
      video("x4", T2),
    ];
    const r = withAttachedEvidence({ actions: [seize], records: [] }, others);
    expect(r.records).toEqual([]);
  });

  it("a file not covering the whole process is reported as such, not as missing", () => {
    const partial = video("ev-2", T0, { wholeProcess: false });
    const report = checkRecording({ actions: [seize], records: [] }, undefined, [partial]);
    const gap = report.gaps.find((g) => g.kinds.includes("video"));
    expect(gap?.reason).toBe("notWholeProcess");
  });

  it("property: attaching files never adds a gap, and the files counted are audio-video items of the action", () => {
    const item = fc.record({
      id: fc.constantFrom("e1", "e2", "e3", "e4"),
      mediaType: fc.constantFrom("video/mp4", "audio/aac", "image/png", "application/pdf"),
      minute: fc.integer({ min: 0, max: 180 }),
      action: fc.constantFrom("sealOrSeize", "hearing"),
      whole: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(item, { selector: (i) => i.id, maxLength: 4 }), (items) => {
        const evidence = items.map((i) =>
          video(i.id, new Date(Date.parse(T0) + i.minute * 60_000).toISOString().replace(".000Z", "Z"), {
            item: {
              id: i.id,
              mediaType: i.mediaType,
              capturedAt: new Date(Date.parse(T0) + i.minute * 60_000).toISOString().replace(".000Z", "Z"),
            },
            action: i.action,
            wholeProcess: i.whole,
          }),
        );
        const base = checkRecording({ actions: [seize], records: [] });
        const withFiles = checkRecording({ actions: [seize], records: [] }, undefined, evidence);
        expect(withFiles.gaps.length).toBeLessThanOrEqual(base.gaps.length);
        for (const r of withAttachedEvidence({ actions: [seize], records: [] }, evidence).records) {
          const src = items.find((i) => i.id === r.id);
          expect(src?.action).toBe("sealOrSeize");
          expect(src?.mediaType.startsWith("video/") || src?.mediaType.startsWith("audio/")).toBe(true);
          expect(src === undefined ? Number.NaN : src.minute).toBeLessThanOrEqual(60);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// issue 14 §7: whole-process audio-video (全程音像记录) is sound and image — an audio-only
// recording does not satisfy the 查封扣押, 强制拆除 and case-room rows; 公告送达 is among the
// dispute-prone steps 国办发〔2018〕118号 三（八） lists for audio-video "根据实际情况".
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type AttachedRecord, checkRecording, type PerformedAction } from "./check.js";
import { DEFAULT_RECORDING_RULE_TABLE } from "./rules.js";

const T0 = "2026-05-01T02:00:00Z";
const T1 = "2026-05-01T03:00:00Z";
const WHOLE = DEFAULT_RECORDING_RULE_TABLE.filter((r) => r.wholeProcess);
const rec = (id: string, kind: AttachedRecord["kind"], actionId: string, whole = true): AttachedRecord => ({
  id,
  kind,
  actionId,
  evidenceIds: [],
  ...(whole ? { wholeProcess: true, startedAt: T0, endedAt: T1 } : {}),
});

describe("全程音像记录 (国办发〔2018〕118号 三（八）)", () => {
  it("every whole-process row cites 118号 and accepts video only", () => {
    expect(WHOLE.map((r) => r.id).sort()).toEqual([
      "forcedDemolition.audioVideo",
      "inquiryInCaseRoom.audioVideo",
      "sealOrSeize.audioVideo",
    ]);
    for (const r of WHOLE) {
      expect(r.kinds).toEqual(["video"]);
      expect(r.source).toMatchObject({ law: "国办发〔2018〕118号", section: "三（八）" });
    }
  });

  test.prop([fc.constantFrom(...WHOLE), fc.boolean()])(
    "an audio-only record covering the whole action leaves the row's gap; a whole-process video closes it",
    (row, withOtherRecords) => {
      const action: PerformedAction = { id: "act", stage: "investigation", action: row.action, at: T0, endedAt: T1 };
      const others = withOtherRecords ? [rec("t", "transcript", "act", false), rec("d", "document", "act", false)] : [];
      const audioOnly = checkRecording({ actions: [action], records: [...others, rec("a", "audio", "act")] });
      expect(audioOnly.gaps.map((g) => g.ruleId)).toContain(row.id);
      const video = checkRecording({ actions: [action], records: [...others, rec("v", "video", "act")] });
      expect(video.gaps.map((g) => g.ruleId)).not.toContain(row.id);
    },
  );

  it("公告送达 without audio-video is complete but advised (118号 三（八） 根据实际情况)", () => {
    const action: PerformedAction = { id: "s", stage: "service", action: "serviceByNotice", at: T0 };
    const report = checkRecording({ actions: [action], records: [rec("d", "document", "s", false)] });
    expect(report.complete).toBe(true);
    expect(report.advisories.map((a) => a.ruleId)).toEqual(["serviceByNotice.audioVideo"]);
    const row = DEFAULT_RECORDING_RULE_TABLE.find((r) => r.id === "serviceByNotice.audioVideo");
    expect(row).toMatchObject({ requirement: "asCircumstancesRequire", source: { law: "国办发〔2018〕118号" } });
  });
});

import { describe, expect, it } from "vitest";
import { sha256, toHex } from "../kernel/hash.js";
import { sm3 } from "../kernel/sm3.js";
import {
  EVIDENCE_TYPE_NAMES,
  EVIDENCE_TYPES,
  type EvidenceItem,
  parseEvidenceItem,
  verifyEvidenceBytes,
} from "./evidence.js";

const bytes = new TextEncoder().encode("现场照片");
const item: EvidenceItem = {
  id: "ev-1",
  hash: { algorithm: "sha256", hex: toHex(sha256.hash(bytes)) },
  size: bytes.length,
  mediaType: "image/jpeg",
  deviceId: "cam-7",
  officerIds: ["o1", "o2"],
  capturedAt: "2026-05-01T02:00:00Z",
  location: { lat: 37.5, lng: 105.2, address: "中卫市沙坡头区" },
  evidenceType: "audioVisual",
};

describe("evidence items", () => {
  it("know the eight kinds of evidence (行政处罚法第四十六条第一款)", () => {
    expect(EVIDENCE_TYPES.map((t) => EVIDENCE_TYPE_NAMES[t])).toEqual([
      "书证",
      "物证",
      "视听资料",
      "电子数据",
      "证人证言",
      "当事人的陈述",
      "鉴定意见",
      "勘验笔录、现场笔录",
    ]);
  });

  it("parse, and refuse an item without officers or with half a coordinate", () => {
    expect(parseEvidenceItem(item).isOk()).toBe(true);
    expect(parseEvidenceItem({ ...item, officerIds: [] })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(parseEvidenceItem({ ...item, location: { lat: 1 } }).isErr()).toBe(true);
  });
});

describe("verifyEvidenceBytes", () => {
  it("accepts the captured bytes", () => {
    expect(verifyEvidenceBytes(item, bytes, sha256)._unsafeUnwrap()).toBe(true);
  });

  it("detects a flipped byte (行政处罚法第四十六条第二款)", () => {
    for (let i = 0; i < bytes.length; i++) {
      const copy = bytes.slice();
      copy[i] = (copy[i] ?? 0) ^ 1;
      expect(verifyEvidenceBytes(item, copy, sha256)._unsafeUnwrapErr().code).toBe("EVIDENCE_TAMPERED");
    }
  });

  it("refuses to verify with another algorithm", () => {
    expect(verifyEvidenceBytes(item, bytes, sm3)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });
});

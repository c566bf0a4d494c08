// The bureau's signHead and a key change (issue 13): a bureau configured with another key
// signs nothing over a grown log until it declares the change.
import { describe, expect, it } from "vitest";
import { bodies, calendar } from "../enforcement/test-fixtures.js";
import { manualClock } from "../kernel/ports.js";
import type { Signer } from "../kernel/signer.js";
import { ed25519Signer, generateEd25519SecretKey } from "../kernel/signer-ed25519.js";
import { testSigner } from "../kernel/signer-verify.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { EventStore } from "../recording/event-store.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { createBureau } from "./index.js";
import { bureauProjections } from "./projection.js";

const newKey = ed25519Signer(
  generateEd25519SecretKey({ specificationVersion: 1, fill: (bytes) => bytes.fill(5) }),
)._unsafeUnwrap();

const bureauOn = (store: EventStore, signer: Signer) =>
  createBureau({
    bodyId: "spt",
    store,
    signer,
    clock: manualClock("2025-03-03T02:00:00Z"),
    registries: { bodies },
    calendar,
  })._unsafeUnwrap();

async function appendNote(store: EventStore, seq: number): Promise<void> {
  const event: CaseEvent = {
    caseId: "N-1",
    seq,
    type: "case.noted",
    at: "2025-03-03T01:00:00Z",
    actor: { id: "officer-1", roles: ["officer"] },
    stage: "investigation",
    payload: { note: `${seq}` },
  };
  (await store.append("N-1", seq - 1, [event]))._unsafeUnwrap();
}

describe("Bureau.signHead and a key change", () => {
  it("refuses a new key over a grown log until { keyChange: true } declares it", async () => {
    const store = memoryEventStore({ projections: bureauProjections() });
    await appendNote(store, 1);
    (await bureauOn(store, testSigner()).signHead())._unsafeUnwrap();
    await appendNote(store, 2);
    const rotated = bureauOn(store, newKey);
    const refused = (await rotated.signHead())._unsafeUnwrapErr();
    expect(refused.code).toBe("TREE_HEAD_CONFLICT");
    expect(refused.details).toMatchObject({ reason: "otherKey", treeSize: 1, keyId: newKey.keyId });
    const signed = (await rotated.signHead({ keyChange: true }))._unsafeUnwrap();
    expect(signed).toMatchObject({ treeSize: 2, keyId: newKey.keyId });
    expect((await store.signedTreeHeads())._unsafeUnwrap().map((h) => h.keyId)).toEqual([
      testSigner().keyId,
      newKey.keyId,
    ]);
  });
});

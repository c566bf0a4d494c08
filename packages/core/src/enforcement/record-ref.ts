import { z } from "zod";
import { IdSchema } from "../kernel/ports.js";
import { InstantSchema } from "../kernel/time.js";
import { RecordKindSchema } from "../recording/vocabulary.js";

/**
 * 随附记录 — a record handed in with a command (笔录, 文书, 录像 …): what the whole-process
 * record rules check before the step is accepted (recording `requireRecords`).
 */
export const RecordRefSchema = z
  .object({
    /** Id of the record. */
    id: IdSchema,
    /** Kind of record. */
    kind: RecordKindSchema,
    /** Evidence items (files) that hold it. */
    evidenceIds: z.array(IdSchema).readonly().default([]),
    /** 全程记录 — covers the whole action. */
    wholeProcess: z.boolean().optional(),
    /** Recording start (audio-video). */
    startedAt: InstantSchema.optional(),
    /** Recording end (audio-video). */
    endedAt: InstantSchema.optional(),
  })
  .readonly();
/** 随附记录 (see {@link RecordRefSchema}). */
export type RecordRef = z.infer<typeof RecordRefSchema>;

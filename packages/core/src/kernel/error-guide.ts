// What each error code means and what to do about it: the one table docs/errors.md is
// generated from (scripts/gen-errors.ts). A new code in ERROR_CODES is a type error here
// until it has its entry.
import type { SanxiangErrorCode } from "./errors.js";

/** 错误说明 — what an error code means, and what the app or the officer does next. */
export interface ErrorGuide {
  /** What went wrong, for a developer reading the code. */
  readonly meaning: string;
  /** What to do about it: fix the input, take the missing step, retry, escalate. */
  readonly action: string;
  /** Who can act on it: the app's developer, the officer (执法人员) using the app, or the operator running the store. */
  readonly audience: "developer" | "officer" | "operator";
}

/**
 * 错误代码说明表 — for every {@link SanxiangErrorCode}, what it means and what to do. The
 * source of docs/errors.md; `error.message` says the same for the case at hand, with the
 * values.
 */
export const ERROR_GUIDE: Readonly<Record<SanxiangErrorCode, ErrorGuide>> = {
  INVALID_INPUT: {
    meaning:
      "A command, option or record failed its schema. `details.issues` lists each field (`path`, `field` in words), the value given (`value`) and what is allowed (`allowed`, the message). A command whose text holds a control character other than tab and line breaks, DEL, a C1 control, a bidirectional embedding, override, isolate or mark (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) or U+FEFF is refused before its schema: `details.codePoint` names the character (U+XXXX) and `details.at` its place (0-based).",
    action: "Correct the fields named and send again. Nothing was written.",
    audience: "developer",
  },
  CIVIL_DATE_INVALID: {
    meaning: "A date that is not a real `YYYY-MM-DD` calendar date (e.g. `2025-02-29`).",
    action: "Pass a real date in `YYYY-MM-DD` form, China time.",
    audience: "developer",
  },
  INSTANT_INVALID: {
    meaning:
      "A time that is not an ISO 8601 UTC instant (`2026-03-01T08:00:00Z`). When `details.field` is `now`, the context's clock (`ctx.now`, the Clock port) gave it.",
    action: "Pass a UTC instant; when it is `now`, check the clock given to the bureau or the context built by hand.",
    audience: "developer",
  },
  MONEY_INVALID: {
    meaning: "An amount that is not integer fen (分): negative, fractional, or not a number.",
    action: "Give amounts as integer fen (¥12.50 is 1250); `parseYuan` reads a yuan string.",
    audience: "developer",
  },
  MONEY_OUT_OF_RANGE: {
    meaning: "An amount, or the result of a sum, beyond the safe range of integer fen.",
    action: "Check the amount for a typo (extra digits); no lawful fine comes near the limit.",
    audience: "developer",
  },
  CALENDAR_YEAR_UNKNOWN: {
    meaning:
      "A period runs into a year whose State Council holiday notice (国务院办公厅节假日安排) is not loaded, so working days cannot be counted.",
    action:
      "Load that year's notice into the work calendar (see docs/calendar.md), or upgrade to a release that ships it.",
    audience: "operator",
  },
  CALENDAR_DATA_INVALID: {
    meaning:
      "Holiday data that contradicts itself or its year (a day both off and a make-up working day, a date outside the year).",
    action: "Correct the holiday data against the State Council notice.",
    audience: "operator",
  },
  PERIOD_INVALID: {
    meaning: "A period specification that cannot be computed: negative, fractional, or an unknown unit.",
    action: "Give a whole, non-negative length in a known unit (day, workday, month, year).",
    audience: "developer",
  },
  PERIOD_RULE_UNKNOWN: {
    meaning: "No statutory period (法定期限) with that identifier.",
    action: "Use one of the identifiers listed in docs/rules.md (Statutory periods).",
    audience: "developer",
  },
  MERKLE_INDEX_OUT_OF_RANGE: {
    meaning: "A leaf index outside the Merkle tree.",
    action: "Ask for a leaf below the tree size of the signed head you verify against.",
    audience: "developer",
  },
  MERKLE_TREE_SIZE_INVALID: {
    meaning: "A tree size that is not possible here (zero, negative, an old size above the new one).",
    action: "Check the sizes passed to the proof functions.",
    audience: "developer",
  },
  MERKLE_PROOF_WRONG_LENGTH: {
    meaning: "A proof with the wrong number of hashes for its index and tree size.",
    action: "The proof was not made for this index and size: fetch it again from the store.",
    audience: "developer",
  },
  MERKLE_HASH_INVALID: {
    meaning: "A hash of the wrong length or form.",
    action: "Hashes are lower-case hex of the algorithm's length (32 bytes for SHA-256 and SM3).",
    audience: "developer",
  },
  MERKLE_ROOT_MISMATCH: {
    meaning: "A proof that recomputes to a different root: the leaf or the log is not what the signed head covers.",
    action:
      "Treat the record as not proven. Re-fetch the proof; if it still fails, the log or the copy was altered — investigate.",
    audience: "operator",
  },
  HASH_ALGORITHM_UNSUPPORTED: {
    meaning: "A hash algorithm the SDK does not provide.",
    action: "Use `sha256` or `sm3`.",
    audience: "developer",
  },
  ACTOR_INVALID: {
    meaning: "An actor that fails its schema: an empty id or name, an unknown role.",
    action:
      "Build the actor from the signed-in user: `{ id, name, roles }` with roles from docs/rules.md (Permissions).",
    audience: "developer",
  },
  PERMISSION_DENIED: {
    meaning: "The actor's roles do not permit the command (the permission table, `DEFAULT_PERMISSIONS`).",
    action:
      "Have someone with a permitted role act (docs/commands.md names the roles), or change the bureau's permission policy.",
    audience: "officer",
  },
  ACTOR_NOT_REGISTERED: {
    meaning:
      "The acting person is not in the bureau's officer registry on that day, or is registered with another body.",
    action: "Register the officer (docs/bodies-and-powers.md) or have an officer of this body act.",
    audience: "officer",
  },
  ROLE_NOT_BACKED: {
    meaning:
      "A claimed role the registry does not back: a `head` who is not a head of the body, a reviewer not registered as one.",
    action: "Record the role in the registry, or have the person who holds it act.",
    audience: "officer",
  },
  NOT_ON_CASE_TEAM: {
    meaning: "An officer acting on a case whose team (承办人员) does not include them.",
    action: "Assign the officer to the case (`officers.assign`) or have a team member act.",
    audience: "officer",
  },
  ID_INVALID: {
    meaning: "An identifier of the wrong form.",
    action:
      "Identifiers start with a letter or digit and hold only letters, digits and `_ . : -`, at most 128 characters.",
    audience: "developer",
  },
  IMPORT_INVALID: {
    meaning:
      "An import (spreadsheet, CSV, JSON) in which at least one row is wrong; `details.issues` names sheet, row and column. Nothing was imported.",
    action: "Correct the rows named and import the whole file again.",
    audience: "officer",
  },
  TABLE_UNREADABLE: {
    meaning: "A CSV or spreadsheet that cannot be read as a table (not a workbook, no header row, a broken encoding).",
    action: "Save the file as .xlsx or UTF-8 CSV with the template's header row (docs/import-export.md).",
    audience: "officer",
  },
  REGISTRY_NOT_FOUND: {
    meaning: "A registry record (body, officer, power, entity, law) that is not there, or not in force on that date.",
    action: "Check the id and the date; add or extend the record in the registry.",
    audience: "officer",
  },
  REGISTRY_CONFLICT: {
    meaning:
      "Registry records that contradict each other: overlapping versions, a duplicate key (the same certificate number twice).",
    action: "Correct the records named in the message so each key is held once per period.",
    audience: "officer",
  },
  PENALTY_OUT_OF_RANGE: {
    meaning:
      "A proposed penalty the law does not allow: above the statutory maximum, a kind the power does not provide, or barred.",
    action: "Choose a penalty within the range of the power's legal basis (the message cites it).",
    audience: "officer",
  },
  OFFICER_NOT_QUALIFIED: {
    meaning:
      "An officer who may not act on that date (执法资格): certificate expired or not valid for the area, status not in post, another body.",
    action: "Have a qualified officer act, or renew the certificate in the registry before acting.",
    audience: "officer",
  },
  OFFICERS_INSUFFICIENT: {
    meaning: "Fewer qualified officers than the act requires — two, as a rule (行政处罚法 Art. 42).",
    action: "Assign at least two officers with valid certificates to the case.",
    audience: "officer",
  },
  ARTICLE_REF_INVALID: {
    meaning: "A citation of a law that cannot be read, e.g. not in the form `行政处罚法第五十八条`.",
    action: "Write the citation as law title plus article (and paragraph/item) in Chinese numerals.",
    audience: "officer",
  },
  SIGNATURE_ALGORITHM_UNSUPPORTED: {
    meaning: "A signature algorithm the SDK does not provide.",
    action: "Use `ed25519` or `sm2`.",
    audience: "developer",
  },
  SIGNING_KEY_INVALID: {
    meaning: "A private or public signing key of the wrong length, or not on the curve.",
    action: "Check the key file and its algorithm (docs/signing.md).",
    audience: "operator",
  },
  SIGNATURE_INVALID: {
    meaning: "A signature that does not verify under the key.",
    action:
      "Treat the signed object as untrusted. Check that the right public key is used; otherwise the object was altered.",
    audience: "operator",
  },
  SIGNER_FAILED: {
    meaning:
      "The Signer adapter (HSM, KMS) threw, rejected, or returned something that is not a signature; `cause` keeps its error.",
    action: "Check the signing service; retry when it is back. Nothing was signed.",
    audience: "operator",
  },
  TREE_HEAD_MALFORMED: {
    meaning: "A signed tree head that is not well formed (fields, sizes, encodings).",
    action: "Re-export the head from the store; a hand-edited head will not verify.",
    audience: "operator",
  },
  TREE_HEAD_ALGORITHM_MISMATCH: {
    meaning: "A signed tree head whose signature or hash algorithm is not the one expected.",
    action: "Verify with the algorithm the log uses (shown in the head), or with the right key.",
    audience: "operator",
  },
  RECORDING_INCOMPLETE: {
    meaning:
      "A step lacks the records a recording rule requires (执法全过程记录, 行政处罚法 Art. 47): a transcript, a document, audio-video. `details` names the rule and the record kinds missing.",
    action: "Attach the records named (or the audio-video evidence) and issue the command again.",
    audience: "officer",
  },
  RECORDING_ACTION_UNKNOWN: {
    meaning: "A record names an enforcement action no recording rule knows: it would silently escape every rule.",
    action: "Use one of the known actions listed in the message (docs/recording.md), or add a rule for the new action.",
    audience: "developer",
  },
  RECORD_CONFLICT: {
    meaning:
      "A command or evidence item carrying an id the case already recorded (`actionId`, `preservationId`, `evidenceId`), with different content. An exact retry (same id, same content) is acknowledged without appending anything; this is not one: the case's record (执法全过程记录, 行政处罚法 Art. 47) keeps the first version. `details` names the id and the recorded event's `seq`.",
    action:
      "If this is a new act, give it a new id. If it corrects the recorded one, record the correction as its own step; a recorded step is never rewritten.",
    audience: "developer",
  },
  CUSTODY_OUT_OF_ORDER: {
    meaning: "A chain-of-custody step (证据保管链) out of order or back in time.",
    action: "Record custody steps in the order they happened, each after the last.",
    audience: "officer",
  },
  EVIDENCE_TAMPERED: {
    meaning: "Evidence bytes, or a re-computed hash, that differ from those captured.",
    action: "Do not use the file. Find the original; report the discrepancy — the evidence may have been altered.",
    audience: "operator",
  },
  EVIDENCE_NOT_FOUND: {
    meaning: "No evidence stored under the hash asked about.",
    action: "Check the hash; store the file first (the evidence store), then refer to it.",
    audience: "developer",
  },
  EVIDENCE_STORE_FAILED: {
    meaning: "The evidence store could not read or write: disk full, permission, a failing source stream.",
    action: "Fix the storage and retry; nothing was recorded in the case.",
    audience: "operator",
  },
  EVENT_SEQUENCE_INVALID: {
    meaning: "A case event whose `seq` does not continue its case's stream: a gap or a duplicate.",
    action: "Append events through `decide`/`execute`, which number them; do not build events by hand.",
    audience: "developer",
  },
  EVENT_HASH_MISMATCH: {
    meaning: "A stored or stated leaf hash that differs from the hash of the event's canonical bytes.",
    action: "The event was altered after it was written: investigate the store; verify the log (`sanxiang verify`).",
    audience: "operator",
  },
  CASE_FILE_MALFORMED: {
    meaning: "A case file (案卷) that fails its schema, or has no event to file.",
    action: "Assemble the case file again from the store; a hand-edited file will not verify.",
    audience: "developer",
  },
  CASE_FILE_CATALOGUE_INVALID: {
    meaning: "A case-file catalogue (卷内目录) out of order, incomplete, or disagreeing with its events.",
    action: "Assemble the case file again; if it still fails, the file was edited after assembly.",
    audience: "operator",
  },
  CASE_FILE_PROOF_INVALID: {
    meaning: "A case-file entry whose inclusion proof does not lead to the signed root.",
    action:
      "Treat the entry as not proven; assemble the file again against a current signed head, and investigate if it persists.",
    audience: "operator",
  },
  COMMAND_NOT_ALLOWED: {
    meaning:
      "A command the case's procedure does not accept in its current state (`details.state`), or whose condition is not met (a fine outstanding at `case.close`, a measure still in force).",
    action: "Take the step the message names first; docs/commands.md lists when each command is accepted.",
    audience: "officer",
  },
  DECISION_WITHOUT_NOTICE: {
    meaning: "A penalty decision without a served prior notice (告知) or a written waiver (行政处罚法 Arts. 44, 62).",
    action: "Serve the notice (`notice.serve`) naming the penalty, then decide.",
    audience: "officer",
  },
  PENALTY_INCREASED_AFTER_DEFENCE: {
    meaning: "A heavier penalty than the notice after the party's statement and defence (行政处罚法 Art. 45 para. 2).",
    action: "Decide within the notified penalty.",
    audience: "officer",
  },
  LIMITATION_EXPIRED: {
    meaning: "The act was not discovered within the limitation period (行政处罚法 Art. 36).",
    action: "No penalty may be imposed; close the case without one.",
    audience: "officer",
  },
  HEARING_PENDING: {
    meaning:
      "A decision before a requested hearing was held, or while the window to request one is open (行政处罚法 Arts. 63–65).",
    action: "Hold the hearing (`hearing.hold`) or wait until the request window closes (the deadline index shows it).",
    audience: "officer",
  },
  STATEMENT_PERIOD_OPEN: {
    meaning:
      "A penalty decision while the party's statement-and-defence window is open and the party has neither stated nor waived (行政处罚法 Arts. 44, 45, 62).",
    action:
      "Wait until the window closes, or record the party's statement (`defence.receive`) or waiver (`defence.waive`).",
    audience: "officer",
  },
  REVIEW_NOT_APPROVED: {
    meaning:
      "A major decision (重大执法决定) without an approval of exactly this draft (行政处罚法 Art. 58). `details.why`: `notSubmitted` (never reviewed), `pending`, `notApproved`, `draftChanged` (approved, but for another draft).",
    action:
      "Submit the draft for review (`review.submit`) and decide after approval; after a change, decide the approved draft or resubmit.",
    audience: "officer",
  },
  REVIEW_MATERIALS_INCOMPLETE: {
    meaning: "A submission for legal review without the materials the checklist requires (送审材料).",
    action: "Add the materials named in the message and submit again.",
    audience: "officer",
  },
  REVIEW_NOT_FOUND: {
    meaning:
      "A legal review asked for by id that the store does not hold: no stream `<caseId>.review.<n>` of that id, or a case without any review.",
    action: "Check the id (`sanxiang deadlines` lists open reviews) and the store (`--store`, `--dir`).",
    audience: "officer",
  },
  REVIEW_NOT_CONCLUDED: {
    meaning:
      "The written opinion (法制审核意见书) of a review no reviewer has concluded yet: there is nothing to print. `details.state` is the review's state.",
    action: "Wait for the reviewer's conclusion (`review.conclude`), then print the opinion.",
    audience: "officer",
  },
  REVIEWER_RECUSAL_REQUIRED: {
    meaning: "A reviewer who handled the case assigned to review it (回避, 行政处罚法 Art. 43).",
    action: "Assign a legal reviewer who did not handle the case.",
    audience: "officer",
  },
  DISCUSSION_QUORUM_NOT_MET: {
    meaning: "A collective discussion (集体讨论) with fewer heads than the quorum (行政处罚法 Art. 57 para. 2).",
    action: "Hold the discussion again with enough of the body's heads present.",
    audience: "officer",
  },
  COLLECTIVE_DISCUSSION_REQUIRED: {
    meaning:
      "A decision that needs collective discussion by the heads without one on record (行政处罚法 Art. 57 para. 2).",
    action: "Record the discussion (`discussion.hold`), then decide.",
    audience: "officer",
  },
  CONCURRENCY_CONFLICT: {
    meaning:
      "An append whose expected stream version is not the stream's current one: someone else changed the case meanwhile.",
    action: "Reload the case and decide again (`execute` does the load; retry it).",
    audience: "developer",
  },
  STORE_UNAVAILABLE: {
    meaning:
      "The storage adapter could not do what was asked: connection lost, disk full, store closed. `cause` keeps the driver's error.",
    action: "Fix the database or disk and retry; nothing was written.",
    audience: "operator",
  },
  STORE_CORRUPT: {
    meaning: "Stored data that cannot be read back as written: malformed rows, a broken Merkle head, a missing event.",
    action: "Stop writing; verify the log (`sanxiang verify`) and restore from backup.",
    audience: "operator",
  },
  STORE_NOT_FOUND: {
    meaning:
      "A command that reads an existing store was pointed at one that does not exist (it would have created an empty one).",
    action: "Check the path or connection string.",
    audience: "operator",
  },
  OUTPUT_WRITE_FAILED: {
    meaning:
      "An output could not be written after its checks passed: the disk is full (`ENOSPC`), a quota is exceeded (`EDQUOT`), the device failed (`EIO`), the file system turned read-only, or permission was lost mid-write. `details.path` names the file or directory, `details.errno` the system's code.",
    action:
      "Free space or repair the file system and run the command again. The previous file (or site) is left as it was and no temporary file or staging directory remains.",
    audience: "operator",
  },
  TREE_HEAD_CONFLICT: {
    meaning:
      'A signed tree head contradicting a kept one: another root for a size the store already holds a head for; a head signed by a key that does not verify the newest kept head, with no key change declared or at that head\'s size (`details.reason: "otherKey"`); or a head of a larger tree dated before one of a smaller tree (`details.reason: "timestampOrder"`).',
    action:
      "Another root: two signers signed different logs of the same size, investigate before signing again. Another key: sign with the bureau's own key file; after a real key change, declare it (`keyChange: true`, `sanxiang sign --new-key`) and sign with the new key once the log has grown. Timestamps: check the signing clock, and investigate a kept head dated out of order (replayed or back-dated).",
    audience: "operator",
  },
  PROJECTION_MISMATCH: {
    meaning:
      "Projection rows that differ from a replay of the log: a row altered, inserted or deleted outside an append.",
    action: "Rebuild the projections from the log and find who wrote to the tables directly.",
    audience: "operator",
  },
  COERCION_NOT_APPROVED: {
    meaning:
      "A coercive measure (查封、扣押) without the head's approval, or an emergency one not reported within 24 hours (行政强制法 Arts. 18, 19).",
    action:
      "Obtain and record the head's approval; in an emergency, report within 24 hours — otherwise release the measure.",
    audience: "officer",
  },
  COERCION_PERIOD_EXPIRED: {
    meaning: "A sealing or seizure act after its period expired (行政强制法 Arts. 25, 27, 28).",
    action: "Decide on the items or release them; an extension must be approved before the period ends.",
    audience: "officer",
  },
  SERVICE_WITHOUT_CONSENT: {
    meaning: "Electronic service without the party's confirmation on record (行政处罚法 Art. 61 para. 2).",
    action: "Record the party's consent (`service.consent`) or serve another way.",
    audience: "officer",
  },
  EXECUTION_PREMATURE: {
    meaning:
      "An execution step before its condition: no overdue fine, no written demand, the demand's period still running (行政强制法 Arts. 35, 37, 46, 54).",
    action: "Take the earlier step the message names, or wait for the period to end.",
    audience: "officer",
  },
  EXECUTION_AT_NIGHT_OR_HOLIDAY: {
    meaning: "An execution act at night or on a statutory holiday without an emergency (行政强制法 Art. 43 para. 1).",
    action: "Act in the daytime on a working day, or record the emergency.",
    audience: "officer",
  },
  COURT_APPLICATION_LATE: {
    meaning:
      "An application to the people's court for enforcement after its three-month window closed (行政强制法 Art. 53).",
    action: "The window cannot be reopened by the SDK; record what happened and consult the legal department.",
    audience: "officer",
  },
  EXECUTION_MEANS_FORBIDDEN: {
    meaning:
      "An execution act or decision that cuts water, power, heating or gas to residents' homes to compel performance (行政强制法 Art. 43 para. 2).",
    action: "Use a lawful means (划拨存款、拍卖查封扣押的财物…) or apply to the people's court.",
    audience: "officer",
  },
  EXECUTION_HALTED: {
    meaning:
      "An execution step while execution is suspended (中止执行, 行政强制法 Art. 39) or after it was terminated (终结执行, Art. 40).",
    action:
      "Resume execution once the ground for suspension is gone (`execution.resume`); a terminated execution does not restart.",
    audience: "officer",
  },
  PUBLICATION_NOTICE_MISSING: {
    meaning:
      "A decision to be published served without the written notice that it will be published (市场监督管理行政处罚信息公示规定 Art. 8).",
    action: "Serve the written notice with the decision and record it (`publicationNotice` on `decision.serve`).",
    audience: "officer",
  },
  SIMPLIFIED_CAP_EXCEEDED: {
    meaning:
      "A simplified-procedure (简易程序) fine above the cap, or a penalty other than a fine or warning (行政处罚法 Art. 51).",
    action: "Use the ordinary procedure.",
    audience: "officer",
  },
  FORM_NUMBER_INVALID: {
    meaning: "A decision form number not issued to that officer, already used, or voided (行政处罚法 Art. 52).",
    action: "Use a form from the officer's issued, unused numbers (the form register).",
    audience: "officer",
  },
  ON_SPOT_COLLECTION_NOT_ALLOWED: {
    meaning: "On-the-spot collection of a fine outside the cases of 行政处罚法 Arts. 68–70.",
    action: "Have the party pay at the designated bank or by electronic payment.",
    audience: "officer",
  },
  INSPECTION_DRAW_MISMATCH: {
    meaning: "A random-inspection draw (双随机) that re-runs to a different result, or whose pools changed.",
    action: "Do not use the draw; investigate the pools and the seed, and draw again on the record.",
    audience: "operator",
  },
  DISCLOSURE_NOT_APPROVED: {
    meaning: "A disclosure published, or about to be, without the responsible head's sign-off of exactly that content.",
    action: "Have the head sign off the current content, then publish.",
    audience: "officer",
  },
  DISCLOSURE_SIGNOFF_INVALID: {
    meaning: "A sign-off by someone who is not a head of the disclosing body (谁执法谁公示).",
    action: "Have a head of the body that made the decision sign off.",
    audience: "officer",
  },
  DISCLOSURE_WITHHELD: {
    meaning:
      "Information that must not be published at all: a minor party, state or trade secrets, privacy at the core of the facts (政府信息公开条例 Arts. 14–15).",
    action: "Do not publish it; record the reason for non-disclosure.",
    audience: "officer",
  },
  REDACTION_INCOMPLETE: {
    meaning:
      "Content that still holds personal data the redaction policy hides (an ID number, a phone number, a person's name).",
    action: "Redact the fields named in the message and draft again.",
    audience: "officer",
  },
  PUBLISHER_FAILED: {
    meaning:
      "The Publisher adapter (the public website, a credit platform) failed or refused; `cause` keeps its error.",
    action: "Fix the target and publish again; the disclosure stays approved.",
    audience: "operator",
  },
  DISCLOSURE_LOG_MISMATCH: {
    meaning: "The `disclosures` projection, or a disclosure stream, disagrees with what the signed log proves.",
    action: "Rebuild the projection from the log before building the site; investigate the difference.",
    audience: "operator",
  },
  LOG_TAIL_UNSIGNED: {
    meaning: "Events after the newest signed tree head where a signed head was required.",
    action: "Sign the log head (`sanxiang sign`, or the bureau's `signHead`) and retry.",
    audience: "operator",
  },
  BENCHMARK_NOT_APPLIED: {
    meaning:
      "A penalty decision of a bureau with discretion benchmarks (裁量基准) that names no benchmark row (行政处罚法 Art. 34).",
    action: "Name the benchmark row applied in the decision.",
    audience: "officer",
  },
  BENCHMARK_DEVIATION_UNRECORDED: {
    meaning:
      "A decision outside its benchmark row's range (or 减轻) without the deviation procedure the row requires on record.",
    action:
      "Record the deviation procedure (reasons, approval or discussion) the row requires, or decide within the range.",
    audience: "officer",
  },
};

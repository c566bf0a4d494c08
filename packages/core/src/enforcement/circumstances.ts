import type { SanxiangError } from "../kernel/errors.js";
import { sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { Instant } from "../kernel/time.js";
import { noPenaltyGround } from "../registry/benchmarks/check.js";
import { circumstanceCatalogue } from "../registry/benchmarks/recommend.js";
import type { PenaltyCommand } from "./commands.js";
import type { PenaltyCaseContext } from "./context.js";
import { type DecideContext, refuse } from "./guards.js";
import type { Penalty } from "./penalty.js";
import type { StepResult as R } from "./steps.js";

/**
 * 认定裁量情节 — `circumstances.record`: the circumstances found in the case (行政处罚法
 * Arts. 30–33, and the bureau's own rows, `DecideContext.circumstances`), as codes of the
 * circumstance catalogue. The list recorded is the finding in force: it replaces the
 * previous one (a statement may prove 没有主观过错; a finding may be corrected). A code the
 * catalogue does not know is refused (`INVALID_INPUT`, naming it and the known codes), so a
 * misspelt 不予处罚 ground cannot slip past the decision.
 */
export function recordCircumstances(
  cmd: Extract<PenaltyCommand, { type: "circumstances.record" }>,
  at: Instant,
  ctx: DecideContext,
): R {
  const catalogue = circumstanceCatalogue(ctx.circumstances);
  const unknown = cmd.circumstances.filter((c) => !catalogue.has(c));
  if (unknown.length > 0) {
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `未知的裁量情节代码：${unknown.join("、")}；可用的代码：${[...catalogue.keys()].join("、")}`,
        { details: { unknown, known: [...catalogue.keys()] } },
      ),
    );
  }
  return ok({
    type: "circumstances.recorded",
    at,
    circumstances: [...new Set(cmd.circumstances)],
    records: cmd.records,
  });
}

/**
 * 依法不予处罚 — a penalty decision where the circumstances on record say 不予行政处罚
 * (行政处罚法 Art. 30 不满十四周岁, Art. 31 不能辨认或者不能控制自己行为, Art. 33 para. 1
 * 违法行为轻微并及时改正且没有造成危害后果, Art. 33 para. 2 没有主观过错) is refused with
 * `PENALTY_OUT_OF_RANGE`, citing the ground's article and naming the way forward (a 不予处罚
 * decision, or a corrected finding). 首违不罚 (Art. 33 para. 1, second sentence) is 可以: it
 * does not bar a penalty.
 */
export function checkNoPenaltyGrounds(
  c: PenaltyCaseContext,
  penalty: Penalty | undefined,
  ctx: DecideContext,
): Result<true, SanxiangError> {
  if (penalty === undefined) return ok(true);
  const ground = noPenaltyGround(c.circumstances ?? [], ctx.circumstances);
  if (ground === undefined) return ok(true);
  return err(
    refuse(
      "PENALTY_OUT_OF_RANGE",
      `本案认定的情节「${ground.description}」（${ground.code}）依法不予行政处罚，不得作出处罚决定；请作出不予行政处罚的决定（outcome：noPenaltyMinor 或 notEstablished），或先更正认定的情节（circumstances.record）`,
      ground.source,
      { circumstance: ground.code },
    ),
  );
}

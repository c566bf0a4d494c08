import {
  civilDateOf,
  describeRange,
  formatSource,
  PENALTY_KIND_LABELS,
  parseCivilDate,
  parseYuan,
  type RuleSource,
  sanxiangError,
  TIER_LABELS,
} from "@sanxiang/core";
import { KIND_EN, rangeEnglish, TIER_EN } from "../english.js";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";
import { buildRegistries } from "../registry-store.js";
import { dataOrExit, registryDir, reportError } from "./registry.js";

function yuanOption(ctx: CommandContext, name: string): number | undefined {
  const v = ctx.options[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw new UsageError(t(ctx.lang, `--${name} 需要金额`, `--${name} needs an amount`));
  const fen = parseYuan(v);
  if (fen.isErr()) throw new UsageError(`--${name}: ${fen.error.message}`);
  return fen.value;
}

/**
 * `sanxiang penalty recommend <violation-code> [--circumstance c]… [--gains 元] [--goods-value 元]`
 * and `sanxiang penalty check <violation-code> --fine 元 [--circumstance c]…`: the tier,
 * range and reasons from the bureau's discretion benchmarks, each reason with its article.
 */
export async function penaltyCommand(ctx: CommandContext): Promise<number> {
  const { lang, io } = ctx;
  const [sub, code, ...extra] = ctx.args;
  if (sub !== "recommend" && sub !== "check") {
    throw new UsageError(
      t(
        lang,
        "用法：sanxiang penalty recommend|check <违法行为编码> …",
        "usage: sanxiang penalty recommend|check <code> …",
      ),
    );
  }
  if (code === undefined) throw new UsageError(t(lang, "缺少违法行为编码", "missing violation code"));
  if (extra.length > 0)
    throw new UsageError(t(lang, `多余的参数：${extra.join(" ")}`, `extra arguments: ${extra.join(" ")}`));
  const date = parseCivilDate(typeof ctx.options.date === "string" ? ctx.options.date : civilDateOf(io.clock.now()));
  if (date.isErr()) {
    io.err(formatError(lang, date.error));
    return EXIT.usage;
  }
  const circumstances = (ctx.options.circumstance ?? []) as string[];
  const illegalGains = yuanOption(ctx, "gains");
  const goodsValue = yuanOption(ctx, "goods-value");
  const fine = yuanOption(ctx, "fine");
  if (sub === "check" && fine === undefined)
    throw new UsageError(t(lang, "penalty check 需要 --fine", "penalty check needs --fine"));

  const data = await dataOrExit(ctx);
  if (typeof data === "number") return data;
  if (data.benchmarks.length === 0) {
    io.err(
      formatError(
        lang,
        sanxiangError(
          "REGISTRY_NOT_FOUND",
          t(
            lang,
            `${registryDir(ctx)} 中没有裁量基准；请先运行 sanxiang registry import benchmarks <文件>，或加 --sample 使用示例数据`,
            `No discretion benchmarks in ${registryDir(ctx)}: import them first, or add --sample`,
          ),
          { details: { dir: registryDir(ctx), kind: "benchmarks" } },
        ),
      ),
    );
    return EXIT.usage;
  }
  const built = buildRegistries(data);
  if (built.isErr()) {
    reportError(ctx, built.error);
    return EXIT.usage;
  }
  const reg = built.value.benchmarks;
  const context = {
    ...(illegalGains === undefined ? {} : { illegalGains }),
    ...(goodsValue === undefined ? {} : { goodsValue }),
  };
  const rec =
    sub === "recommend"
      ? reg.recommend(code, date.value, circumstances, context)
      : reg.check(code, date.value, { circumstances, fine: fine ?? 0 }, context).map((c) => c.recommendation);
  if (rec.isErr()) {
    io.err(formatError(lang, rec.error));
    return EXIT.usage;
  }
  const r = rec.value;
  const benchmark = reg.benchmark(code, date.value);
  const colon = t(lang, "：", ": ");
  io.out(`${t(lang, "违法行为", "Violation")}${colon}${code} ${benchmark.isOk() ? benchmark.value.name : ""}\n`);
  io.out(`${t(lang, "裁量阶次", "Tier")}${colon}${t(lang, TIER_LABELS[r.tier], TIER_EN[r.tier])}\n`);
  io.out(`${t(lang, "建议幅度", "Range")}${colon}${t(lang, describeRange(r.range), rangeEnglish(r.range))}\n`);
  io.out(
    `${t(lang, "法定幅度", "Statutory range")}${colon}${t(lang, describeRange(r.statutoryRange), rangeEnglish(r.statutoryRange))}\n`,
  );
  if (r.penaltyKinds.length > 0) {
    io.out(
      `${t(lang, "处罚种类", "Penalties")}${colon}${r.penaltyKinds.map((k) => t(lang, PENALTY_KIND_LABELS[k], KIND_EN[k])).join(t(lang, "、", ", "))}\n`,
    );
  }
  io.out(`${t(lang, "理由：", "Reasons (in Chinese, as the benchmark states them):")}\n`);
  for (const e of r.explanation) io.out(`  · ${cited(e.text, e.source)}\n`);
  if (sub === "check") {
    const c = reg.check(code, date.value, { circumstances, fine: fine ?? 0 }, context);
    if (c.isErr()) {
      io.err(formatError(lang, c.error));
      return EXIT.usage;
    }
    io.out(`${t(lang, "检查结论", "Verdict (in Chinese)")}${colon}${c.value.message}\n`);
    for (const req of c.value.requirements) io.out(`  · ${cited(req.text, req.source)}\n`);
  }
  return EXIT.ok;
}

/** A text with its citation after it, once: not when the text already cites the same source. */
function cited(text: string, source: RuleSource): string {
  const citation = formatSource(source);
  return text.includes(citation) ? text : `${text}（${citation}）`;
}

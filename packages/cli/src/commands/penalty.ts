import {
  civilDateOf,
  describeRange,
  formatSource,
  formatYuan,
  PENALTY_KIND_LABELS,
  type PenaltyRange,
  parseCivilDate,
  parseYuan,
  type RuleSource,
  rangeInStatuteWords,
  TIER_LABELS,
} from "@sanxiang/core";
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
      t(
        lang,
        `${registryDir(ctx)} 中没有裁量基准；请先运行 sanxiang registry import benchmarks <文件>，或加 --sample 使用示例数据\n`,
        `No discretion benchmarks in ${registryDir(ctx)}: import them first, or add --sample\n`,
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
  io.out(`${t(lang, "违法行为", "Violation")}：${code} ${benchmark.isOk() ? benchmark.value.name : ""}\n`);
  io.out(`${t(lang, "裁量阶次", "Tier")}：${TIER_LABELS[r.tier]}\n`);
  io.out(`${t(lang, "建议幅度", "Range")}：${t(lang, rangeText(r.range), describeRange(r.range))}\n`);
  io.out(
    `${t(lang, "法定幅度", "Statutory range")}：${t(lang, rangeText(r.statutoryRange), describeRange(r.statutoryRange))}\n`,
  );
  if (r.penaltyKinds.length > 0) {
    io.out(`${t(lang, "处罚种类", "Penalties")}：${r.penaltyKinds.map((k) => PENALTY_KIND_LABELS[k]).join("、")}\n`);
  }
  io.out(`${t(lang, "理由", "Reasons")}：\n`);
  for (const e of r.explanation) io.out(`  · ${cited(e.text, e.source)}\n`);
  if (sub === "check") {
    const c = reg.check(code, date.value, { circumstances, fine: fine ?? 0 }, context);
    if (c.isErr()) {
      io.err(formatError(lang, c.error));
      return EXIT.usage;
    }
    io.out(`${t(lang, "检查结论", "Verdict")}：${c.value.message}\n`);
    for (const req of c.value.requirements) io.out(`  · ${cited(req.text, req.source)}\n`);
  }
  return EXIT.ok;
}

/** A text with its citation after it, once: not when the text already cites the same source. */
function cited(text: string, source: RuleSource): string {
  const citation = formatSource(source);
  return text.includes(citation) ? text : `${text}（${citation}）`;
}

/**
 * A range as the statute words it, with the amounts it comes to where it is a multiple:
 * `处违法所得5倍以下罚款（即25,000元以下）`, `处5,000元以上15,000元以下罚款`.
 */
function rangeText(range: PenaltyRange): string {
  const words = rangeInStatuteWords(range);
  if (range.basis === undefined || range.basis === "fixed" || range.maxMultiple === undefined || range.max === 0) {
    return words;
  }
  const yuan = (fen: number) => `${formatYuan(fen).replace(/\.00$/, "")}元`;
  return `${words}（即${range.min === 0 ? `${yuan(range.max)}以下` : `${yuan(range.min)}以上${yuan(range.max)}以下`}）`;
}

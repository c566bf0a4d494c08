// 机关名称 in the CLI — `--body <id>` names the organ by the bodies registry (`--dir`, or the
// sample bureaus with `--sample`), so the site's 主办单位 and a case file's heading print the
// organ's full name as recorded (中卫市沙坡头区市场监督管理局), never one typed or built here.
import { type BodiesRegistry, civilDateOf, organName } from "@sanxiang/core";
import { dataOrExit, reportError } from "./commands/registry.js";
import { type CommandContext, EXIT } from "./main.js";
import { buildRegistries } from "./registry-store.js";

/**
 * The bodies registry of the command's data (`--sample`, else `--dir`), or an exit code with
 * the refusal printed (2 for a bad `--dir`, 1 for damaged stored data).
 */
export async function bodiesOrExit(ctx: CommandContext): Promise<BodiesRegistry | number> {
  const data = await dataOrExit(ctx);
  if (typeof data === "number") return data;
  const registries = buildRegistries(data);
  if (registries.isErr()) {
    reportError(ctx, registries.error);
    return EXIT.failure;
  }
  return registries.value.bodies;
}

/**
 * The organ `--body <id>` names, as the registry has it today (China time): `undefined` when
 * `--body` is not given; an exit code (the refusal printed) when the registry cannot be read
 * or does not have the body today (`REGISTRY_NOT_FOUND`, exit 2).
 */
export async function organOfBodyOption(ctx: CommandContext): Promise<string | undefined | number> {
  const id = ctx.options.body;
  if (typeof id !== "string") return undefined;
  const bodies = await bodiesOrExit(ctx);
  if (typeof bodies === "number") return bodies;
  const named = organName(bodies, id.trim(), civilDateOf(ctx.io.clock.now()));
  if (named.isErr()) {
    reportError(ctx, named.error);
    return EXIT.usage;
  }
  return named.value;
}

// The CLI bureau's publisher (公示渠道): with `--site <dir>`, `case <disclosureId> do
// disclosure.publish|withdraw|endEarly` goes through the site publisher of @sanxiang/publish-site,
// which keeps the public site in <dir> up to date one act at a time — checked against the
// store's signed log before (nothing is published from a log that does not check) and after
// (what the site now shows is what the log proves), as `sanxiang publish` does.
import { resolve } from "node:path";
import {
  type Actor,
  civilDateOf,
  type EventStore,
  type Instant,
  organName,
  type Publisher,
  type SanxiangError,
  sanxiangError,
  type VerificationKey,
} from "@sanxiang/core";
import { sitePublisher } from "@sanxiang/publish-site";
import type { CommandContext } from "../main.js";
import type { Registries } from "../registry-store.js";
import { input } from "./case-common.js";
import { keyOption, readPublicState, siteConfigOf } from "./publish.js";

/** The disclosure commands that go through the publisher port, not straight to the log. */
export const PORT_COMMANDS: ReadonlySet<string> = new Set([
  "disclosure.publish",
  "disclosure.withdraw",
  "disclosure.endEarly",
]);

/** The site publisher `--site <dir>` names, and how to check the log (`--key`, `--require-signed`). */
export interface SitePort {
  /** The publisher writing into the site directory. */
  readonly publisher: Publisher;
  /** The site directory, absolute. */
  readonly dir: string;
  /** The bureau's public key, when `--key` is given. */
  readonly key: VerificationKey | undefined;
}

/**
 * The site publisher of `--site <dir>` for `actor`'s body (its organ, from the bodies
 * registry, is the site's 主办单位 unless `--bureau` names one), or the refusal: no `--site`
 * (`INVALID_INPUT`: the command needs a channel) or a malformed `--key`.
 */
export function sitePortOf(
  ctx: CommandContext,
  type: string,
  registries: Registries,
  actor: Actor,
  now: string,
): SitePort | SanxiangError {
  const site = ctx.options.site;
  if (typeof site !== "string" || site === "") {
    return input(
      `${type} 经公示渠道办理：请用 --site <目录> 指定行政执法公示网站目录（与 sanxiang publish --out 的目录相同）`,
      { option: "site", command: type },
    );
  }
  const key = keyOption(ctx);
  if (key.isErr()) return key.error;
  const organ = organName(registries.bodies, actor.bodyId ?? "", civilDateOf(now as Instant));
  const dir = resolve(ctx.io.cwd, site);
  const publisher = sitePublisher({
    outDir: dir,
    site: siteConfigOf(ctx, organ.isOk() ? organ.value : undefined),
    clock: () => now as Instant,
  });
  return { publisher, dir, key: key.value };
}

/**
 * The store's signed log checked as `sanxiang publish` checks it (`readPublicState`); after a
 * publication, `published` is the disclosure that must now be among the items the log proves.
 */
export async function checkAgainstLog(
  ctx: CommandContext,
  store: EventStore,
  port: SitePort,
  published?: string,
): Promise<SanxiangError | undefined> {
  const state = await readPublicState(store, {
    ...(port.key === undefined ? {} : { key: port.key }),
    requireSigned: ctx.options["require-signed"] === true,
  });
  if (state.isErr()) return state.error;
  if (published !== undefined && !state.value.items.some((i) => i.item.id === published)) {
    return sanxiangError(
      "DISCLOSURE_LOG_MISMATCH",
      `公示 ${published} 已发布至网站，但事件日志未能证明其经负责人审定并发布：请核查存储（sanxiang verify --log）`,
      { details: { disclosureId: published } },
    );
  }
  return undefined;
}

// The example adapter proves itself the way an integrator's would: by running the published
// conformance suite, with its raw file as the independent read-back channel.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EventStore, fromHex } from "@sanxiang/core";
import { eventStoreSuite } from "@sanxiang/testkit/conformance";
import { expect, test } from "vitest";
import { openJsonFileStore } from "./store.js";

const dirs = new WeakMap<EventStore, string>();
const file = (store: EventStore) => join(dirs.get(store) as string, "store.json");
type Raw = { events: { position: number; caseId: string; seq: number; json: string; leafHash: string }[] };

eventStoreSuite(
  { test, expect },
  {
    hashes: ["sha256", "sm3"],
    factory: async (config) => {
      const dir = mkdtempSync(join(tmpdir(), "sanxiang-json-store-"));
      const store = openJsonFileStore({ dir, ...config })._unsafeUnwrap();
      dirs.set(store, dir);
      return store;
    },
    reopen: async (store, config) => {
      const dir = dirs.get(store) as string;
      const again = openJsonFileStore({ dir, ...config })._unsafeUnwrap();
      dirs.set(again, dir);
      return again;
    },
    readRaw: async (store) => {
      const raw = JSON.parse(readFileSync(file(store), "utf8")) as Raw;
      return raw.events.map((e) => ({ ...e, leafHash: fromHex(e.leafHash)._unsafeUnwrap() }));
    },
    corrupt: async (store, position, target, byteIndex) => {
      const raw = JSON.parse(readFileSync(file(store), "utf8")) as Raw;
      const e = raw.events[position - 1];
      if (e === undefined) throw new Error(`no event at ${position}`);
      if (target === "event") {
        const i = byteIndex % e.json.length;
        e.json = e.json.slice(0, i) + String.fromCharCode(e.json.charCodeAt(i) ^ 1) + e.json.slice(i + 1);
      } else {
        const i = byteIndex % e.leafHash.length;
        e.leafHash = e.leafHash.slice(0, i) + (e.leafHash[i] === "0" ? "1" : "0") + e.leafHash.slice(i + 1);
      }
      writeFileSync(file(store), JSON.stringify(raw));
    },
    dispose: async (store) => {
      rmSync(dirs.get(store) as string, { recursive: true, force: true });
    },
  },
);

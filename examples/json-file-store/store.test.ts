// The example adapter proves itself the way an integrator's would: by running the published
// conformance suite (under SHA-256 and SM3), with its raw file as the independent read-back
// and corruption channel, and a fault injected by blocking the temporary file it commits by.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EventStore, fromHex } from "@sanxiang/core";
import { eventStoreSuite } from "@sanxiang/testkit/conformance";
import { expect, test } from "vitest";
import { openJsonFileStore } from "./store.js";

const dirs = new WeakMap<EventStore, string>();
const file = (store: EventStore) => join(dirs.get(store) as string, "store.json");
type Raw = {
  events: { position: number; caseId: string; seq: number; json: string; leafHash: string }[];
  frontier: { nodes: string[] };
  signedTreeHeads: { treeSize: number; signature: string }[];
};

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
      // Hex is stored as text: one digit changes to another, so it stays hex.
      const flipHex = (hex: string) => {
        const i = byteIndex % hex.length;
        return hex.slice(0, i) + (hex[i] === "0" ? "1" : "0") + hex.slice(i + 1);
      };
      if (target === "frontier") {
        const nodes = raw.frontier.nodes;
        if (nodes.length === 0) throw new Error("no stored frontier");
        const n = byteIndex % nodes.length;
        nodes[n] = flipHex(nodes[n] as string);
      } else if (target === "signedTreeHead") {
        const head = raw.signedTreeHeads.find((h) => h.treeSize === position);
        if (head === undefined) throw new Error(`no signed tree head of size ${position}`);
        head.signature = flipHex(head.signature);
      } else {
        const e = raw.events[position - 1];
        if (e === undefined) throw new Error(`no event at ${position}`);
        if (target === "event") {
          const i = byteIndex % e.json.length;
          e.json = e.json.slice(0, i) + String.fromCharCode(e.json.charCodeAt(i) ^ 1) + e.json.slice(i + 1);
        } else {
          e.leafHash = flipHex(e.leafHash);
        }
      }
      writeFileSync(file(store), JSON.stringify(raw));
    },
    // A directory where the store writes its temporary file: the atomic write fails before
    // the rename that would commit it — no code path of the store is involved.
    injectFault: async (store) => {
      const temp = `${file(store)}.tmp`;
      mkdirSync(temp);
      return async () => rmSync(temp, { recursive: true, force: true });
    },
    dispose: async (store) => {
      rmSync(dirs.get(store) as string, { recursive: true, force: true });
    },
  },
);

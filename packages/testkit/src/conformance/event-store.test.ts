// The in-memory reference store passes the published suite (it is the suite's own check:
// a failing group here is a bug in the suite or in the reference).
import { memoryEventStore } from "@sanxiang/core";
import { expect, test } from "vitest";
import { eventStoreSuite } from "./event-store.js";

eventStoreSuite({ test, expect }, { factory: async (config) => memoryEventStore(config), hashes: ["sha256", "sm3"] });

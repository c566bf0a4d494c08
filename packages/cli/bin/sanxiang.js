#!/usr/bin/env node
// The `sanxiang` command. The program lives in the built bundle; this file only starts it.
import { main } from "../dist/index.js";

process.exitCode = await main(process.argv.slice(2));

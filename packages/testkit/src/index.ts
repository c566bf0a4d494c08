/**
 * @sanxiang/testkit — test kit for sanxiang.
 *
 * @packageDocumentation
 */
export * from "./sample/index.js";

export * from "./codecs.js";
export * from "./csv.js";
export * from "./table.js";
export * from "./versions.js";

export * from "./article-ref.js";
export * from "./document.js";
export * from "./markdown.js";
export * from "./registry.js";
export * from "./schema.js";
export * from "./table.js";

// HTML pages, by responsibility under `render/`: the common frame (`layout.ts`), one item's
// page (`item.ts`), the list, home, phase and category pages (`lists.ts`) and the search
// page (`search.ts`). This barrel keeps the names the engine and the feeds import.
export { renderItemPage, renderWithdrawalPage } from "./render/item.js";
export {
  type BucketSummary,
  bucketTitle,
  CONTENT_SECURITY_POLICY,
  type GlobalView,
  page,
  renderNotFound,
  type TopEntry,
} from "./render/layout.js";
export {
  renderAfterPage,
  renderBeforePage,
  renderBucketPage,
  renderCategoryPage,
  renderDuringPage,
  renderHome,
} from "./render/lists.js";
export { renderSearchPage, type SearchFilters, searchFilters } from "./render/search.js";

// typedoc plugin: a package's root entry lists its members by system (`@category` per system).
//
// @sanxiang/core has one entry point per system (kernel, calendar, registry, recording, review,
// enforcement, disclosure, bureau, laws) and a root entry, `@sanxiang/core`, that re-exports
// the systems. The root is listed last in packages/core/typedoc.json, so typedoc documents each
// export once, in its system's module, and the root holds references to them ("Re-exports …");
// left alone the root page would be one flat list of several hundred references.
//
// No `@category` tag is written by hand. Each member of a module that is a reference to a
// declaration in a sibling module (another entry point of the same package) gets the category
// of that module, titled from the module's own comment: the words before " — " of its first
// line and the module's name (`工作日历与法定期限 calendar`, `执法局 bureau`, `内核 kernel`).
// An export added to a system's barrel joins its system's category on the root page; a new
// system gets its category from its barrel's comment. The categories follow the order of the
// package's entry points (typedoc.json), not the alphabet. A member of a root entry that no
// system module declares keeps typedoc's default category ("Other"), and
// test/api-reference.test.ts fails on it.
//
// The system modules' own pages are untouched (their members stay grouped by kind).
import { Comment, CommentTag, Converter, IndexEvent, ReferenceReflection, ReflectionKind, Renderer } from "typedoc";

/** The module that declares `reflection` (its nearest module ancestor). */
function moduleOf(reflection) {
  let r = reflection.parent;
  while (r && !r.kindOf(ReflectionKind.Module)) r = r.parent;
  return r;
}

/**
 * The sibling module (another entry point of the same package) that declares what `reference`
 * points to, or undefined when it is none (a reference inside its own module, or to another
 * package).
 */
function homeOf(reference) {
  const owner = reference.parent;
  const target = reference.tryGetTargetReflectionDeep();
  const home = target && moduleOf(target);
  if (!owner?.kindOf(ReflectionKind.Module) || !home || home === owner || home.parent !== owner.parent)
    return undefined;
  return home;
}

/** Every reference of `project` to a sibling module's declaration. */
function systemReferences(project) {
  return project
    .getReflectionsByKind(ReflectionKind.Reference)
    .filter((r) => r instanceof ReferenceReflection && homeOf(r) !== undefined);
}

/** A module's category title: the Chinese words before " — " in its comment, then its name. */
export function categoryTitle(module) {
  const summary = (module.comment?.summary ?? []).map((p) => p.text).join("");
  const head = summary.split(/\s+—\s+/)[0]?.trim() ?? "";
  const chinese = /^[\p{Script=Han}々〇·、（）()]+$/u.test(head) ? head : "";
  return chinese ? `${chinese} ${module.name}` : module.name;
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  /** The modules of the package being converted, in entry point order (the order typedoc creates them). */
  let order = [];
  app.converter.on(Converter.EVENT_BEGIN, () => {
    order = [];
  });
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    if (reflection.kindOf(ReflectionKind.Module)) order.push(reflection);
  });

  // Before typedoc's CategoryPlugin (priority -200): each reference to a sibling module's
  // declaration is tagged with that module's category.
  app.converter.on(Converter.EVENT_RESOLVE_END, () => {
    for (const root of order) {
      for (const child of root.children ?? []) {
        const home = child instanceof ReferenceReflection ? homeOf(child) : undefined;
        if (!home) continue;
        child.comment ??= new Comment();
        child.comment.blockTags = child.comment.blockTags.filter((t) => t.tag !== "@category");
        child.comment.blockTags.push(new CommentTag("@category", [{ kind: "text", text: categoryTitle(home) }]));
      }
    }
  });

  // After it: categories in entry point order rather than by title.
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    () => {
      const rank = new Map(order.map((m, i) => [categoryTitle(m), i]));
      for (const root of order) {
        root.categories?.sort((a, b) => (rank.get(a.title) ?? order.length) - (rank.get(b.title) ?? order.length));
      }
    },
    -300,
  );

  // Once links are resolved (and the packages' projects merged, which rebuilds every
  // reflection): each reference shows its target's summary on the root page (a reference has
  // no comment of its own to show).
  app.renderer.on(Renderer.EVENT_BEGIN, (event) => {
    for (const reference of systemReferences(event.project)) {
      if (reference.comment?.summary.some((p) => p.text.trim())) continue;
      const target = reference.tryGetTargetReflectionDeep();
      const source = [
        target?.comment,
        ...(target?.isDeclaration() ? (target.signatures ?? []) : []).map((s) => s.comment),
      ].find((c) => c?.summary.some((p) => p.text.trim()));
      if (source && reference.comment) reference.comment.summary = Comment.cloneDisplayParts(source.summary);
    }
  });

  // The search finds each export once, at its declaration: the root's references are left out.
  app.renderer.on(
    IndexEvent.PREPARE_INDEX,
    (event) => {
      for (let i = event.searchResults.length - 1; i >= 0; i--) {
        const r = event.searchResults[i];
        if (r instanceof ReferenceReflection && homeOf(r) !== undefined) event.removeResult(i);
      }
    },
    100,
  );
}

// typedoc plugin: zod schemas rendered as the data they validate.
//
// Left alone, typedoc renders an exported schema (`export const ReviewCommandSchema =
// z.discriminatedUnion(…)`) as zod's own class structure — `ZodDiscriminatedUnion<[ZodObject<
// {…}, $strip>, …]>` with `$ZodTypeInternals` inside — and a type alias written
// `z.infer<typeof ReviewCommandSchema>` as just that expression. A reader wants the fields.
//
// - A type alias declared as `z.infer<…>`, `z.output<…>` or `z.input<…>` is rendered as the
//   type TypeScript resolves it to: for a command or event union, each variant with its
//   fields (each field's doc comment where the schema gives one).
// - An exported schema constant is rendered as `ZodType<T>`: T is the alias that names its
//   output when the package exports one (`ReviewCommandSchema: ZodType<ReviewCommand>`,
//   linked), else its output type resolved the same way.
// - A field written in shorthand (`z.object({ at, … })`) takes the doc comment of the
//   constant it names (`/** When the act happened … */ const at = …`).
//
// The members generated from these resolved types carry the schema's field comments where
// there are any; they are let through the "not documented" check (each schema and its alias
// are documented where declared). Every other missing comment still fails the docs build.
import { Comment, Converter, DeclarationReflection, ReferenceType, ReflectionKind, TypeScript as ts } from "typedoc";

const ZOD_ALIASES = new Set(["infer", "output", "input", "TypeOf"]);

/** The output type of a zod schema type (`T["_zod"]["output"]`), or undefined if it is none. */
function zodOutput(checker, schemaType) {
  const zod = checker.getPropertyOfType(schemaType, "_zod");
  if (!zod?.valueDeclaration) return undefined;
  const internals = checker.getTypeOfSymbolAtLocation(zod, zod.valueDeclaration);
  const output = checker.getPropertyOfType(internals, "output");
  return output?.valueDeclaration ? checker.getTypeOfSymbolAtLocation(output, output.valueDeclaration) : undefined;
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  /** Full names (prefix) of reflections whose generated members may go undocumented. */
  const generated = new Set();
  /** Schema variable reflection → the `ZodType<…>` reference set on it. */
  const schemaVars = new Map();
  /** Schema variable symbol → the output alias reflection (`z.infer` / `z.output`). */
  const outputAliasOf = new Map();

  const undocumented = /^(.+?)\.__type\..* does not have any documentation/;
  for (const method of ["warn", "validationWarning"]) {
    const original = app.logger[method].bind(app.logger);
    app.logger[method] = (message, ...rest) => {
      const m = undocumented.exec(String(message));
      if (m?.[1] !== undefined) {
        const owner = m[1].replace(/^.*\./, "");
        if (generated.has(owner) || /Schema$/.test(owner)) return;
      }
      original(message, ...rest);
    };
  }

  /** Removes the reflections a converted type created (it is being replaced). */
  const removeTypeReflections = (context, type) => {
    if (type === undefined) return;
    const nested = [];
    switch (type.type) {
      case "reflection":
        context.project.removeReflection(type.declaration);
        break;
      case "union":
      case "intersection":
        nested.push(...type.types);
        break;
      case "reference":
        nested.push(...(type.typeArguments ?? []));
        break;
      case "array":
      case "optional":
        nested.push(type.elementType);
        break;
      case "tuple":
        nested.push(...type.elements);
        break;
      case "typeOperator":
        nested.push(type.target);
        break;
    }
    for (const t of nested) removeTypeReflections(context, t);
  };

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, refl) => {
    const checker = context.checker;
    const symbol = context.getSymbolFromReflection(refl);
    if (!symbol) return;

    // z.infer / z.output / z.input aliases: typedoc's own `@useDeclaredType` (the type
    // TypeScript resolves the alias to) — an object type becomes the alias's properties.
    if (refl.kindOf(ReflectionKind.TypeAlias)) {
      const declaration = symbol.getDeclarations()?.find(ts.isTypeAliasDeclaration);
      const node = declaration?.type;
      if (!node || !ts.isTypeReferenceNode(node)) return;
      const nameNode = ts.isQualifiedName(node.typeName) ? node.typeName.right : node.typeName;
      const helper = nameNode.text;
      let target = checker.getSymbolAtLocation(nameNode);
      if (target && target.flags & ts.SymbolFlags.Alias) target = checker.getAliasedSymbol(target);
      const file = target?.getDeclarations()?.[0]?.getSourceFile().fileName ?? "";
      if (!ZOD_ALIASES.has(helper) || !/[\\/]zod[\\/]/.test(file)) return;
      refl.comment ??= new Comment();
      refl.comment.modifierTags.add("@useDeclaredType");
      generated.add(refl.name);
      const arg = node.typeArguments?.[0];
      if (helper !== "input" && arg && ts.isTypeQueryNode(arg)) {
        let schema = checker.getSymbolAtLocation(arg.exprName);
        if (schema && schema.flags & ts.SymbolFlags.Alias) schema = checker.getAliasedSymbol(schema);
        if (schema && !outputAliasOf.has(schema)) outputAliasOf.set(schema, refl);
      }
      return;
    }

    // Exported schema constants: ZodType<output>.
    if (refl.kindOf(ReflectionKind.Variable) && /Schema$/.test(refl.name)) {
      const declaration = symbol.getDeclarations()?.find(ts.isVariableDeclaration);
      if (!declaration) return;
      const output = zodOutput(checker, checker.getTypeAtLocation(declaration));
      if (!output) return;
      removeTypeReflections(context, refl.type);
      const zodType = ReferenceType.createBrokenReference("ZodType", context.project, "zod");
      zodType.typeArguments = [context.converter.convertType(context, output)];
      refl.type = zodType;
      schemaVars.set(refl, { symbol, zodType });
      generated.add(refl.name);
      return;
    }

    // A field written `{ at }` takes the comment of the constant `at`.
    if (refl.kindOf(ReflectionKind.Property) && !refl.hasComment()) {
      const shorthand = symbol.getDeclarations()?.find(ts.isShorthandPropertyAssignment);
      if (!shorthand) return;
      const value = checker.getShorthandAssignmentValueSymbol(shorthand);
      if (value) {
        const comment = context.getComment(value, ReflectionKind.Variable);
        if (comment) refl.comment = comment;
      }
    }
  });

  // A function returning a schema (`organisationSchema(…)`): ZodType<output> too.
  app.converter.on(Converter.EVENT_CREATE_SIGNATURE, (context, sig, _node, signature) => {
    if (!signature) return;
    const output = zodOutput(context.checker, signature.getReturnType());
    if (!output) return;
    removeTypeReflections(context, sig.type);
    const zodType = ReferenceType.createBrokenReference("ZodType", context.project, "zod");
    zodType.typeArguments = [context.converter.convertType(context, output)];
    sig.type = zodType;
    if (sig.parent) generated.add(sig.parent.name);
  });

  // Once every alias is known: `ZodType<ReviewCommand>` rather than the type spelled out twice.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const [refl, { symbol, zodType }] of schemaVars) {
      const alias = outputAliasOf.get(symbol);
      if (!(alias instanceof DeclarationReflection) || alias.project !== refl.project) continue;
      for (const t of zodType.typeArguments ?? []) removeTypeReflections(context, t);
      zodType.typeArguments = [ReferenceType.createResolvedReference(alias.name, alias, context.project)];
    }
    schemaVars.clear();
    outputAliasOf.clear();
  });
}

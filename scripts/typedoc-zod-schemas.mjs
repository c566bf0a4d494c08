// typedoc plugin: zod schemas (exported `…Schema` constants) have an inferred type that
// typedoc expands into zod's internal structure — one "not documented" warning per enum
// member or nested field. Each schema and its `z.infer` type alias are documented where
// they are declared; only those generated members are let through here. Every other
// missing comment still fails the docs build.
const GENERATED = /\w+Schema\.__type\..* does not have any documentation/;

/** @param {import("typedoc").Application} app */
export function load(app) {
  for (const method of ["warn", "validationWarning"]) {
    const original = app.logger[method].bind(app.logger);
    app.logger[method] = (message, ...rest) => {
      if (GENERATED.test(String(message))) return;
      original(message, ...rest);
    };
  }
}

// Loaded with `node --import`: records every module URL the process resolves (ESM imports) in
// the file MODULE_LOG names, for tests of what a command loads.
import { register } from "node:module";

const hooks = `
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(process.env.MODULE_LOG ?? "/dev/null")}, result.url + "\\n");
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

// Schema validation with kubernetes-models: each object is checked by the validator generated from
// the Kubernetes OpenAPI schema of its apiVersion and kind (types, required fields, enums, formats).
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The folder of the kubernetes-models package, where each group/version has its folder of kinds. */
export const modelsRoot = dirname(require.resolve("kubernetes-models"));

/** "apps/v1" → "apps/v1", "v1" → "v1": the package's folder for an apiVersion. */
export function modelFolder(apiVersion) {
  return join(modelsRoot, ...apiVersion.split("/"));
}

/** Null when the object matches its schema, else the problems as { path, message }. */
export function validateSchema(object) {
  const file = join(modelFolder(object.apiVersion), `${object.kind}.js`);
  if (!existsSync(file)) {
    return [{ path: "", message: `no Kubernetes schema for apiVersion ${object.apiVersion}, kind ${object.kind}`, unknownKind: true }];
  }

  const Model = require(file)[object.kind];
  try {
    new Model(withBase64Unwrapped(object)).validate();
    return [];
  } catch (error) {
    if (!Array.isArray(error.errors)) {
      throw error;
    }

    return error.errors.map((e) => ({ path: pointerToPath(e.instancePath), message: describe(e) }));
  }
}

/**
 * kustomize writes long Secret values as base64 broken over lines; the API server decodes them with
 * Go's base64, which skips line breaks, so they are valid. The "byte" format of the schema does not
 * skip them: unwrap before checking.
 */
function withBase64Unwrapped(object) {
  const field = object.kind === "Secret" ? "data" : object.kind === "ConfigMap" ? "binaryData" : null;
  if (!field || typeof object[field] !== "object" || object[field] === null) {
    return object;
  }

  const unwrapped = Object.fromEntries(
    Object.entries(object[field]).map(([k, v]) => [k, typeof v === "string" ? v.replace(/[\r\n]/g, "") : v]),
  );
  return { ...object, [field]: unwrapped };
}

function describe(error) {
  if (error.keyword === "required") {
    return `missing required field "${error.params.missingProperty}"`;
  }

  if (error.keyword === "enum") {
    return `${error.message}: ${error.params.allowedValues.join(", ")}`;
  }

  return error.message;
}

/** "/spec/template/spec/containers/0/ports/0" → "spec.template.spec.containers[0].ports[0]" */
export function pointerToPath(pointer) {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s), "");
}

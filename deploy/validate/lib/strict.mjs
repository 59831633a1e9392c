// Unknown fields. The generated schema validators accept any extra property, so a misspelled field
// (imagePullPolcy) would pass them and be dropped by the API server. The same package's type
// declarations list every field of every Kubernetes type: the TypeScript compiler reads them once per
// kind into a field catalogue (cached under node_modules/.cache), and each object is walked against
// it, as `kubectl apply --validate=strict` does against a server's schema.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { modelFolder, modelsRoot } from "./schema.mjs";

const require = createRequire(import.meta.url);
const version = JSON.parse(readFileSync(join(modelsRoot, "package.json"), "utf8")).version;
const cacheFolder = join(dirname(modelsRoot), ".cache", "atotiauth-validate", `kubernetes-models-${version}`);

/** Field catalogues of the given kinds (key "apiVersion/kind"), read from the cache or built. */
export async function loadCatalogues(kinds) {
  const keys = [...new Set(kinds.map(({ apiVersion, kind }) => `${apiVersion}/${kind}`))];
  const catalogues = new Map();
  const missing = [];
  for (const key of keys) {
    const file = cacheFile(key);
    if (existsSync(file)) {
      catalogues.set(key, JSON.parse(readFileSync(file, "utf8")));
    } else {
      missing.push(key);
    }
  }

  if (missing.length > 0) {
    for (const [key, catalogue] of await buildCatalogues(missing)) {
      catalogues.set(key, catalogue);
      writeAtomically(cacheFile(key), JSON.stringify(catalogue));
    }
  }

  return catalogues;
}

/** The unknown fields of an object, as { path, message }. */
export function unknownFields(object, catalogue) {
  const problems = [];
  walk(object, catalogue.root, catalogue.types, "", problems);
  return problems;
}

function walk(value, shape, types, path, problems) {
  if (value === null || typeof value !== "object" || !shape) {
    return;
  }

  const options = shape.union ?? [shape];
  if (Array.isArray(value)) {
    const array = options.find((o) => o.array);
    value.forEach((item, i) => array && walk(item, array.array, types, `${path}[${i}]`, problems));
    return;
  }

  const reference = options.find((o) => o.type);
  const type = reference && types[reference.type];
  if (!type) {
    return;
  }

  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (Object.hasOwn(type.fields, key)) {
      walk(child, type.fields[key], types, childPath, problems);
    } else if (type.index !== undefined) {
      walk(child, type.index, types, childPath, problems);
    } else {
      problems.push({ path: childPath, message: unknownField(key, Object.keys(type.fields)) });
    }
  }
}

/** Reads the kinds' declarations with the TypeScript compiler: every reachable object type, its fields and their shapes. */
async function buildCatalogues(keys) {
  const ts = require("typescript");
  const files = new Map(keys.map((key) => [key, declarationFile(key)]));
  const program = ts.createProgram([...files.values()].filter(existsSync), {
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    types: [],
    moduleResolution: ts.ModuleResolutionKind.Node10,
  });
  const checker = program.getTypeChecker();
  const result = new Map();
  for (const [key, file] of files) {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source)?.exports?.get(`I${key.split("/").at(-1)}`);
    if (!symbol) {
      continue;
    }

    const types = {};
    const shapeOf = (type) => {
      if (type.isUnion()) {
        const parts = type.types.map(shapeOf).filter(Boolean);
        return parts.length === 0 ? null : parts.length === 1 ? parts[0] : { union: parts };
      }

      if (type.flags & ts.TypeFlags.Primitive || type.flags & ts.TypeFlags.Any) {
        return null;
      }

      if (checker.isArrayType(type)) {
        return { array: shapeOf(checker.getTypeArguments(type)[0]) };
      }

      const id = checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
      if (!types[id]) {
        types[id] = { fields: {} };
        for (const field of checker.getPropertiesOfType(type)) {
          types[id].fields[field.name] = shapeOf(checker.getTypeOfSymbol(field));
        }

        const index = checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
        if (index) {
          types[id].index = shapeOf(index.type);
        }
      }

      return { type: id };
    };

    result.set(key, { root: shapeOf(checker.getDeclaredTypeOfSymbol(symbol)), types });
  }

  return result;
}

function declarationFile(key) {
  const kind = key.split("/").at(-1);
  return join(modelFolder(key.slice(0, -kind.length - 1)), `${kind}.d.ts`);
}

function cacheFile(key) {
  return join(cacheFolder, `${key.replaceAll("/", "_")}.json`);
}

/** Several validations may run at once: write aside, then rename. */
function writeAtomically(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

function unknownField(key, known) {
  const near = known
    .map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) }))
    .filter((c) => c.d <= Math.max(2, Math.floor(key.length / 4)))
    .sort((a, b) => a.d - b.d)[0];
  return `unknown field "${key}"` + (near ? ` (did you mean "${near.k}"?)` : ` (known: ${known.join(", ")})`);
}

/** Levenshtein distance, for the suggestion only. */
function distance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

#!/usr/bin/env node
// Validates a stream of Kubernetes manifests (YAML or JSON documents, e.g. `kubectl kustomize` output)
// against the Kubernetes schemas, refusing unknown fields. Reads the file named as the argument, or
// standard input. Prints a JSON report: { documents: [{ apiVersion, kind, name, object, problems }] }.
// Exit code 0: every document valid; 1: some problems (listed in the report); 2: unreadable input.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { validateSchema } from "./lib/schema.mjs";
import { loadCatalogues, unknownFields } from "./lib/strict.mjs";

const parsed = parseAllDocuments(readFileSync(process.argv[2] ?? 0, "utf8"));
const broken = parsed.flatMap((d) => d.errors);
if (broken.length > 0) {
  process.stderr.write(`validate: not YAML: ${broken.map((e) => e.message).join("; ")}\n`);
  process.exit(2);
}

const objects = parsed.map((d) => d.toJS()).filter((o) => o !== null && o !== undefined);
const isTyped = (o) => typeof o === "object" && typeof o.apiVersion === "string" && typeof o.kind === "string";
const schemaProblems = new Map(objects.filter(isTyped).map((o) => [o, validateSchema(o)]));
const known = [...schemaProblems].filter(([, p]) => !p.some((x) => x.unknownKind)).map(([o]) => o);
const catalogues = await loadCatalogues(known);

const documents = objects.map((object) => {
  if (!isTyped(object)) {
    return { object, problems: [{ path: "", message: "not a Kubernetes object: apiVersion and kind are required" }] };
  }

  const catalogue = catalogues.get(`${object.apiVersion}/${object.kind}`);
  const problems = [...schemaProblems.get(object), ...(catalogue ? unknownFields(object, catalogue) : [])];
  return { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata?.name ?? null, object, problems };
});

process.stdout.write(JSON.stringify({ documents }, (key, value) => (key === "unknownKind" ? undefined : value)) + "\n");
process.exit(documents.some((d) => d.problems.length > 0) ? 1 : 0);

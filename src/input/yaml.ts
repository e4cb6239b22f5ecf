// YAML files a user writes (catalogs, plans) are parsed once here, keeping the document's node ranges so
// a validation problem can be reported as `file:line:column: key.path: what was expected`.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { InputError, type InputLocation } from './error.js';
import { deepestIssue, describeIssue } from './zod-issue.js';

/** A parsed YAML file: its name (as the user gave it), the document with positions, and its plain value. */
export interface YamlSource {
  file: string;
  document: Document;
  lineCounter: LineCounter;
  value: unknown;
}

// A small cap on aliases: a plan or catalog never needs many, and an alias bomb must fail fast.
const MAX_ALIAS_COUNT = 100;

/** Parses YAML text; a syntax error becomes an InputError at its line and column. */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  // The library's own unique-key check compares every key with every other (50,000 keys took minutes):
  // checkKeys does it in linear time, and refuses the names that would reach an object's prototype.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const [first] = document.errors;
  if (first !== undefined) {
    const pos = lineCounter.linePos(first.pos[0]);
    const reason = first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? first.message;
    throw new InputError(`YAML syntax: ${reason}`, { file, line: pos.line, column: pos.col });
  }
  checkKeys(document, (offset) => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  });
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // toJS throws a plain Error for alias abuse (resource exhaustion); anything else is a bug.
    if (error instanceof Error && /alias/i.test(error.message)) {
      throw new InputError(`YAML: ${error.message}`, { file, line: 1, column: 1 });
    }
    throw error;
  }
  return { file, document, lineCounter, value };
}

/**
 * Names a YAML map may not use as keys: as an object's own key `__proto__` replaces its prototype (the
 * entry vanishes: a plan's endpoint of that name once cost $0), and `constructor` and `prototype` shadow
 * what every object has. Refused with their position, the same in every file the tool reads.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Every map's keys unique (a Set per map: linear) and none reserved; the first offence is an InputError. */
function checkKeys(document: Document, where: (offset: number) => InputLocation): void {
  visit(document, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify((pair.key as Node | null)?.toJSON?.() ?? pair.key);
        const offset = (pair.key as Node | null)?.range?.[0] ?? map.range?.[0] ?? 0;
        if (RESERVED_KEYS.has(key)) throw new InputError(`"${key}" is a reserved name: choose another`, where(offset));
        if (seen.has(key)) throw new InputError(`duplicate key "${key}"`, where(offset));
        seen.add(key);
      }
    },
  });
}

type PathSegment = PropertyKey;

/**
 * Finds where a key path is written in a document: the position of its key (or list item), or of
 * its deepest ancestor that exists when the key itself is missing.
 */
export function locatePath(source: YamlSource, path: readonly PathSegment[]): { location: InputLocation; found: boolean } {
  let node: unknown = source.document.contents;
  let offset = (source.document.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) return { location: at(source, offset), found: false };
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) return { location: at(source, offset), found: false };
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return { location: at(source, offset), found: false };
    }
  }
  return { location: at(source, offset), found: true };
}

function at(source: YamlSource, offset: number): InputLocation {
  const { line, col } = source.lineCounter.linePos(offset);
  return { file: source.file, line, column: col };
}

/**
 * Turns the first zod issue of a failed parse into an InputError located in the last of `layers`
 * (later layers override earlier ones) that contains the path.
 */
export function toInputError(error: z.ZodError, layers: readonly YamlSource[]): InputError {
  const first = error.issues[0];
  if (first === undefined) return new InputError('invalid input');
  const issue = deepestIssue(first);
  let path: PathSegment[] = [...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path = [...path, issue.keys[0]];
  return new InputError(describeIssue(issue), locateInLayers(layers, path), path.map(String).join('.'));
}

/** The location of a path in the last layer that has it, else the deepest match in the last layer. */
export function locateInLayers(layers: readonly YamlSource[], path: readonly PathSegment[]): InputLocation {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (layer === undefined) continue;
    const { location, found } = locatePath(layer, path);
    if (found) return location;
  }
  const last = layers[layers.length - 1];
  return last === undefined ? {} : locatePath(last, path).location;
}


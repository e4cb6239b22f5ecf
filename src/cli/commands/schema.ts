// `schema`: the plan file's JSON Schema, generated from the zod schema (the single source of truth), so
// editors complete and check plans (`# yaml-language-server: $schema=runpod-plan.schema.json`); and
// `schema output`, the JSON Schema of what every command prints with --format json.
import { Argument, Command } from 'commander';
import * as z from 'zod';
import { PlanSchema } from '../../plan/schema.js';
import type { CliContext } from '../context.js';
import { writeResult } from '../output.js';
import { parseFlags } from '../parse-flags.js';

export const SCHEMA_FILE = 'runpod-plan.schema.json';
/** The output's JSON Schema as the package ships it. */
export const OUTPUT_SCHEMA_FILE = 'runpod-plan.output.schema.json';
const SCHEMA_ID = 'urn:runpod-plan:plan:1';

/**
 * The JSON Schema of what a user writes (the input side: `4s`, not seconds), with `$schema`, `$id` and
 * `title` first. A value with a unit is text matching the unit's pattern (input/unit-patterns.ts), or a
 * number where its parser takes one (money, percentages, counts), within the limits of input/limits.ts.
 */
export function planJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(PlanSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, description, ...rest } = generated;
  return { $schema, $id: SCHEMA_ID, title: 'runpod-plan plan file (version 1)', description, ...rest };
}

/** The schema as the file `runpod-plan schema` prints: two-space JSON and a final newline. */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

const SchemaOptionsSchema = z.object({ output: z.string().optional() });

export function schemaCommand(context: CliContext): Command {
  return new Command('schema')
    .description("a JSON Schema (draft 2020-12): the plan file's (default), or the --format json output's")
    .addArgument(new Argument('[document]', 'plan: what a plan file holds; output: what --format json prints').choices(['plan', 'output']).default('plan'))
    .option('--output <file>', 'write the schema to a file, atomically')
    .addHelpText(
      'after',
      `
Values with units are checked as the plan's parser reads them: a pattern per unit (an editor flags 4 sec
or 6.9 gigabytes as they are typed), a plain number only where the parser takes one (money in USD, a
percentage as a fraction, counts), and the ranges of the limits.

Examples:
  runpod-plan schema > ${SCHEMA_FILE}
  runpod-plan schema --output ${SCHEMA_FILE}
  runpod-plan schema output > ${OUTPUT_SCHEMA_FILE}

Then start a plan with:
  # yaml-language-server: $schema=./${SCHEMA_FILE}

The package ships both files at its root.`,
    )
    .action(async (document: 'plan' | 'output', raw: unknown) => {
      const options = parseFlags(SchemaOptionsSchema, raw);
      // The output's schema is built only when asked for: the top-level help loads this command too.
      const text = document === 'output' ? (await import('../../render/output-schema.js')).outputJsonSchemaText() : planJsonSchemaText();
      writeResult(text, options.output, context.io);
    });
}

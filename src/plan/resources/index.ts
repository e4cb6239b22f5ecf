// The kinds of resource a plan holds, by the plan section they are written in. The plan schema's
// sections, the evaluation order, the sweep's entry schemas and the kind names all derive from this
// record: a new RunPod product is a file implementing Resource and one line here.
import type * as z from 'zod';
import { endpoints } from './endpoints.js';
import { networkVolumes } from './network-volumes.js';
import { pods } from './pods.js';
import type { Resource } from './resource.js';

export const RESOURCES = { endpoints, pods, networkVolumes } satisfies Record<string, Resource<z.ZodType>>;

export type ResourceSection = keyof typeof RESOURCES;
export const RESOURCE_SECTIONS = Object.keys(RESOURCES) as ResourceSection[];

/** The kind of each resource in words, as tables show it. */
export const KIND_LABELS = Object.fromEntries(Object.values(RESOURCES).map((resource) => [resource.kind, resource.label])) as Record<
  (typeof RESOURCES)[ResourceSection]['kind'],
  string
>;

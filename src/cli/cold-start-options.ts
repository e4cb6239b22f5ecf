// The cold-start model's flags, shared by `coldstart`, `compare`, `breakeven` and the simulator's
// commands; what they mean is resolved in src/endpoint/cold-start-setup.ts.
import { Option, type Command } from 'commander';
import { BYTES_PER_PARAMETER, WEIGHT_SOURCES, type WeightDtype } from '../model/cold-start.js';

const DTYPES = Object.keys(BYTES_PER_PARAMETER) as WeightDtype[];

/** Adds the cold-start flags. */
export function addColdStartOptions(command: Command): Command {
  return command
    .option('--image <size>', 'container image without the weights (the slim image), e.g. 2GB')
    .option('--baked-image <size>', 'the image with the weights baked in (default: --image + the weights), e.g. 15GB')
    .option('--image-cached', 'the image is already on the host: no pull')
    .option('--weights <size>', 'model weights, e.g. 6.9GB')
    .option('--params <count>', 'model parameters, e.g. 8B or 70B (with --dtype)')
    .addOption(new Option('--dtype <dtype>', 'weight format for --params').choices(DTYPES))
    .option('--model <name>', 'a preset with its real weight size: sdxl-base, whisper-large-v3, llama-3.1-8b, llama-3.1-70b, mistral-7b, flux.1-dev')
    .addOption(new Option('--weights-from <source>', 'where weights come from at start').choices(WEIGHT_SOURCES))
    .option('--flashboot-hit <percent>', 'share of starts that are FlashBoot snapshot restores (default 0%: plan for the worst)')
    .option('--pull-bandwidth <bandwidth>', "image pull bandwidth (default: the catalog's, 100MB/s)")
    .option('--container-start <duration>', "container start (default: the catalog's, 3s)")
    .option('--import <duration>', "framework import (default: the catalog's, 5s)")
    .option('--cuda <duration>', "CUDA context (default: the catalog's, 500ms)")
    .option('--no-persistence', 'GPU driver persistence mode off: adds an attach delay per GPU')
    .option('--disk-bandwidth <bandwidth>', "weights read from the image's disk (default: the catalog's, 1.3GB/s)")
    .option('--volume-bandwidth <bandwidth>', "weights read from a network volume (default: the catalog's, 300MB/s)")
    .option('--download-bandwidth <bandwidth>', "weights downloaded at start (default: the catalog's, 250MB/s)")
    .option('--warmup <duration>', 'engine warm-up: compile, CUDA graphs (default 0s)')
    .option('--restore <duration>', "a FlashBoot snapshot restore (default: the catalog's, 2s)");
}


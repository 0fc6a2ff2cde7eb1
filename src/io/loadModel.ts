// loadModel.ts: load a network from any supported model file.
import { closeSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import type { Network } from '../net/network.js';
import { InputError } from './inputError.js';
import { readModelJson } from './modelJson.js';
import { openInputFile } from './readInputFile.js';
import { loadPthNetwork } from './pth.js';
import { loadSafetensorsNetwork } from './safetensors.js';

/** The model file kinds {@link loadModel} knows. */
export type ModelKind = 'json' | 'pth' | 'safetensors';

function head(file: string, n: number): Uint8Array {
  const fd = openInputFile(file);
  try {
    const buf = new Uint8Array(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } catch (e) {
    throw new InputError(file, 'file', `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Decide the kind of a model file: by extension (`.json`; `.pth`/`.pt`; `.safetensors`), else by
 * content (a ZIP signature means a PyTorch archive, `{` a JSON model, an 8-byte length followed by
 * `{` a safetensors file). Throws InputError when neither identifies it.
 */
export function modelKind(file: string): ModelKind {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.pth' || ext === '.pt') return 'pth';
  if (ext === '.safetensors') return 'safetensors';
  const h = head(file, 16);
  if (h[0] === 0x50 && h[1] === 0x4b && h[2] === 0x03 && h[3] === 0x04) return 'pth';
  const firstNonSpace = [...h].find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (firstNonSpace === 0x7b) return 'json';
  if (h.length >= 9 && h[8] === 0x7b && h[6] === 0 && h[7] === 0) return 'safetensors';
  throw new InputError(file, 'file', 'unknown model format (expected .json, .pth/.pt or .safetensors)');
}

/**
 * Load an exact network from `file`: an `ohc-model/1` or reference-export JSON file, a PyTorch
 * state dict (.pth/.pt) or a .safetensors file. For the state-dict formats, ReLU follows every
 * layer but the last (see `networkFromTensors`). Every problem is an {@link InputError}.
 */
export function loadModel(file: string): Network {
  switch (modelKind(file)) {
    case 'json':
      return readModelJson(file);
    case 'pth':
      return loadPthNetwork(file);
    case 'safetensors':
      return loadSafetensorsNetwork(file);
  }
}

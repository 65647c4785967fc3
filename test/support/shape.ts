import { it } from 'vitest';
import { sandboxShapeFrom } from '../../src/sandbox/kit/index.js';

/** The shape the simulators answer in for this run: the `documented` vitest project sets SANDBOX_SHAPE. */
export const sandboxShape = sandboxShapeFrom(process.env);

/**
 * A test of behaviour that rests on a field or value of ours (marked [ours] in the contracts),
 * which the simulators send only in their extended shape. Each use says which one.
 */
export const itWithOurs = it.skipIf(sandboxShape === 'documented');

/** A test of how the gateway copes when only what the docs show is there. */
export const itDocumentedOnly = it.skipIf(sandboxShape !== 'documented');

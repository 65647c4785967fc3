import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UpstreamError } from '../../src/gateway/upstream/index.js';
import { asUserError, type InvalidInputError } from '../../src/gateway/user-errors.js';
import { describePdcError } from '../../src/providers/pdc/describe-error.js';
import { pdcCreateFields, pdcPatchFields } from '../../src/providers/pdc/inputs.js';
import { createPath, patchPath } from '../../src/providers/pdc/refusals.js';
import { type PdcSimulator, pdcSandbox } from '../../src/sandbox/pdc/index.js';

let sim: PdcSimulator;
beforeAll(async () => {
  sim = await pdcSandbox.start({ port: 0 });
});
afterAll(() => sim.close());

describe('the PDC input tables', () => {
  it('take exactly the fields of PDC’s DataSourceCreate and DataSourcePatch', () => {
    const doc = parse(readFileSync('src/providers/pdc/openapi.yaml', 'utf8'));
    const keys = (table: typeof pdcCreateFields) => Object.values(table).map((spec) => spec.inputKey);
    expect(keys(pdcCreateFields).sort()).toEqual(
      Object.keys(doc.components.schemas.DataSourceCreate.properties).sort(),
    );
    expect(keys(pdcPatchFields).sort()).toEqual(
      Object.keys(doc.components.schemas.DataSourcePatch.properties).sort(),
    );
  });

  it('take exactly the fields of its CostPerTb and Location objects in their groups', () => {
    const doc = parse(readFileSync('src/providers/pdc/openapi.yaml', 'utf8'));
    const groupKeys = (name: string) => {
      const spec = pdcCreateFields[name];
      return spec?.kind === 'group'
        ? Object.values(spec.fields)
            .map((field) => field.inputKey)
            .sort()
        : [];
    };
    expect(groupKeys('costPerTb')).toEqual(Object.keys(doc.components.schemas.CostPerTb.properties).sort());
    expect(groupKeys('location')).toEqual(Object.keys(doc.components.schemas.Location.properties).sort());
  });
});

describe('PDC’s 400 answers', () => {
  /** The user error a 400 body becomes, read as the client reads it. */
  function refusal(body: unknown, path: (field: string | undefined) => string[]): InvalidInputError {
    const error = new UpstreamError({
      provider: 'pdc',
      operation: 'x',
      kind: 'http',
      status: 400,
      ...describePdcError(400, body),
    });
    try {
      asUserError(error, path);
    } catch (caught) {
      return caught as InvalidInputError;
    }
    throw new Error('not refused');
  }

  it('maps an object from field to reason onto the input paths; a field the input lacks lands on the input, said to be one', async () => {
    const answer = await fetch(`${sim.url}/api/public/v1/data-sources/${sim.store.list()[0]?._id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${sim.issueToken('catalog.demo')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ resourceName: 'renamed', note: 5 }),
    });
    const body = await answer.json();
    expect(body.message).toEqual({
      resourceName: 'cannot be changed after creation',
      note: 'must be string',
    });
    // The messages are the gateway's own: PDC's reasons are read for their fields only.
    expect(refusal(body, patchPath).issues).toEqual([
      {
        field: ['input'],
        message: expect.stringMatching(/^holds a field this input has no name for, which /),
      },
      { field: ['input', 'note'], message: expect.stringMatching(/^was refused by .* as invalid$/) },
    ]);
  });

  it('maps an array of "[i].field: problem" lines and a single string onto item paths', () => {
    const array = {
      status: 400,
      message: ['[0].costPerTb.currency: must match pattern', '[3].port: must be string'],
    };
    expect(refusal(array, createPath).issues.map((issue) => issue.field)).toEqual([
      ['inputs', '0', 'costPerTb', 'currency'],
      ['inputs', '3', 'port'],
    ]);
    const text = { status: 400, message: 'resourceName: a data source named "x-quoted" already exists' };
    const named = refusal(text, createPath);
    expect(named.issues.map((issue) => issue.field)).toEqual([['inputs', '0', 'resourceName']]);
    expect(JSON.stringify([named.message, named.issues])).not.toContain('x-quoted');
  });
});

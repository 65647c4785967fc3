import { describe, expect, it } from 'vitest';
import { fieldProblems } from '../../src/gateway/field-problems.js';

describe('the problems an upstream lists in one message', () => {
  it('splits `<field>: <problem>` parts, lists and nested fields included', () => {
    expect(fieldProblems('destination.name: is required; models[1]: is not enabled; [0].port: bad')).toEqual([
      { field: 'destination.name', message: 'is required' },
      { field: 'models[1]', message: 'is not enabled' },
      { field: '[0].port', message: 'bad' },
    ]);
  });

  it('keeps a semicolon that does not start another field inside its problem', () => {
    expect(fieldProblems('port: must be one of a; b; name: too long')).toEqual([
      { field: 'port', message: 'must be one of a; b' },
      { field: 'name', message: 'too long' },
    ]);
  });

  it('drops a sentence that introduces the fields', () => {
    expect(fieldProblems('Invalid request data: port: must be <= 65535; name: too long')).toEqual([
      { field: 'port', message: 'must be <= 65535' },
      { field: 'name', message: 'too long' },
    ]);
  });

  it('keeps a part that names no field as its text, beside those that do', () => {
    expect(fieldProblems(' Request rejected ; port: must be <= 65535')).toEqual([
      { message: 'Request rejected' },
      { field: 'port', message: 'must be <= 65535' },
    ]);
  });

  it('takes a problem over several lines, without the spaces around it', () => {
    expect(fieldProblems('\n port:  must be an integer\nbetween 1 and 65535 ;  name: too long \n')).toEqual([
      { field: 'port', message: 'must be an integer\nbetween 1 and 65535' },
      { field: 'name', message: 'too long' },
    ]);
  });

  it('finds none in a message that names no field', () => {
    expect(fieldProblems('Data source not found')).toEqual([]);
    expect(fieldProblems('Invalid request data')).toEqual([]);
    expect(fieldProblems('')).toEqual([]);
  });
});

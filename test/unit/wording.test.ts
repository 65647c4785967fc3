import { describe, expect, it } from 'vitest';
import { fieldsNamedIn, inputPathText, sentenceStart, withArticle } from '../../src/gateway/wording.js';

describe('how messages word things', () => {
  it.each([
    ['ImportSource', 'an ImportSource'],
    ['Destination', 'a Destination'],
    ['CatalogDataSource', 'a CatalogDataSource'],
    ['RiverGenDataSource', 'a RiverGenDataSource'],
    ['Amazon Aurora MySQL', 'an Amazon Aurora MySQL'],
    ['MySQL', 'a MySQL'],
    ['SFTP server', 'an SFTP server'],
    ['S3 bucket', 'an S3 bucket'],
    ['GCS bucket', 'a GCS bucket'],
    ['application/xml body', 'an application/xml body'],
    ['text/plain body', 'a text/plain body'],
    ['user', 'a user'],
    ['unique name', 'a unique name'],
    ['unusual name', 'an unusual name'],
    ['hour', 'an hour'],
    ['host', 'a host'],
    ['X509v3 certificate', 'an X509v3 certificate'],
    ['Ethereum node', 'an Ethereum node'],
    ['phonograph', 'a phonograph'],
    ['.NET runtime', 'a .NET runtime'],
  ])('puts the article its sound asks for before %s', (noun, phrase) => {
    expect(withArticle(noun)).toBe(phrase);
  });

  it('writes an input path as GraphQL does, list indices in brackets', () => {
    expect(inputPathText(['input', 'enabledModels', '0'])).toBe('input.enabledModels[0]');
    expect(inputPathText(['inputs', '2', 'costPerTb', 'price'])).toBe('inputs[2].costPerTb.price');
    expect(inputPathText(['input', 'databaseName'])).toBe('input.databaseName');
    expect(inputPathText(['inputs', '12', 'address2'])).toBe('inputs[12].address2');
    expect(inputPathText([])).toBe('');
  });

  it('starts a sentence with a capital, leaving the rest as it is', () => {
    expect(sentenceStart('an application/xml body')).toBe('An application/xml body');
    expect(sentenceStart('createDestination')).toBe('CreateDestination');
    expect(sentenceStart('')).toBe('');
  });

  it('finds the fields an upstream names in its sentence, in order, once each, and only what reads as code', () => {
    const every = () => true;
    expect(fieldsNamedIn('database_name is required; so is destination.enabled_models[0]', every)).toEqual([
      'database_name',
      'destination.enabled_models[0]',
    ]);
    expect(fieldsNamedIn('[2].cost_per_tb is negative, and so is [2].cost_per_tb', every)).toEqual([
      '[2].cost_per_tb',
    ]);
    // Plain words are not fields, nor is a part of an e-mail address, a URL or a hyphenated word.
    expect(fieldsNamedIn('port is wrong: write to a_b@x_y.com, see http://host/c_d or e-f_g', every)).toEqual(
      ['a_b'],
    );
    // What the input knows as a field, and nothing else.
    expect(fieldsNamedIn('user_name and bucket_name clash', (name) => name === 'bucket_name')).toEqual([
      'bucket_name',
    ]);
  });
});

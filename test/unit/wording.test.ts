import { describe, expect, it } from 'vitest';
import { inputPathText, withArticle } from '../../src/gateway/wording.js';

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
  ])('puts the article its sound asks for before %s', (noun, phrase) => {
    expect(withArticle(noun)).toBe(phrase);
  });

  it('writes an input path as GraphQL does, list indices in brackets', () => {
    expect(inputPathText(['input', 'enabledModels', '0'])).toBe('input.enabledModels[0]');
    expect(inputPathText(['inputs', '2', 'costPerTb', 'price'])).toBe('inputs[2].costPerTb.price');
    expect(inputPathText(['input', 'databaseName'])).toBe('input.databaseName');
  });
});

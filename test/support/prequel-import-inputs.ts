/** Documents, inputs and answer shapes for the Prequel import source mutation tests. */

import type { UserErrorAnswer } from './user-errors.js';

export const gid = (id: string) => Buffer.from(`ImportSource:${id}`).toString('base64url');
export const SECRETS = ['pw-import-never-shown-1', 'pw-import-never-shown-2', 'key-file-never-shown-3'];

export interface Result extends UserErrorAnswer {
  importSource?: { id: string; name: string; providerId: string; config: Record<string, unknown> };
  result?: { succeeded: boolean; code: string; message: string };
}

const FAILURE = `__typename
  ... on UserError { message code field provider }
  ... on InvalidInputError { issues { field message } }`;
const SOURCE = `importSource { id name providerId config { __typename
  ... on PostgresImportConfig { host port database username connectionTimeoutInSeconds sshTunnel { host port } }
  ... on AzureBlobImportConfig { storageAccountName } } }`;
const OUTCOME = 'result { succeeded code message }';
export const CREATE = `mutation($input: CreateImportSourceInput!) { createImportSource(input: $input) {
  ${FAILURE} ... on CreateImportSourceSuccess { ${SOURCE} } } }`;
export const UPDATE = `mutation($id: ID!, $input: UpdateImportSourceInput!) { updateImportSource(id: $id, input: $input) {
  ${FAILURE} ... on UpdateImportSourceSuccess { ${SOURCE} } } }`;
export const TEST = `mutation($input: CreateImportSourceInput!) { testImportSource(input: $input) {
  ${FAILURE} ... on TestImportSourceSuccess { ${OUTCOME} } } }`;
export const TEST_SAVED = `mutation($id: ID!, $input: UpdateImportSourceInput) { testSavedImportSource(id: $id, input: $input) {
  ${FAILURE} ... on TestSavedImportSourceSuccess { ${OUTCOME} } } }`;

export const newPostgres = (name: string, settings: Record<string, unknown> = {}) => ({
  name,
  providerId: 'provider-gateway-tests',
  config: {
    postgres: {
      host: 'orders-db.example.com',
      port: 5432,
      database: 'orders',
      passwordAuth: { username: 'reader', password: SECRETS[0] },
      ...settings,
    },
  },
});

const abs = (storageAccountName: string) => ({
  name: 'Blob exports',
  providerId: 'provider-gateway-tests',
  config: { abs: { bucketName: 'exports', storageAccountName } },
});
const withSettings = (vendor: string, settings: Record<string, unknown>) => ({
  name: 'Limits',
  providerId: 'provider-gateway-tests',
  config: { [vendor]: settings },
});
const role = (roleArn: string) => withSettings('s3', { bucketName: 'exports', awsIamRole: { roleArn } });
const email = (serviceAccountEmail: string) =>
  withSettings('bigquery', { projectId: 'acme-dw', gcpServiceAccountRole: { serviceAccountEmail } });

const config = (...path: string[]) => ['input', 'config', ...path];

/** Create inputs at and just past Prequel's limits, with the field each one past is refused on. */
export const CREATE_LIMITS: [string, Record<string, unknown>, string[] | null][] = [
  ['a 255-character name', newPostgres('n'.repeat(255)), null],
  ['a 256-character name', newPostgres('n'.repeat(256)), ['input', 'name']],
  ['a 128-character provider id', { ...newPostgres('x'), providerId: 'p'.repeat(128) }, null],
  ['port 65535', newPostgres('x', { port: 65535 }), null],
  ['port 65536', newPostgres('x', { port: 65536 }), config('postgres', 'port')],
  ['port 0', newPostgres('x', { port: 0 }), config('postgres', 'port')],
  ['a 3600 s timeout', newPostgres('x', { connectionTimeoutInSeconds: 3600 }), null],
  [
    'a 3601 s timeout',
    newPostgres('x', { connectionTimeoutInSeconds: 3601 }),
    config('postgres', 'connectionTimeoutInSeconds'),
  ],
  ['a 24-character storage account', abs('a'.repeat(24)), null],
  ['a 25-character storage account', abs('a'.repeat(25)), config('abs', 'storageAccountName')],
  ['a 3-character storage account', abs('abc'), null],
  ['a 2-character storage account', abs('ab'), config('abs', 'storageAccountName')],
  ['a storage account with capitals', abs('Acme01'), config('abs', 'storageAccountName')],
  ['an IAM role ARN', role('arn:aws:iam::123456789012:role/reader'), null],
  ['a malformed IAM role ARN', role('arn:aws:iam::1234:role/reader'), config('s3', 'awsIamRole', 'roleArn')],
  ['a service account email', email('reader@acme-dw.iam.gserviceaccount.com'), null],
  [
    'a malformed email',
    email('reader-at-acme'),
    config('bigquery', 'gcpServiceAccountRole', 'serviceAccountEmail'),
  ],
];

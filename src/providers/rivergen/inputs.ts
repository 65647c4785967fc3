import { type FieldTable, field } from '../../gateway/vendor-config.js';
import { riverGenVendors } from './vendors.js';

/** What RiverGen lets a caller change on a data source; each field described once, with its limits. */
export const riverGenPatchFields: FieldTable = {
  name: field.string('name', 'Its name, unique within the organisation.', {
    required: true,
    minLength: 1,
    maxLength: 255,
  }),
  description: field.string('description', 'What it is for, in prose.', { maxLength: 2000, clearable: true }),
  host: field.string('host', 'Host name or address of the server.', {
    minLength: 1,
    maxLength: 255,
    clearable: true,
  }),
  port: field.port('port', 'TCP port of the server.', { clearable: true }),
  databaseName: field.string('database_name', 'The database to open.', {
    minLength: 1,
    maxLength: 255,
    clearable: true,
  }),
  schemaName: field.string('schema_name', 'The schema inside the database.', {
    maxLength: 255,
    clearable: true,
  }),
  connectionString: field.string(
    'connection_string',
    'A full connection URL used instead of the separate fields.',
    {
      maxLength: 2000,
      clearable: true,
    },
  ),
  filePath: field.string('file_path', 'Object path in storage, for file-based sources.', {
    maxLength: 1000,
    clearable: true,
  }),
  useSshTunnel: field.boolean('use_ssh_tunnel', 'Connect through an SSH tunnel.'),
  sshHost: field.string('ssh_host', "The SSH bastion's host.", { maxLength: 255, clearable: true }),
  sshPort: field.port('ssh_port', "The SSH bastion's port.", { clearable: true }),
  sshUsername: field.string('ssh_username', 'The user the tunnel logs in as.', {
    maxLength: 255,
    clearable: true,
  }),
  sshLocalPort: field.int('ssh_local_port', 'The local port the tunnel listens on.', {
    min: 1024,
    max: 65535,
    clearable: true,
  }),
  connectionPoolSize: field.int('connection_pool_size', 'Most connections kept open at once.', {
    min: 1,
    max: 100,
  }),
  connectionTimeout: field.int('connection_timeout', 'Seconds to wait for a connection to open.', {
    min: 1,
    max: 3600,
  }),
  queryTimeout: field.int('query_timeout', 'Seconds a query may run.', { min: 1, max: 86400 }),
  maxRetries: field.int('max_retries', 'How many times a failed connection is tried again.', {
    min: 0,
    max: 10,
  }),
  schemaAutoRefresh: field.boolean('schema_auto_refresh', 'Read its schema again on a schedule.'),
  schemaRefreshInterval: field.int('schema_refresh_interval', 'Seconds between automatic schema reads.', {
    min: 60,
    max: 604800,
  }),
  metadata: field.json('metadata', 'Free-form JSON; replaces the stored object whole.'),
  tags: field.string('tags', 'Labels, each 1 to 64 characters.', { list: true, minLength: 1, maxLength: 64 }),
};

/** Credentials RiverGen stores and never returns. */
export const riverGenCredentialFields: FieldTable = {
  username: field.string('username', 'User name.', { maxLength: 255, clearable: true }),
  password: field.secret('password', 'Password.', { maxLength: 1000, clearable: true }),
  apiKey: field.secret('api_key', 'API key.', { maxLength: 4000, clearable: true }),
  oauthToken: field.secret('oauth_token', 'OAuth token.', { maxLength: 8000, clearable: true }),
  sshPrivateKey: field.secret('ssh_private_key', 'Private key for the SSH tunnel.', {
    maxLength: 16000,
    clearable: true,
  }),
  sshPassphrase: field.secret('ssh_passphrase', 'Passphrase of that key.', {
    maxLength: 1000,
    clearable: true,
  }),
  warehouse: field.string('warehouse', 'Warehouse to use (Snowflake and the like).', { maxLength: 255 }),
  role: field.string('role', 'Role to assume after connecting.', { maxLength: 255 }),
};

/** Creating takes everything a patch does, plus what is fixed at creation. */
export const riverGenCreateFields: FieldTable = {
  ...riverGenPatchFields,
  type: field.string('type', `What it connects to: ${Object.keys(riverGenVendors).join(', ')}.`, {
    required: true,
    allowed: Object.keys(riverGenVendors),
  }),
  workspaceId: field.int('workspace_id', 'Workspace to put it in; the organisation itself when left out.', {
    min: 1,
  }),
  credentials: field.group(
    'credentials',
    'RiverGenCredentials',
    'Credentials to store with it; never returned.',
    Object.fromEntries(
      Object.entries(riverGenCredentialFields).map(([key, spec]) => [key, { ...spec, clearable: false }]),
    ),
  ),
};

/** Rotating credentials: every field may be set or cleared with null. */
export const riverGenCredentialUpdateFields: FieldTable = {
  ...riverGenCredentialFields,
  rotateCredentials: field.boolean('rotate_credentials', 'Ask RiverGen to rotate the stored credentials.'),
};

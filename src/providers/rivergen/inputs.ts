import { type FieldTable, field } from '../../gateway/vendor-config.js';
import { documentedRiverGenTypes } from './vendors.js';

/**
 * What RiverGen lets a caller change on a data source, each field described once. Only the limits
 * RiverGen documents are checked here (a name of 1 to 255 characters, a file path of at most 1000);
 * anything else goes to RiverGen, whose refusal comes back on the field it names.
 */
export const riverGenPatchFields: FieldTable = {
  name: field.string('name', 'Its name, unique within the organisation.', {
    required: true,
    minLength: 1,
    maxLength: 255,
  }),
  description: field.string('description', 'What it is for, in prose.', { clearable: true }),
  host: field.string('host', 'Host name or address of the server.', { clearable: true }),
  port: field.int('port', 'TCP port of the server.', { clearable: true }),
  databaseName: field.string('database_name', 'The database to open.', { clearable: true }),
  schemaName: field.string('schema_name', 'The schema inside the database.', { clearable: true }),
  connectionString: field.string(
    'connection_string',
    'A full connection URL used instead of the separate fields.',
    { clearable: true },
  ),
  filePath: field.string('file_path', 'Object path in storage, for file-based sources.', {
    maxLength: 1000,
    clearable: true,
  }),
  useSshTunnel: field.boolean('use_ssh_tunnel', 'Connect through an SSH tunnel.'),
  sshHost: field.string('ssh_host', "The SSH bastion's host.", { clearable: true }),
  sshPort: field.int('ssh_port', "The SSH bastion's port.", { clearable: true }),
  sshUsername: field.string('ssh_username', 'The user the tunnel logs in as.', { clearable: true }),
  sshLocalPort: field.int('ssh_local_port', 'The local port the tunnel listens on.', { clearable: true }),
  connectionPoolSize: field.int('connection_pool_size', 'Most connections kept open at once.'),
  connectionTimeout: field.int('connection_timeout', 'Seconds to wait for a connection to open.'),
  queryTimeout: field.int('query_timeout', 'Seconds a query may run.'),
  maxRetries: field.int('max_retries', 'How many times a failed connection is tried again.'),
  schemaAutoRefresh: field.boolean('schema_auto_refresh', 'Read its schema again on a schedule.'),
  schemaRefreshInterval: field.int('schema_refresh_interval', 'Seconds between automatic schema reads.'),
  metadata: field.json('metadata', 'Free-form JSON; replaces the stored object whole.'),
  tags: field.string('tags', 'Labels for categorisation.', { list: true }),
};

/** Credentials RiverGen's credentials endpoint takes; it stores them and never returns them. */
export const riverGenCredentialFields: FieldTable = {
  username: field.string('username', 'User name.', { clearable: true }),
  password: field.secret('password', 'Password.', { clearable: true }),
  apiKey: field.secret('api_key', 'API key.', { clearable: true }),
  oauthToken: field.secret('oauth_token', 'OAuth token.', { clearable: true }),
  sshPrivateKey: field.secret('ssh_private_key', 'Private key for the SSH tunnel.', { clearable: true }),
  sshPassphrase: field.secret('ssh_passphrase', 'Passphrase of that key.', { clearable: true }),
};

/** Creating takes everything a patch does, plus what is fixed at creation. */
export const riverGenCreateFields: FieldTable = {
  ...riverGenPatchFields,
  type: field.string(
    'type',
    `What it connects to, as RiverGen names it: its docs name ${documentedRiverGenTypes.join(', ')}; any other type RiverGen supports may be given, and one it does not know is refused on this field.`,
    { required: true },
  ),
  workspaceId: field.int('workspace_id', 'Workspace to put it in; the organisation itself when left out.'),
  // Creating documents two more credentials (warehouse and role) than the credentials endpoint takes.
  credentials: field.group(
    'credentials',
    'RiverGenCredentials',
    'Credentials to store with it; never returned.',
    {
      ...riverGenCredentialFields,
      warehouse: field.string('warehouse', 'Warehouse to use (Snowflake and the like).'),
      role: field.string('role', 'Role to assume after connecting.'),
    },
  ),
};

/** Changing credentials: the documented fields, each may be set or cleared with null. */
export const riverGenCredentialUpdateFields: FieldTable = {
  ...riverGenCredentialFields,
  rotateCredentials: field.boolean('rotate_credentials', 'Ask RiverGen to rotate the stored credentials.'),
};

/** A valid `CreateDestinationInput` for a Postgres destination of `recipientId`; `host` picks the server. */
export function postgresDestinationInput(
  name: string,
  recipientId: string,
  host = 'db.acme.example.com',
): { name: string; recipientId: string; config: { postgres: Record<string, unknown> } } {
  return {
    name,
    recipientId,
    config: {
      postgres: {
        host,
        port: 5432,
        database: 'analytics',
        schema: 'prequel',
        passwordAuth: { username: 'prequel', password: 'pw-export-secret-1' },
      },
    },
  };
}

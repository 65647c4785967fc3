/** The document GraphiQL opens with: the main queries, ready to run against the demo. */
export const defaultGraphiqlQuery = `# Every Postgres connection, wherever it lives.
query PostgresEverywhere {
  dataSources(first: 10, filter: { vendors: [POSTGRES] }) {
    totalCount
    edges {
      node {
        id
        provider
        name
        vendor
        host
        port
        database
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation PatchPort {\n  updateRiverGenDataSource(\n    id: \"Uml2ZXJHZW5EYXRhU291cmNlOjE\"\n    input: {port: 6543, description: null}\n  ) {\n    __typename\n    ... on UpdateRiverGenDataSourceSuccess {\n      riverGenDataSource {\n        name\n        port\n        description\n      }\n    }\n    ... on UserError {\n      code\n      field\n      message\n    }\n  }\n}": typeof types.PatchPortDocument,
    "query PostgresEverywhere {\n  dataSources(first: 10, filter: {vendors: [POSTGRES]}) {\n    totalCount\n    edges {\n      node {\n        id\n        provider\n        name\n        host\n        port\n        database\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.PostgresEverywhereDocument,
    "query ProdCatalog {\n  dataSources(first: 5, filter: {providers: [PDC], name: \"*-prod*\"}) {\n    edges {\n      node {\n        name\n        vendor\n        ... on CatalogDataSource {\n          status\n          includePatterns\n          costPerTb {\n            price\n            currency\n            frequency\n          }\n        }\n      }\n    }\n  }\n}": typeof types.ProdCatalogDocument,
    "mutation QueueTransfer {\n  queueDestinationTransfer(\n    id: \"RGVzdGluYXRpb246YjRkZDcxZDktYTg5OC00ZDM1LWJjMDItMTMzNDY5N2I2MWI3\"\n  ) {\n    __typename\n    ... on QueueDestinationTransferSuccess {\n      queued {\n        transferId\n      }\n    }\n    ... on UserError {\n      code\n      message\n    }\n  }\n}": typeof types.QueueTransferDocument,
    "query Reopen($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    id\n    ... on DataSource {\n      name\n      provider\n      vendor\n      updatedAt\n    }\n  }\n}": typeof types.ReopenDocument,
    "query StreamedList {\n  dataSources(first: 5) {\n    edges @stream(initialCount: 0) {\n      node {\n        provider\n        name\n      }\n    }\n    ... @defer {\n      totalCount\n    }\n  }\n}": typeof types.StreamedListDocument,
    "subscription WatchTransfer {\n  destinationTransfer(\n    destinationId: \"RGVzdGluYXRpb246YjRkZDcxZDktYTg5OC00ZDM1LWJjMDItMTMzNDY5N2I2MWI3\"\n  ) {\n    id\n    status\n    startedAt\n    endedAt\n    rowsTransferred\n  }\n}": typeof types.WatchTransferDocument,
    "\n  query Page($first: Int, $after: String, $last: Int, $before: String, $filter: DataSourceFilter) {\n    dataSources(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      edges { cursor node { id provider name vendor } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.PageDocument,
    "\n  query FederationIds($provider: Provider!, $count: Int) {\n    dataSources(first: $count, filter: { providers: [$provider] }) { edges { node { __typename id } } }\n  }\n": typeof types.FederationIdsDocument,
    "\n  query Isolation($first: Int!, $order: SortOrder!, $ids: [ID!]!) {\n    riverGenDataSources(first: $first, sortBy: NAME, sortOrder: $order) {\n      totalCount\n      edges { node { id organizationId } }\n    }\n    dataSources(first: $first, filter: { providers: [RIVERGEN] }) {\n      totalCount\n      edges { node { id provider ... on RiverGenDataSource { organizationId } } }\n    }\n    nodes(ids: $ids) { id ... on RiverGenDataSource { organizationId } }\n  }\n": typeof types.IsolationDocument,
    "\n  query EveryDataSourceId {\n    dataSources(first: 500) { edges { node { id __typename } } }\n  }\n": typeof types.EveryDataSourceIdDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) { id __typename }\n  }\n": typeof types.NodeByIdDocument,
    "\n  query DataSourceById($id: ID!) {\n    dataSource(id: $id) { id }\n  }\n": typeof types.DataSourceByIdDocument,
    "\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) { id }\n  }\n": typeof types.NodesByIdsDocument,
    "\n  query Mine($ids: [ID!]!, $first: Int!) {\n    nodes(ids: $ids) { id ... on DataSource { name } }\n    catalogDataSources(first: $first) { totalCount edges { node { id name } } }\n  }\n": typeof types.MineDocument,
    "\n  mutation Rename($id: ID!, $input: UpdateCatalogDataSourceInput!) {\n    updateCatalogDataSource(id: $id, input: $input) {\n      __typename\n      ... on UpdateCatalogDataSourceSuccess { catalogDataSource { id description } }\n    }\n  }\n": typeof types.RenameDocument,
    "\n  mutation UpdateRiverGenDataSource($id: ID!, $input: UpdateRiverGenDataSourceInput!) {\n    updateRiverGenDataSource(id: $id, input: $input) {\n      __typename\n      ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { id name description tags port } }\n      ... on UserError { message code field }\n      ... on InvalidInputError { issues { field message } }\n    }\n  }\n": typeof types.UpdateRiverGenDataSourceDocument,
    "\n  mutation CreateRiverGenDataSource($input: CreateRiverGenDataSourceInput!) {\n    createRiverGenDataSource(input: $input) {\n      __typename\n      ... on CreateRiverGenDataSourceSuccess { riverGenDataSource { id name description tags port } }\n      ... on UserError { message code field }\n      ... on InvalidInputError { issues { field message } }\n    }\n  }\n": typeof types.CreateRiverGenDataSourceDocument,
    "\n  query OwnRiverGenIds {\n    riverGenDataSources(first: 10, sortBy: ID, sortOrder: ASC) { edges { node { id } } }\n  }\n": typeof types.OwnRiverGenIdsDocument,
    "\n  query NameOfNode($id: ID!) {\n    node(id: $id) { ... on DataSource { name } }\n  }\n": typeof types.NameOfNodeDocument,
    "\n        mutation RenameThenChangeAgain($id: ID!) {\n          renamed: updateRiverGenDataSource(id: $id, input: { name: \"Renamed in place\" }) { __typename }\n          after: updateRiverGenDataSource(id: $id, input: { description: \"Changed after the rename\" }) {\n            ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { name description } }\n          }\n        }\n      ": typeof types.RenameThenChangeAgainDocument,
    "\n        mutation StoreRiverGenPassword($id: ID!) {\n          updateRiverGenCredentials(id: $id, input: { password: \"pw-never-shown-2\", apiKey: null }) { __typename }\n        }\n      ": typeof types.StoreRiverGenPasswordDocument,
    "\n        mutation TestRiverGenConnection($id: ID!) {\n          testRiverGenDataSource(id: $id) {\n            __typename\n            ... on TestRiverGenDataSourceSuccess { result { connectionSuccessful errorCode } }\n          }\n        }\n      ": typeof types.TestRiverGenConnectionDocument,
    "\n        mutation DeleteRiverGenSoftly($id: ID!) {\n          deleteRiverGenDataSource(id: $id) {\n            __typename\n            ... on DeleteRiverGenDataSourceSuccess { deleted { permanent } }\n          }\n        }\n      ": typeof types.DeleteRiverGenSoftlyDocument,
    "\n        mutation DeleteRiverGenForGood($id: ID!) {\n          deleteRiverGenDataSource(id: $id, force: true) { __typename }\n        }\n      ": typeof types.DeleteRiverGenForGoodDocument,
    "\n  query StitchingIds($provider: Provider!, $count: Int) {\n    dataSources(first: $count, filter: { providers: [$provider] }) { edges { node { id } } }\n  }\n": typeof types.StitchingIdsDocument,
};
const documents: Documents = {
    "mutation PatchPort {\n  updateRiverGenDataSource(\n    id: \"Uml2ZXJHZW5EYXRhU291cmNlOjE\"\n    input: {port: 6543, description: null}\n  ) {\n    __typename\n    ... on UpdateRiverGenDataSourceSuccess {\n      riverGenDataSource {\n        name\n        port\n        description\n      }\n    }\n    ... on UserError {\n      code\n      field\n      message\n    }\n  }\n}": types.PatchPortDocument,
    "query PostgresEverywhere {\n  dataSources(first: 10, filter: {vendors: [POSTGRES]}) {\n    totalCount\n    edges {\n      node {\n        id\n        provider\n        name\n        host\n        port\n        database\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.PostgresEverywhereDocument,
    "query ProdCatalog {\n  dataSources(first: 5, filter: {providers: [PDC], name: \"*-prod*\"}) {\n    edges {\n      node {\n        name\n        vendor\n        ... on CatalogDataSource {\n          status\n          includePatterns\n          costPerTb {\n            price\n            currency\n            frequency\n          }\n        }\n      }\n    }\n  }\n}": types.ProdCatalogDocument,
    "mutation QueueTransfer {\n  queueDestinationTransfer(\n    id: \"RGVzdGluYXRpb246YjRkZDcxZDktYTg5OC00ZDM1LWJjMDItMTMzNDY5N2I2MWI3\"\n  ) {\n    __typename\n    ... on QueueDestinationTransferSuccess {\n      queued {\n        transferId\n      }\n    }\n    ... on UserError {\n      code\n      message\n    }\n  }\n}": types.QueueTransferDocument,
    "query Reopen($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    id\n    ... on DataSource {\n      name\n      provider\n      vendor\n      updatedAt\n    }\n  }\n}": types.ReopenDocument,
    "query StreamedList {\n  dataSources(first: 5) {\n    edges @stream(initialCount: 0) {\n      node {\n        provider\n        name\n      }\n    }\n    ... @defer {\n      totalCount\n    }\n  }\n}": types.StreamedListDocument,
    "subscription WatchTransfer {\n  destinationTransfer(\n    destinationId: \"RGVzdGluYXRpb246YjRkZDcxZDktYTg5OC00ZDM1LWJjMDItMTMzNDY5N2I2MWI3\"\n  ) {\n    id\n    status\n    startedAt\n    endedAt\n    rowsTransferred\n  }\n}": types.WatchTransferDocument,
    "\n  query Page($first: Int, $after: String, $last: Int, $before: String, $filter: DataSourceFilter) {\n    dataSources(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      edges { cursor node { id provider name vendor } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.PageDocument,
    "\n  query FederationIds($provider: Provider!, $count: Int) {\n    dataSources(first: $count, filter: { providers: [$provider] }) { edges { node { __typename id } } }\n  }\n": types.FederationIdsDocument,
    "\n  query Isolation($first: Int!, $order: SortOrder!, $ids: [ID!]!) {\n    riverGenDataSources(first: $first, sortBy: NAME, sortOrder: $order) {\n      totalCount\n      edges { node { id organizationId } }\n    }\n    dataSources(first: $first, filter: { providers: [RIVERGEN] }) {\n      totalCount\n      edges { node { id provider ... on RiverGenDataSource { organizationId } } }\n    }\n    nodes(ids: $ids) { id ... on RiverGenDataSource { organizationId } }\n  }\n": types.IsolationDocument,
    "\n  query EveryDataSourceId {\n    dataSources(first: 500) { edges { node { id __typename } } }\n  }\n": types.EveryDataSourceIdDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) { id __typename }\n  }\n": types.NodeByIdDocument,
    "\n  query DataSourceById($id: ID!) {\n    dataSource(id: $id) { id }\n  }\n": types.DataSourceByIdDocument,
    "\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) { id }\n  }\n": types.NodesByIdsDocument,
    "\n  query Mine($ids: [ID!]!, $first: Int!) {\n    nodes(ids: $ids) { id ... on DataSource { name } }\n    catalogDataSources(first: $first) { totalCount edges { node { id name } } }\n  }\n": types.MineDocument,
    "\n  mutation Rename($id: ID!, $input: UpdateCatalogDataSourceInput!) {\n    updateCatalogDataSource(id: $id, input: $input) {\n      __typename\n      ... on UpdateCatalogDataSourceSuccess { catalogDataSource { id description } }\n    }\n  }\n": types.RenameDocument,
    "\n  mutation UpdateRiverGenDataSource($id: ID!, $input: UpdateRiverGenDataSourceInput!) {\n    updateRiverGenDataSource(id: $id, input: $input) {\n      __typename\n      ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { id name description tags port } }\n      ... on UserError { message code field }\n      ... on InvalidInputError { issues { field message } }\n    }\n  }\n": types.UpdateRiverGenDataSourceDocument,
    "\n  mutation CreateRiverGenDataSource($input: CreateRiverGenDataSourceInput!) {\n    createRiverGenDataSource(input: $input) {\n      __typename\n      ... on CreateRiverGenDataSourceSuccess { riverGenDataSource { id name description tags port } }\n      ... on UserError { message code field }\n      ... on InvalidInputError { issues { field message } }\n    }\n  }\n": types.CreateRiverGenDataSourceDocument,
    "\n  query OwnRiverGenIds {\n    riverGenDataSources(first: 10, sortBy: ID, sortOrder: ASC) { edges { node { id } } }\n  }\n": types.OwnRiverGenIdsDocument,
    "\n  query NameOfNode($id: ID!) {\n    node(id: $id) { ... on DataSource { name } }\n  }\n": types.NameOfNodeDocument,
    "\n        mutation RenameThenChangeAgain($id: ID!) {\n          renamed: updateRiverGenDataSource(id: $id, input: { name: \"Renamed in place\" }) { __typename }\n          after: updateRiverGenDataSource(id: $id, input: { description: \"Changed after the rename\" }) {\n            ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { name description } }\n          }\n        }\n      ": types.RenameThenChangeAgainDocument,
    "\n        mutation StoreRiverGenPassword($id: ID!) {\n          updateRiverGenCredentials(id: $id, input: { password: \"pw-never-shown-2\", apiKey: null }) { __typename }\n        }\n      ": types.StoreRiverGenPasswordDocument,
    "\n        mutation TestRiverGenConnection($id: ID!) {\n          testRiverGenDataSource(id: $id) {\n            __typename\n            ... on TestRiverGenDataSourceSuccess { result { connectionSuccessful errorCode } }\n          }\n        }\n      ": types.TestRiverGenConnectionDocument,
    "\n        mutation DeleteRiverGenSoftly($id: ID!) {\n          deleteRiverGenDataSource(id: $id) {\n            __typename\n            ... on DeleteRiverGenDataSourceSuccess { deleted { permanent } }\n          }\n        }\n      ": types.DeleteRiverGenSoftlyDocument,
    "\n        mutation DeleteRiverGenForGood($id: ID!) {\n          deleteRiverGenDataSource(id: $id, force: true) { __typename }\n        }\n      ": types.DeleteRiverGenForGoodDocument,
    "\n  query StitchingIds($provider: Provider!, $count: Int) {\n    dataSources(first: $count, filter: { providers: [$provider] }) { edges { node { id } } }\n  }\n": types.StitchingIdsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PatchPort {\n  updateRiverGenDataSource(\n    id: \"Uml2ZXJHZW5EYXRhU291cmNlOjE\"\n    input: {port: 6543, description: null}\n  ) {\n    __typename\n    ... on UpdateRiverGenDataSourceSuccess {\n      riverGenDataSource {\n        name\n        port\n        description\n      }\n    }\n    ... on UserError {\n      code\n      field\n      message\n    }\n  }\n}"): (typeof documents)["mutation PatchPort {\n  updateRiverGenDataSource(\n    id: \"Uml2ZXJHZW5EYXRhU291cmNlOjE\"\n    input: {port: 6543, description: null}\n  ) {\n    __typename\n    ... on UpdateRiverGenDataSourceSuccess {\n      riverGenDataSource {\n        name\n        port\n        description\n      }\n    }\n    ... on UserError {\n      code\n      field\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PostgresEverywhere {\n  dataSources(first: 10, filter: {vendors: [POSTGRES]}) {\n    totalCount\n    edges {\n      node {\n        id\n        provider\n        name\n        host\n        port\n        database\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query PostgresEverywhere {\n  dataSources(first: 10, filter: {vendors: [POSTGRES]}) {\n    totalCount\n    edges {\n      node {\n        id\n        provider\n        name\n        host\n        port\n        database\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProdCatalog {\n  dataSources(first: 5, filter: {providers: [PDC], name: \"*-prod*\"}) {\n    edges {\n      node {\n        name\n        vendor\n        ... on CatalogDataSource {\n          status\n          includePatterns\n          costPerTb {\n            price\n            currency\n            frequency\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query ProdCatalog {\n  dataSources(first: 5, filter: {providers: [PDC], name: \"*-prod*\"}) {\n    edges {\n      node {\n        name\n        vendor\n        ... on CatalogDataSource {\n          status\n          includePatterns\n          costPerTb {\n            price\n            currency\n            frequency\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation QueueTransfer {\n  queueDestinationTransfer(\n    id: \"RGVzdGluYXRpb246YjRkZDcxZDktYTg5OC00ZDM1LWJjMDItMTMzNDY5N2I2MWI3\"\n  ) {\n    __typename\n    ... on QueueDestinationTransferSuccess {\n      queued {\n        transferId\n      }\n    }\n    ... on UserError {\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation QueueTransfer {\n  queueDestinationTransfer(\n    id: \"RGVzdGluYXRpb246YjRkZDcxZDktYTg5OC00ZDM1LWJjMDItMTMzNDY5N2I2MWI3\"\n  ) {\n    __typename\n    ... on QueueDestinationTransferSuccess {\n      queued {\n        transferId\n      }\n    }\n    ... on UserError {\n      code\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Reopen($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    id\n    ... on DataSource {\n      name\n      provider\n      vendor\n      updatedAt\n    }\n  }\n}"): (typeof documents)["query Reopen($ids: [ID!]!) {\n  nodes(ids: $ids) {\n    id\n    ... on DataSource {\n      name\n      provider\n      vendor\n      updatedAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StreamedList {\n  dataSources(first: 5) {\n    edges @stream(initialCount: 0) {\n      node {\n        provider\n        name\n      }\n    }\n    ... @defer {\n      totalCount\n    }\n  }\n}"): (typeof documents)["query StreamedList {\n  dataSources(first: 5) {\n    edges @stream(initialCount: 0) {\n      node {\n        provider\n        name\n      }\n    }\n    ... @defer {\n      totalCount\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription WatchTransfer {\n  destinationTransfer(\n    destinationId: \"RGVzdGluYXRpb246YjRkZDcxZDktYTg5OC00ZDM1LWJjMDItMTMzNDY5N2I2MWI3\"\n  ) {\n    id\n    status\n    startedAt\n    endedAt\n    rowsTransferred\n  }\n}"): (typeof documents)["subscription WatchTransfer {\n  destinationTransfer(\n    destinationId: \"RGVzdGluYXRpb246YjRkZDcxZDktYTg5OC00ZDM1LWJjMDItMTMzNDY5N2I2MWI3\"\n  ) {\n    id\n    status\n    startedAt\n    endedAt\n    rowsTransferred\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Page($first: Int, $after: String, $last: Int, $before: String, $filter: DataSourceFilter) {\n    dataSources(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      edges { cursor node { id provider name vendor } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Page($first: Int, $after: String, $last: Int, $before: String, $filter: DataSourceFilter) {\n    dataSources(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      edges { cursor node { id provider name vendor } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FederationIds($provider: Provider!, $count: Int) {\n    dataSources(first: $count, filter: { providers: [$provider] }) { edges { node { __typename id } } }\n  }\n"): (typeof documents)["\n  query FederationIds($provider: Provider!, $count: Int) {\n    dataSources(first: $count, filter: { providers: [$provider] }) { edges { node { __typename id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Isolation($first: Int!, $order: SortOrder!, $ids: [ID!]!) {\n    riverGenDataSources(first: $first, sortBy: NAME, sortOrder: $order) {\n      totalCount\n      edges { node { id organizationId } }\n    }\n    dataSources(first: $first, filter: { providers: [RIVERGEN] }) {\n      totalCount\n      edges { node { id provider ... on RiverGenDataSource { organizationId } } }\n    }\n    nodes(ids: $ids) { id ... on RiverGenDataSource { organizationId } }\n  }\n"): (typeof documents)["\n  query Isolation($first: Int!, $order: SortOrder!, $ids: [ID!]!) {\n    riverGenDataSources(first: $first, sortBy: NAME, sortOrder: $order) {\n      totalCount\n      edges { node { id organizationId } }\n    }\n    dataSources(first: $first, filter: { providers: [RIVERGEN] }) {\n      totalCount\n      edges { node { id provider ... on RiverGenDataSource { organizationId } } }\n    }\n    nodes(ids: $ids) { id ... on RiverGenDataSource { organizationId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EveryDataSourceId {\n    dataSources(first: 500) { edges { node { id __typename } } }\n  }\n"): (typeof documents)["\n  query EveryDataSourceId {\n    dataSources(first: 500) { edges { node { id __typename } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeById($id: ID!) {\n    node(id: $id) { id __typename }\n  }\n"): (typeof documents)["\n  query NodeById($id: ID!) {\n    node(id: $id) { id __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataSourceById($id: ID!) {\n    dataSource(id: $id) { id }\n  }\n"): (typeof documents)["\n  query DataSourceById($id: ID!) {\n    dataSource(id: $id) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) { id }\n  }\n"): (typeof documents)["\n  query NodesByIds($ids: [ID!]!) {\n    nodes(ids: $ids) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Mine($ids: [ID!]!, $first: Int!) {\n    nodes(ids: $ids) { id ... on DataSource { name } }\n    catalogDataSources(first: $first) { totalCount edges { node { id name } } }\n  }\n"): (typeof documents)["\n  query Mine($ids: [ID!]!, $first: Int!) {\n    nodes(ids: $ids) { id ... on DataSource { name } }\n    catalogDataSources(first: $first) { totalCount edges { node { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Rename($id: ID!, $input: UpdateCatalogDataSourceInput!) {\n    updateCatalogDataSource(id: $id, input: $input) {\n      __typename\n      ... on UpdateCatalogDataSourceSuccess { catalogDataSource { id description } }\n    }\n  }\n"): (typeof documents)["\n  mutation Rename($id: ID!, $input: UpdateCatalogDataSourceInput!) {\n    updateCatalogDataSource(id: $id, input: $input) {\n      __typename\n      ... on UpdateCatalogDataSourceSuccess { catalogDataSource { id description } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRiverGenDataSource($id: ID!, $input: UpdateRiverGenDataSourceInput!) {\n    updateRiverGenDataSource(id: $id, input: $input) {\n      __typename\n      ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { id name description tags port } }\n      ... on UserError { message code field }\n      ... on InvalidInputError { issues { field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRiverGenDataSource($id: ID!, $input: UpdateRiverGenDataSourceInput!) {\n    updateRiverGenDataSource(id: $id, input: $input) {\n      __typename\n      ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { id name description tags port } }\n      ... on UserError { message code field }\n      ... on InvalidInputError { issues { field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRiverGenDataSource($input: CreateRiverGenDataSourceInput!) {\n    createRiverGenDataSource(input: $input) {\n      __typename\n      ... on CreateRiverGenDataSourceSuccess { riverGenDataSource { id name description tags port } }\n      ... on UserError { message code field }\n      ... on InvalidInputError { issues { field message } }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRiverGenDataSource($input: CreateRiverGenDataSourceInput!) {\n    createRiverGenDataSource(input: $input) {\n      __typename\n      ... on CreateRiverGenDataSourceSuccess { riverGenDataSource { id name description tags port } }\n      ... on UserError { message code field }\n      ... on InvalidInputError { issues { field message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OwnRiverGenIds {\n    riverGenDataSources(first: 10, sortBy: ID, sortOrder: ASC) { edges { node { id } } }\n  }\n"): (typeof documents)["\n  query OwnRiverGenIds {\n    riverGenDataSources(first: 10, sortBy: ID, sortOrder: ASC) { edges { node { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NameOfNode($id: ID!) {\n    node(id: $id) { ... on DataSource { name } }\n  }\n"): (typeof documents)["\n  query NameOfNode($id: ID!) {\n    node(id: $id) { ... on DataSource { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation RenameThenChangeAgain($id: ID!) {\n          renamed: updateRiverGenDataSource(id: $id, input: { name: \"Renamed in place\" }) { __typename }\n          after: updateRiverGenDataSource(id: $id, input: { description: \"Changed after the rename\" }) {\n            ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { name description } }\n          }\n        }\n      "): (typeof documents)["\n        mutation RenameThenChangeAgain($id: ID!) {\n          renamed: updateRiverGenDataSource(id: $id, input: { name: \"Renamed in place\" }) { __typename }\n          after: updateRiverGenDataSource(id: $id, input: { description: \"Changed after the rename\" }) {\n            ... on UpdateRiverGenDataSourceSuccess { riverGenDataSource { name description } }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation StoreRiverGenPassword($id: ID!) {\n          updateRiverGenCredentials(id: $id, input: { password: \"pw-never-shown-2\", apiKey: null }) { __typename }\n        }\n      "): (typeof documents)["\n        mutation StoreRiverGenPassword($id: ID!) {\n          updateRiverGenCredentials(id: $id, input: { password: \"pw-never-shown-2\", apiKey: null }) { __typename }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation TestRiverGenConnection($id: ID!) {\n          testRiverGenDataSource(id: $id) {\n            __typename\n            ... on TestRiverGenDataSourceSuccess { result { connectionSuccessful errorCode } }\n          }\n        }\n      "): (typeof documents)["\n        mutation TestRiverGenConnection($id: ID!) {\n          testRiverGenDataSource(id: $id) {\n            __typename\n            ... on TestRiverGenDataSourceSuccess { result { connectionSuccessful errorCode } }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation DeleteRiverGenSoftly($id: ID!) {\n          deleteRiverGenDataSource(id: $id) {\n            __typename\n            ... on DeleteRiverGenDataSourceSuccess { deleted { permanent } }\n          }\n        }\n      "): (typeof documents)["\n        mutation DeleteRiverGenSoftly($id: ID!) {\n          deleteRiverGenDataSource(id: $id) {\n            __typename\n            ... on DeleteRiverGenDataSourceSuccess { deleted { permanent } }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation DeleteRiverGenForGood($id: ID!) {\n          deleteRiverGenDataSource(id: $id, force: true) { __typename }\n        }\n      "): (typeof documents)["\n        mutation DeleteRiverGenForGood($id: ID!) {\n          deleteRiverGenDataSource(id: $id, force: true) { __typename }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StitchingIds($provider: Provider!, $count: Int) {\n    dataSources(first: $count, filter: { providers: [$provider] }) { edges { node { id } } }\n  }\n"): (typeof documents)["\n  query StitchingIds($provider: Provider!, $count: Int) {\n    dataSources(first: $count, filter: { providers: [$provider] }) { edges { node { id } } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
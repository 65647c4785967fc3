// Generated from openapi.yaml by `npm run types:openapi`. Do not edit: change the document and regenerate.
export interface paths {
    "/api/v1/data-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the organisation's data sources, a page at a time
         * @description Summaries of the caller's organisation's data sources that match every filter given, sorted by `sort_by` then by `id` in the same direction, so paging through an unchanged list sees every match exactly once. Deleted data sources are never listed. A page past the end is answered 200 with no items.
         */
        get: operations["listDataSources"];
        put?: never;
        /**
         * Create a data source in the caller's organisation
         * @description `name` and `type` are required. [ours] For the database types (postgresql, mysql, mariadb, mssql, oracle, redshift, clickhouse, mongodb) `host`, `port` and `database_name` are required as well. [ours] Names are unique among the organisation's data sources that are not deleted (exact, case-sensitive comparison): a duplicate is a 409. [ours] A `workspace_id` that is not one of the organisation's workspaces is a 400 naming it. The new data source starts `active`, untested, with `failure_count` 0.
         */
        post: operations["createDataSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/data-sources/{data_source_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The data source's id, a positive integer. */
                data_source_id: components["parameters"]["DataSourceId"];
            };
            cookie?: never;
        };
        /**
         * Read one data source
         * @description Every field of one data source of the caller's organisation, credentials left out. An id that names nothing, a deleted data source or one of another organisation is a 404.
         */
        get: operations["getDataSource"];
        put?: never;
        post?: never;
        /**
         * Delete a data source, softly by default
         * @description Without `force` (or with `force=false`) the data source is soft-deleted: it is kept but from then on every endpoint answers 404 for it and lists leave it out; [ours] its name is free again. With `force=true` it is removed for good. [ours] Deleting a data source that is already soft-deleted is a 404, with or without `force`.
         */
        delete: operations["deleteDataSource"];
        options?: never;
        head?: never;
        /**
         * Change some fields of a data source
         * @description Only the fields sent change; fields left out keep their value. `tags` and `metadata` replace the stored list or object whole. [ours] An explicit null clears the fields whose type admits null (description, host, port, database_name, schema_name, connection_string, file_path, ssh_host, ssh_port, ssh_username, ssh_local_port); null for any other field is a 400 naming it. `type` and `workspace_id` cannot be changed here: sending them, or any field not listed, is a 400 naming the field. A body with at least one field sets `updated_at` and `updated_by_user_id`; [ours] an empty body changes nothing. A name taken by another data source of the organisation is a 409. Answers the data source after the change.
         */
        patch: operations["updateDataSource"];
        trace?: never;
    };
    "/api/v1/data-sources/{data_source_id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The data source's id, a positive integer. */
                data_source_id: components["parameters"]["DataSourceId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Replace some of a data source's credentials
         * @description Only the credentials sent change; they are stored encrypted and never returned by any endpoint. [ours] An explicit null removes that credential. [ours] `rotate_credentials: true` re-encrypts the stored credentials under a new key and counts as a change even when nothing else is sent; an empty body is a 400. [ours] Only `credentials_updated_at` moves: the data source's `updated_at` is left alone.
         */
        patch: operations["updateDataSourceCredentials"];
        trace?: never;
    };
    "/api/v1/data-sources/{data_source_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The data source's id, a positive integer. */
                data_source_id: components["parameters"]["DataSourceId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Try to connect to a data source and record the outcome
         * @description Answers 200 whether or not the connection worked: read `connection_successful`. The outcome is recorded on the data source: `last_tested_at` always; on success `last_successful_connection_at`, `failure_count` back to 0, `failure_reason` cleared and [ours] a `failed` or `testing` status back to `active`; on failure `last_failed_connection_at`, `failure_count` plus one, `failure_reason` set and [ours] an `active` or `testing` status to `failed` (`inactive` and `maintenance` stay). [ours] The simulator fails deterministically when the host or SSH host ends in `.invalid` (HOST_UNREACHABLE), when an SSH tunnel is on without an SSH host (SSH_TUNNEL_FAILED), when a database type has no host and no connection string or a file type no file path and no connection string (CONFIGURATION_INCOMPLETE), and when `test_query` is not a read-only query (QUERY_REJECTED). [ours] The test does not change `updated_at`.
         */
        post: operations["testDataSourceConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description How to test the connection; every field optional. */
        ConnectionTestRequest: {
            /** @description A query to run once connected, e.g. `SELECT 1` ([ours] 1 to 10,000 characters, and it must be read-only: SELECT, WITH, SHOW, DESCRIBE or EXPLAIN). */
            test_query?: string;
            /** @description Seconds to wait for the test, 1 to 300 ([ours] the data source's `connection_timeout` when not given). */
            timeout_seconds?: number;
        };
        /** @description The envelope of a connection test answer. */
        ConnectionTestResponse: {
            data: components["schemas"]["ConnectionTestResult"];
            /** @description A human-readable summary of what happened. */
            message: string;
            /**
             * @description True because the test ran; read `data.connection_successful` for its outcome.
             * @constant
             */
            success: true;
        };
        /** @description The outcome of one connection test. */
        ConnectionTestResult: {
            /** @description True when the connection (and the test query, if any) worked. */
            connection_successful: boolean;
            /** @description The server's product and version as it reports it; null on failure. */
            database_version: string | null;
            /** @description A stable code for the failure; null on success. [ours] The simulator uses HOST_UNREACHABLE, SSH_TUNNEL_FAILED, CONFIGURATION_INCOMPLETE and QUERY_REJECTED. */
            error_code: string | null;
            /** @description Why it failed, in one sentence; null on success. */
            error_message: string | null;
            /** @description How long the test took, in milliseconds. */
            response_time_ms: number;
            tested_at: components["schemas"]["Timestamp"];
        };
        /** @description Secrets used to connect, each optional and as the type needs. Stored encrypted, never returned by any endpoint. */
        Credentials: {
            /** @description An API key, for services that take one. */
            api_key?: string;
            /** @description An OAuth access or refresh token, for services that take one. */
            oauth_token?: string;
            /** @description That user's password. */
            password?: string;
            /** @description The role to assume after logging in (Snowflake and the like). */
            role?: string;
            /** @description The passphrase of that private key. */
            ssh_passphrase?: string;
            /** @description The private key (PEM) the SSH tunnel logs in with. */
            ssh_private_key?: string;
            /** @description The user to log in as. */
            username?: string;
            /** @description The compute warehouse to use (Snowflake). */
            warehouse?: string;
        };
        /** @description The credentials to replace, each optional; [ours] null removes one. At least one field must be sent. */
        CredentialsUpdate: {
            /** @description An API key. */
            api_key?: string | null;
            /** @description An OAuth access or refresh token. */
            oauth_token?: string | null;
            /** @description That user's password. */
            password?: string | null;
            /** @description True to re-encrypt the stored credentials under a new key (a change even when nothing else is sent). */
            rotate_credentials?: boolean;
            /** @description The passphrase of that private key. */
            ssh_passphrase?: string | null;
            /** @description The private key (PEM) the SSH tunnel logs in with. */
            ssh_private_key?: string | null;
            /** @description The user to log in as. */
            username?: string | null;
        };
        /** @description Which data source's credentials changed and when. */
        CredentialsUpdated: {
            credentials_updated_at: components["schemas"]["Timestamp"];
            /** @description The id of the data source. */
            data_source_id: number;
        };
        /** @description The envelope of a credentials update answer. */
        CredentialsUpdatedResponse: {
            data: components["schemas"]["CredentialsUpdated"];
            /** @description A human-readable summary of what happened. */
            message: string;
            /**
             * @description Always true on a 2xx answer.
             * @constant
             */
            success: true;
        };
        /** @description One data source with every field the service keeps, except its credentials, which are never returned. */
        DataSource: {
            /** @description Most connections kept open to the source at once (1 to 100; 5 when not given). */
            connection_pool_size?: number;
            /** @description A full connection URL used instead of the separate fields; null when none. [ours] The simulator's seeded strings hold no password. */
            connection_string?: string | null;
            /** @description Seconds to wait for a connection to open (1 to 3,600; 30 when not given). */
            connection_timeout?: number;
            created_at?: components["schemas"]["Timestamp"];
            /** @description The user who created it. */
            created_by_user_id?: number;
            /** @description The database (or project, catalog) to open; null when the type has none. */
            database_name?: string | null;
            /** @description What it is for, in prose; null when none was given. */
            description?: string | null;
            /** @description Connection failures in a row since the last success (0 after a success). */
            failure_count?: number;
            /** @description Why the last connection failed; null when the last test succeeded or none ran. */
            failure_reason?: string | null;
            /** @description Object path in storage for file-based sources (a URL or path, at most 1,000 characters); null for the other types. */
            file_path?: string | null;
            /** @description Host name or address of the server; null when the type has none. */
            host?: string | null;
            /** @description The data source's id, a positive integer given in creation order. */
            id: number;
            /** @description When a connection last failed; null when never. */
            last_failed_connection_at?: components["schemas"]["Timestamp"] | null;
            /** @description When a connection last worked; null when never. */
            last_successful_connection_at?: components["schemas"]["Timestamp"] | null;
            /** @description When its connection was last tested; null when never. */
            last_tested_at?: components["schemas"]["Timestamp"] | null;
            /** @description How many times a failed connection is tried again (0 to 10; 3 when not given). */
            max_retries?: number;
            metadata?: components["schemas"]["Metadata"];
            /** @description Its name, 1 to 255 characters, unique within the organisation. */
            name: string;
            /** @description The organisation that owns it (always the caller's). */
            organization_id: number;
            /** @description TCP port of the server (1 to 65535); null when the type has none. */
            port?: number | null;
            /** @description Seconds a query may run before it is cancelled (1 to 86,400; 300 when not given). */
            query_timeout?: number;
            /** @description True when the source's schema is read again every `schema_refresh_interval`. */
            schema_auto_refresh?: boolean;
            /** @description When the source's tables and columns were last read; null when never. */
            schema_discovered_at?: components["schemas"]["Timestamp"] | null;
            /** @description The schema inside the database to work in; null for the server's default. */
            schema_name?: string | null;
            /** @description Seconds between automatic schema reads (60 to 604,800; 86,400 when not given). */
            schema_refresh_interval?: number;
            /** @description The SSH bastion's host; null when there is none. */
            ssh_host?: string | null;
            /** @description The local port the tunnel listens on (1024 to 65535); null when there is none. */
            ssh_local_port?: number | null;
            /** @description The SSH bastion's port (1 to 65535); null when there is none. */
            ssh_port?: number | null;
            /** @description The user the tunnel logs in as on the bastion; null when there is none. */
            ssh_username?: string | null;
            status: components["schemas"]["DataSourceStatus"];
            tags?: components["schemas"]["Tags"];
            type: components["schemas"]["ReportedType"];
            updated_at?: components["schemas"]["Timestamp"];
            /** @description The user who last changed it; null when it was never changed after creation. */
            updated_by_user_id?: number | null;
            /** @description True when connections go through an SSH tunnel. */
            use_ssh_tunnel?: boolean;
            /** @description The workspace it belongs to; null when it belongs to the organisation only. */
            workspace_id?: number | null;
        };
        /** @description A new data source. `name` and `type` are required; [ours] database types also need `host`, `port` and `database_name`. Fields left out take their defaults (null, false, the documented numbers, `{}`, `[]`). */
        DataSourceCreate: {
            /** @description Most connections kept open at once, 1 to 100 (5 when not given). */
            connection_pool_size?: number;
            /** @description A full connection URL ([ours] at most 2,000 characters). */
            connection_string?: string | null;
            /** @description Seconds to wait for a connection to open, 1 to 3,600 (30 when not given). */
            connection_timeout?: number;
            credentials?: components["schemas"]["Credentials"];
            /** @description The database (or project, catalog) to open ([ours] at most 255 characters). */
            database_name?: string | null;
            /** @description What it is for, in prose ([ours] at most 2,000 characters). */
            description?: string | null;
            /** @description Object path in storage for file-based sources, at most 1,000 characters. */
            file_path?: string | null;
            /** @description Host name or address of the server ([ours] at most 255 characters). */
            host?: string | null;
            /** @description Retries of a failed connection, 0 to 10 (3 when not given). */
            max_retries?: number;
            metadata?: components["schemas"]["Metadata"];
            /** @description Its name, 1 to 255 characters, unique within the organisation. */
            name: string;
            /** @description TCP port of the server, 1 to 65535. */
            port?: number | null;
            /** @description Seconds a query may run, 1 to 86,400 (300 when not given). */
            query_timeout?: number;
            /** @description True to read the schema again periodically (false when not given). */
            schema_auto_refresh?: boolean;
            /** @description The schema to work in ([ours] at most 255 characters). */
            schema_name?: string | null;
            /** @description Seconds between schema reads, 60 to 604,800 (86,400 when not given). */
            schema_refresh_interval?: number;
            /** @description The SSH bastion's host ([ours] at most 255 characters). */
            ssh_host?: string | null;
            /** @description The local port the tunnel listens on, 1024 to 65535. */
            ssh_local_port?: number | null;
            /** @description The SSH bastion's port, 1 to 65535. */
            ssh_port?: number | null;
            /** @description The user the tunnel logs in as ([ours] at most 255 characters). */
            ssh_username?: string | null;
            tags?: components["schemas"]["Tags"];
            type: components["schemas"]["DataSourceType"];
            /** @description True to connect through an SSH tunnel (false when not given). */
            use_ssh_tunnel?: boolean;
            /** @description [ours] One of the organisation's workspaces; null or absent for none. */
            workspace_id?: number | null;
        } & unknown;
        /** @description Which data source was deleted and when. */
        DataSourceDeleted: {
            /** @description The id of the deleted data source. */
            data_source_id: number;
            deleted_at: components["schemas"]["Timestamp"];
        };
        /** @description The envelope of a delete answer. */
        DataSourceDeletedResponse: {
            data: components["schemas"]["DataSourceDeleted"];
            /** @description A human-readable summary of what happened. */
            message: string;
            /**
             * @description Always true on a 2xx answer.
             * @constant
             */
            success: true;
        };
        /** @description The envelope of a list answer. */
        DataSourceListResponse: {
            data: components["schemas"]["DataSourcePage"];
            /** @description A human-readable summary of what happened. */
            message: string;
            /**
             * @description Always true on a 2xx answer.
             * @constant
             */
            success: true;
        };
        /** @description One page of summaries and its position. */
        DataSourcePage: {
            /** @description The summaries on this page, in the order asked. */
            items: components["schemas"]["DataSourceSummary"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** @description The fields to change, every one optional; fields left out keep their value. [ours] Null clears the fields whose type admits it; `tags` and `metadata` replace the stored value whole. `type`, `workspace_id` and credentials cannot be changed here. */
        DataSourcePatch: {
            /** @description Most connections kept open at once, 1 to 100; never null. */
            connection_pool_size?: number;
            /** @description A new connection URL ([ours] at most 2,000 characters); null clears it. */
            connection_string?: string | null;
            /** @description Seconds to wait for a connection to open, 1 to 3,600; never null. */
            connection_timeout?: number;
            /** @description A new database name ([ours] at most 255 characters); null clears it. */
            database_name?: string | null;
            /** @description A new description ([ours] at most 2,000 characters); null clears it. */
            description?: string | null;
            /** @description A new object path in storage, at most 1,000 characters; null clears it. */
            file_path?: string | null;
            /** @description A new host ([ours] at most 255 characters); null clears it. */
            host?: string | null;
            /** @description Retries of a failed connection, 0 to 10; never null. */
            max_retries?: number;
            metadata?: components["schemas"]["Metadata"];
            /** @description A new name, 1 to 255 characters, unique within the organisation; never null. */
            name?: string;
            /** @description A new port, 1 to 65535; null clears it. */
            port?: number | null;
            /** @description Seconds a query may run, 1 to 86,400; never null. */
            query_timeout?: number;
            /** @description Whether to read the schema again periodically; never null. */
            schema_auto_refresh?: boolean;
            /** @description A new schema name ([ours] at most 255 characters); null clears it. */
            schema_name?: string | null;
            /** @description Seconds between schema reads, 60 to 604,800; never null. */
            schema_refresh_interval?: number;
            /** @description A new SSH bastion host ([ours] at most 255 characters); null clears it. */
            ssh_host?: string | null;
            /** @description A new local tunnel port, 1024 to 65535; null clears it. */
            ssh_local_port?: number | null;
            /** @description A new SSH bastion port, 1 to 65535; null clears it. */
            ssh_port?: number | null;
            /** @description A new SSH user ([ours] at most 255 characters); null clears it. */
            ssh_username?: string | null;
            tags?: components["schemas"]["Tags"];
            /** @description Whether to connect through an SSH tunnel; never null. */
            use_ssh_tunnel?: boolean;
        };
        /** @description The envelope of an answer that carries one data source. */
        DataSourceResponse: {
            data: components["schemas"]["DataSource"];
            /** @description A human-readable summary of what happened. */
            message: string;
            /**
             * @description Always true on a 2xx answer.
             * @constant
             */
            success: true;
        };
        /**
         * @description Where the data source stands: `active` (in use), `inactive` (switched off), `testing` (being tried out), `failed` (its last connection test failed), `maintenance` (taken out of use for upkeep).
         * @enum {string}
         */
        DataSourceStatus: "active" | "inactive" | "testing" | "failed" | "maintenance";
        /** @description [ours] The part of a data source that lists answer: identity, type, where it points and its state. Read the data source itself for every field. */
        DataSourceSummary: {
            created_at?: components["schemas"]["Timestamp"];
            /** @description The database (or project, catalog) to open; null when the type has none. */
            database_name?: string | null;
            /** @description What it is for, in prose; null when none was given. */
            description?: string | null;
            /** @description Host name or address of the server; null when the type has none. */
            host?: string | null;
            /** @description The data source's id. */
            id: number;
            /** @description When its connection was last tested; null when never. */
            last_tested_at?: components["schemas"]["Timestamp"] | null;
            /** @description Its name, 1 to 255 characters, unique within the organisation. */
            name: string;
            /** @description The organisation that owns it. */
            organization_id: number;
            /** @description TCP port of the server (1 to 65535); null when the type has none. */
            port?: number | null;
            status: components["schemas"]["DataSourceStatus"];
            tags?: components["schemas"]["Tags"];
            type: components["schemas"]["ReportedType"];
            updated_at?: components["schemas"]["Timestamp"];
            /** @description The workspace it belongs to; null when it belongs to the organisation only. */
            workspace_id?: number | null;
        };
        /**
         * @description What kind of system the data source connects to. The reference shows postgresql, mysql and csv; [ours] the rest complete the list the simulator uses. Database types (postgresql, mysql, mariadb, mssql, oracle, redshift, clickhouse, mongodb) need host, port and database_name; warehouses (snowflake, bigquery, databricks) and kafka take connection fields as they apply; file and object-store types (csv, parquet, json, s3, gcs, azure_blob) are located by `file_path`.
         * @enum {string}
         */
        DataSourceType: "postgresql" | "mysql" | "csv" | "mariadb" | "mssql" | "oracle" | "snowflake" | "bigquery" | "redshift" | "databricks" | "clickhouse" | "mongodb" | "s3" | "gcs" | "azure_blob" | "parquet" | "json" | "kafka";
        /** @description What went wrong. */
        Error: {
            code: components["schemas"]["ErrorCode"];
            details?: components["schemas"]["ErrorDetails"];
            /** @description A human-readable explanation, one line. */
            message: string;
            timestamp: components["schemas"]["Timestamp"];
        };
        /**
         * @description A stable code for the failure. The endpoint pages use BAD_REQUEST (400), UNAUTHORIZED (401), FORBIDDEN (403) and NOT_FOUND (404); the general error page adds AUTH_REQUIRED, AUTH_INVALID, AUTH_EXPIRED (401), PERMISSION_DENIED (403), VALIDATION_ERROR (400), RESOURCE_NOT_FOUND (404), CONFLICT (409), RATE_LIMIT_EXCEEDED (429), INTERNAL_ERROR (500) and SERVICE_UNAVAILABLE (503). [ours] The simulator sends the endpoint pages' codes plus CONFLICT, RATE_LIMIT_EXCEEDED, INTERNAL_ERROR and SERVICE_UNAVAILABLE.
         * @enum {string}
         */
        ErrorCode: "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "RATE_LIMIT_EXCEEDED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE" | "AUTH_REQUIRED" | "AUTH_INVALID" | "AUTH_EXPIRED" | "PERMISSION_DENIED" | "VALIDATION_ERROR" | "RESOURCE_NOT_FOUND";
        /** @description The request field at fault and why. */
        ErrorDetails: {
            /** @description The field at fault, as a dotted path (`credentials.password`, `tags[2]`); a query or path parameter by its name. */
            field: string;
            /** @description What is wrong with it. */
            reason: string;
        };
        /** @description Every error answer. [ours] `error.details` is present when a field is at fault. */
        ErrorResponse: {
            error: components["schemas"]["Error"];
            /**
             * @description Always false on an error answer.
             * @constant
             */
            success: false;
        };
        /** @description Free-form JSON the organisation attaches to the data source (owners, cost centres and the like). Sending an object replaces the stored object whole. */
        Metadata: {
            [key: string]: unknown;
        };
        /** @description Where a page lies in the whole result. */
        Pagination: {
            /** @description True when a page after this one holds items. */
            has_next: boolean;
            /** @description True when this is not the first page. */
            has_previous: boolean;
            /** @description The page answered, counting from 1. */
            page: number;
            /** @description Most items a page holds, as asked. */
            page_size: number;
            /** @description How many data sources match the filters in all. */
            total_items: number;
            /** @description How many pages of `page_size` hold them; [ours] 0 when nothing matches. */
            total_pages: number;
        };
        /** @description What kind of system the data source connects to, as an answer names it: a `DataSourceType` as far as the docs show, but other values may appear. */
        ReportedType: string;
        /** @description Free labels for grouping and finding data sources; [ours] at most 50, each 1 to 64 characters. Sending a list replaces the stored list whole. */
        Tags: string[];
        /**
         * Format: date-time
         * @description An instant in UTC, ISO 8601 with a `Z` suffix.
         */
        Timestamp: string;
    };
    responses: {
        /** @description The request breaks the contract (a field missing, too long, of the wrong type, unknown, or a query parameter out of range). `error.details` names the first field at fault; [ours] `error.message` lists every problem as "<field>: <problem>". */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description [ours] Another data source of the organisation already has this name. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The user is not a member of any organisation. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The service failed while handling the request. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No data source with this id in the caller's organisation (it never existed, was deleted, or belongs to another organisation). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Too many requests for the organisation's plan (100, 500 or 1,000 a minute). The `Retry-After` header says how many seconds to wait. */
        RateLimited: {
            headers: {
                /** @description Seconds to wait before the next request. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The service is down for maintenance or overloaded; try again later. */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The access token is missing, malformed or unknown. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /** @description The data source's id, a positive integer. */
        DataSourceId: number;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listDataSources: {
        parameters: {
            query?: {
                /** @description Which page to answer, counting from 1. */
                page?: number;
                /** @description How many data sources a page holds, from 1 to 100 ([ours] upper limit). */
                page_size?: number;
                /** @description Only data sources whose name or description contains this text, ignoring case (1 to 255 characters). */
                search?: string;
                /** @description The field to sort by. The reference names `created_at`; [ours] `name`, `updated_at` and `id` are accepted too. Ties are broken by `id`. */
                sort_by?: "created_at" | "updated_at" | "name" | "id";
                /** @description Ascending (`asc`) or descending (`desc`, the default) order. */
                sort_order?: "asc" | "desc";
                /** @description Only data sources in this status. */
                status_filter?: components["schemas"]["DataSourceStatus"];
                /** @description Only data sources of this type. */
                type?: components["schemas"]["DataSourceType"];
                /** @description Only data sources of this workspace. */
                workspace_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of summaries and where it lies in the whole result. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSourceListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createDataSource: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DataSourceCreate"];
            };
        };
        responses: {
            /** @description The data source as created (credentials left out). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSourceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDataSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The data source's id, a positive integer. */
                data_source_id: components["parameters"]["DataSourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The data source. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSourceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteDataSource: {
        parameters: {
            query?: {
                /** @description True to remove the data source for good rather than soft-delete it. */
                force?: boolean;
            };
            header?: never;
            path: {
                /** @description The data source's id, a positive integer. */
                data_source_id: components["parameters"]["DataSourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The data source is deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSourceDeletedResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateDataSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The data source's id, a positive integer. */
                data_source_id: components["parameters"]["DataSourceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DataSourcePatch"];
            };
        };
        responses: {
            /** @description The data source after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSourceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateDataSourceCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The data source's id, a positive integer. */
                data_source_id: components["parameters"]["DataSourceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CredentialsUpdate"];
            };
        };
        responses: {
            /** @description The credentials are stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialsUpdatedResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    testDataSourceConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The data source's id, a positive integer. */
                data_source_id: components["parameters"]["DataSourceId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ConnectionTestRequest"];
            };
        };
        responses: {
            /** @description The outcome of the test, successful or not. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionTestResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}

// Generated from openapi.yaml by `npm run types:openapi`. Do not edit: change the document and regenerate.
export interface paths {
    "/api/public/v1/auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a user name and password for an access token
         * @description Password grant: the answer's `data.accessToken` is a JWT to send as `Authorization: Bearer <token>` on every other call until its `exp` claim passes.
         */
        post: operations["authenticate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/v1/data-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create one or more data sources
         * @description Takes one data source or an array of at least one. Every item needs `resourceName` and `databaseType`; names are unique across the catalog. 201 when every item was created; 207 when some were and some were not ([ours]: `data` holds the created ones and `errors` says which items failed and why); 400 when a single object or every item of an array fails.
         */
        post: operations["createDataSources"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/v1/data-sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The data source's `_id`. Anything other than 24 hex digits makes the service answer 500 ("Cast to ObjectId failed"). */
                id: components["parameters"]["DataSourceId"];
            };
            cookie?: never;
        };
        /**
         * Read one data source
         * @description Metadata and configuration of one data source, secrets left out. An id that is not a 24-hex ObjectId makes the service fail with 500 ("Cast to ObjectId failed"); [ours] a well-formed id that names nothing is a 404.
         */
        get: operations["getDataSource"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change some attributes of a data source
         * @description Only the fields sent change. Scalars overwrite the stored value; arrays (`includePatterns`, `excludePatterns`) replace the stored list whole. `resourceName` and `databaseType` cannot change: [ours] sending either is a 400 whose `message` is an object naming them. Answers the data source as it is after the change.
         */
        patch: operations["updateDataSource"];
        trace?: never;
    };
    "/api/public/v1/data-sources/by-ids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read several data sources by id in one call
         * @description The answer is NOT in the order asked: [ours] it comes in `_id` order (which is creation order), and ids that name nothing are simply absent, so match results to ids by `_id`. A non-ObjectId id makes the whole call fail with 500 ("Cast to ObjectId failed").
         */
        post: operations["getDataSourcesByIds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/v1/data-sources/filter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Find data sources by id, name or type, a page at a time
         * @description Filters combine with AND; the values inside one filter combine with OR. `resourceNames` and `databaseTypes` accept `*` wildcards: `my-db` (exact), `prod-*` (prefix), `*-primary` (suffix), `*postgres*` (contains); [ours] matching is case-sensitive. [ours] Results are ordered by `_id` ascending (creation order), so paging with `skip` and `limit` over an unchanged catalog sees every match exactly once.
         */
        post: operations["filterDataSources"];
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
        /**
         * @description How the connection is described, by separate fields (`credentials`) or one `uri`.
         * @enum {string}
         */
        ConfigMethod: "credentials" | "uri";
        /** @description What a terabyte stored in this data source costs. */
        CostPerTb: {
            /** @description ISO 4217 currency code, e.g. USD. */
            currency: string;
            /**
             * @description The period the price is for.
             * @enum {string}
             */
            frequency: "month" | "day" | "week" | "year";
            /** @description Price of one terabyte for one period, in `currency`. */
            price: number;
        };
        /** @description [ours] Why one item of a batch was not created. */
        CreateFailure: {
            /** @description Position of the item in the array sent, from 0. */
            index: number;
            /** @description The reason, as "<field>: <problem>". */
            message: string;
            /** @description The name the item asked for. */
            resourceName: string;
        };
        /**
         * @description The kind of system the data source is: `AWS` (S3 or an S3-compatible store), `POSTGRES`, `MYSQL`, `MSSQL`, `ORACLE`, `AZURE_BLOB_STORAGE`; other values may appear.
         * @example POSTGRES
         */
        DatabaseType: string;
        /** @description A data source as the catalog returns it; secrets are never included. The docs mark no field as always present: readers rely only on `_id`, `resourceName` and `databaseType`. [ours] The simulator always sends `status`, `date`, the pattern lists and the flags. */
        DataSource: {
            _id: components["schemas"]["ObjectId"];
            /** @description Access key id for object stores (the secret part is write-only). */
            accessId?: string;
            /** @description Azure storage account name. */
            accountName?: string;
            /** @description Identifier of the worker group that must process this data source. */
            affinityId?: string;
            /** @description Whether the data source takes part in data mastering. */
            availableForDataMastering?: boolean;
            /** @description Whether the data source may be a migration target. */
            availableForMigration?: boolean;
            /** @description Whether the catalog may write into this data source. */
            availableForWriting?: boolean;
            /** @description Azure Active Directory tenant id. */
            azureTenantId?: string;
            configMethod?: components["schemas"]["ConfigMethod"];
            costPerTb?: components["schemas"]["CostPerTb"];
            /** @description Database (or Oracle service) to connect to. */
            databaseName?: string;
            databaseType: components["schemas"]["DatabaseType"];
            /**
             * Format: date-time
             * @description When the data source was created (ISO 8601, UTC); there is no update time.
             */
            date?: string;
            /** @description Free text shown in the catalog. */
            description?: string;
            /** @description JDBC driver class used to connect. */
            driverClassName?: string;
            excludePatterns?: components["schemas"]["Patterns"];
            /** @description Host name or IP address of the server. */
            host?: string;
            includePatterns?: components["schemas"]["Patterns"];
            /** @description Whether scans only pick up what changed since the last one. */
            incremental?: boolean;
            /** @description Id of the latest ingest (scan) job. */
            lastIngestId?: string;
            /** @description Id of the latest connection test job. */
            lastTestConnectionId?: string;
            location?: components["schemas"]["Location"];
            /** @description A short operator note. */
            note?: string;
            /** @description Bucket/container and prefix scanned, for object stores. */
            path?: string;
            /** @description TCP port, as a string (of digits, as far as the docs show). */
            port?: string;
            /** @description Cloud region, e.g. `us-east-1`. */
            region?: string;
            /** @description Unique name of the data source in the catalog; fixed at creation. */
            resourceName: string;
            /** @description Database role or cloud role assumed after connecting. */
            role?: string;
            /** @description How far back scans look, as an ISO 8601 duration such as `P30D`. */
            scanSinceTimeframe?: string;
            /** @description [ours] Lifecycle state, `ACTIVE` or `INACTIVE`; other values may appear. */
            status?: string;
            /** @description Storage capacity, in terabytes. */
            totalCapacity?: number;
            /** @description Full connection URI (JDBC URL, s3:// or https:// address) when `configMethod` is `uri`. */
            uri?: string;
            /** @description User the catalog connects as. */
            userName?: string;
            /** @description Compute warehouse to use, for systems that have one. */
            warehouse?: string;
        };
        /** @description A new data source. Secrets are stored and never returned. */
        DataSourceCreate: {
            /** @description Access key id for object stores. */
            accessId?: string;
            /** @description Azure storage account name. */
            accountName?: string;
            /** @description Identifier of the worker group that must process this data source. */
            affinityId?: string;
            /** @description Whether it takes part in data mastering; false when not given. */
            availableForDataMastering?: boolean;
            /** @description Whether the data source may be a migration target; false when not given. */
            availableForMigration?: boolean;
            /** @description Whether the catalog may write into it; false when not given. */
            availableForWriting?: boolean;
            /** @description Azure storage account shared key. Write-only. */
            azureSharedKey?: string;
            /** @description Azure Active Directory tenant id. */
            azureTenantId?: string;
            configMethod?: components["schemas"]["ConfigMethod"];
            costPerTb?: components["schemas"]["CostPerTb"];
            /** @description Database (or Oracle service) to connect to. */
            databaseName?: string;
            databaseType: components["schemas"]["DatabaseType"];
            /** @description Free text shown in the catalog. */
            description?: string;
            /** @description JDBC driver class used to connect. */
            driverClassName?: string;
            excludePatterns?: components["schemas"]["Patterns"];
            /** @description Host name or IP address of the server. */
            host?: string;
            includePatterns?: components["schemas"]["Patterns"];
            /** @description Whether scans only pick up changes; false when not given. */
            incremental?: boolean;
            location?: components["schemas"]["Location"];
            /** @description A short operator note. */
            note?: string;
            /** @description Password of `userName`. Write-only. */
            password?: string;
            /** @description Bucket/container and prefix scanned, for object stores. */
            path?: string;
            /** @description TCP port as a string of 1 to 5 digits. */
            port?: string;
            /** @description Cloud region, e.g. `us-east-1`. */
            region?: string;
            /** @description Unique name in the catalog, 1 to 255 characters; cannot change later. */
            resourceName: string;
            /** @description Database role or cloud role assumed after connecting. */
            role?: string;
            /** @description How far back scans look, e.g. `P30D`. */
            scanSinceTimeframe?: string;
            /** @description Secret access key paired with `accessId`. Write-only. */
            secretKey?: string;
            /** @description Key of the credentials in an external secret manager. Write-only. */
            secretManagerKey?: string;
            /** @description [ours] Lifecycle state; `ACTIVE` when not given. */
            status?: string;
            /** @description Storage capacity, in terabytes. */
            totalCapacity?: number;
            /** @description Full connection URI, when `configMethod` is `uri`. */
            uri?: string;
            /** @description User the catalog connects as. */
            userName?: string;
            /** @description Compute warehouse to use, for systems that have one. */
            warehouse?: string;
        };
        /** @description Every data source asked for was created. */
        DataSourceCreatedResponse: {
            /** @description The created data sources, in the order sent (one item when one object was sent). */
            data: components["schemas"]["DataSource"][];
            /**
             * @description The HTTP status code again.
             * @constant
             */
            status: 201;
        };
        /** @description The filters; at least one must be given. */
        DataSourceFilterRequest: {
            /** @description Filters combine with AND; values inside one filter with OR. */
            filters: {
                /** @description Types or `*` patterns (`x`, `x*`, `*x`, `*x*`). */
                databaseTypes?: string[];
                /** @description Only these ids (24-hex ObjectIds). */
                ids?: string[];
                /** @description Names or `*` patterns (`x`, `x*`, `*x`, `*x*`). */
                resourceNames?: string[];
            };
        };
        /** @description The ids to read. */
        DataSourceIdsRequest: {
            /** @description Data source ids, at least one; each should be a 24-hex ObjectId. */
            ids: string[];
        };
        /** @description Several data sources. */
        DataSourceListResponse: {
            /** @description The data sources, in `_id` order. */
            data: components["schemas"]["DataSource"][];
            /**
             * @description The HTTP status code again.
             * @constant
             */
            status: 200;
        };
        /** @description One page of a filter. */
        DataSourcePageResponse: {
            /** @description The page's data sources, in `_id` order. */
            data: components["schemas"]["DataSource"][];
            pageInfo: components["schemas"]["PageInfo"];
            /**
             * @description The HTTP status code again.
             * @constant
             */
            status: 200;
        };
        /** @description Some items of a batch were created, the others failed; the docs give it a `message`. [ours] `errors` lists the failed items; the simulator's documented shape leaves it out. */
        DataSourcePartialResponse: {
            /** @description The data sources that were created, in the order sent. */
            data: components["schemas"]["DataSource"][];
            /** @description One entry per item that was not created. */
            errors?: components["schemas"]["CreateFailure"][];
            /** @description A summary such as "2 of 3 data sources created". */
            message: string;
            /**
             * @description The HTTP status code again.
             * @constant
             */
            status: 207;
        };
        /** @description The attributes to change; absent ones stay as they are. Exactly the fields the service documents for PATCH, no others. */
        DataSourcePatch: {
            /** @description Access key id for object stores. */
            accessId?: string;
            /** @description Azure storage account name. */
            accountName?: string;
            /** @description Worker group that must process this data source. */
            affinityId?: string;
            /** @description Whether it takes part in data mastering. */
            availableForDataMastering?: boolean;
            /** @description Whether the data source may be a migration target. */
            availableForMigration?: boolean;
            /** @description Whether the catalog may write into it. */
            availableForWriting?: boolean;
            /** @description New Azure shared key. Write-only. */
            azureSharedKey?: string;
            /** @description Azure Active Directory tenant id. */
            azureTenantId?: string;
            /** @description Database (or Oracle service) to connect to. */
            databaseName?: string;
            /** @description Free text shown in the catalog. */
            description?: string;
            /** @description JDBC driver class used to connect. */
            driverClassName?: string;
            excludePatterns?: components["schemas"]["Patterns"];
            /** @description Host name or IP address. */
            host?: string;
            includePatterns?: components["schemas"]["Patterns"];
            /** @description Whether scans only pick up changes. */
            incremental?: boolean;
            /** @description Id of the latest ingest job. */
            lastIngestId?: string;
            /** @description Id of the latest connection test job. */
            lastTestConnectionId?: string;
            /** @description A short operator note. */
            note?: string;
            /** @description New password. Write-only. */
            password?: string;
            /** @description Bucket/container and prefix scanned. */
            path?: string;
            /** @description TCP port as a string of 1 to 5 digits. */
            port?: string;
            /** @description Cloud region. */
            region?: string;
            /** @description Database or cloud role assumed after connecting. */
            role?: string;
            /** @description How far back scans look, e.g. `P30D`. */
            scanSinceTimeframe?: string;
            /** @description New secret access key. Write-only. */
            secretKey?: string;
            /** @description New secret manager key. Write-only. */
            secretManagerKey?: string;
            /** @description Storage capacity, in terabytes. */
            totalCapacity?: number;
            /** @description Full connection URI. */
            uri?: string;
            /** @description User the catalog connects as. */
            userName?: string;
            /** @description Compute warehouse to use. */
            warehouse?: string;
        };
        /** @description One data source. */
        DataSourceResponse: {
            data: components["schemas"]["DataSource"];
            /**
             * @description The HTTP status code again.
             * @constant
             */
            status: 200;
        };
        /** @description Every error answer. */
        Error: {
            message: components["schemas"]["ErrorMessage"];
            /** @description The HTTP status code again. */
            status: number;
        };
        /** @description What went wrong, in one of three shapes the service uses. */
        ErrorMessage: string | (string | Record<string, never>)[] | {
            [key: string]: string;
        };
        /** @description [ours] Where the data physically lives. */
        Location: {
            /** @description City or metro area of the data centre. */
            city: string;
            /** @description ISO 3166-1 alpha-2 country code. */
            country: string;
            /** @description Latitude in decimal degrees. */
            latitude?: number;
            /** @description Longitude in decimal degrees. */
            longitude?: number;
        };
        /** @description Password-grant form fields. */
        LoginForm: {
            /**
             * @description The OAuth client the public API is registered as; always `pdc-client`.
             * @enum {string}
             */
            client_id: "pdc-client";
            /**
             * @description The OAuth grant; always `password`.
             * @enum {string}
             */
            grant_type: "password";
            /** @description The catalog user's password. */
            password: string;
            /** @description The catalog user's login name. */
            username: string;
        };
        /** @description A successful login. */
        LoginResponse: {
            /** @description The token. */
            data: {
                /** @description A JWT (three base64url parts); its payload holds `sub` (the user), `iat` and `exp` (seconds since the epoch). Send it until `exp` passes, then log in again. */
                accessToken: string;
            };
            /** @description A human-readable confirmation. */
            message: string;
            /** @description The HTTP status code again, when the service includes it. */
            status?: number;
        };
        /** @description A MongoDB ObjectId as 24 lowercase hex digits; its first 8 encode the creation second. */
        ObjectId: string;
        /** @description Where this page lies in the whole result. */
        PageInfo: {
            /** @description The `limit` this page was asked with. */
            limit: number;
            /** @description The `skip` this page was asked with. */
            skip: number;
            /** @description How many data sources match the filters in all. */
            totalCount: number;
        };
        /** @description Resource path patterns (glob-like, e.g. `sales/*`); the whole list is replaced on write. */
        Patterns: string[];
    };
    responses: {
        /** @description The request is not acceptable. [ours] Schema failures give `message` as an array of "<field>: <problem>" strings; a PATCH of a field that cannot change gives an object from field to reason; business rules (duplicate name) give one "<field>: <problem>" string. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description [ours] No data source has this well-formed id. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The service failed, e.g. "Cast to ObjectId failed ..." when an id is not a 24-hex ObjectId. */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The catalog's backing store cannot be reached ("Connection Refused"). */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No token, a token that is not valid or has expired, or wrong login credentials. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description The data source's `_id`. Anything other than 24 hex digits makes the service answer 500 ("Cast to ObjectId failed"). */
        DataSourceId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    authenticate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["LoginForm"];
            };
        };
        responses: {
            /** @description The credentials are valid; here is a token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createDataSources: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DataSourceCreate"] | components["schemas"]["DataSourceCreate"][];
            };
        };
        responses: {
            /** @description Every data source was created; `data` lists them in the order sent. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSourceCreatedResponse"];
                };
            };
            /** @description Some data sources were created and some were not. */
            207: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSourcePartialResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDataSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The data source's `_id`. Anything other than 24 hex digits makes the service answer 500 ("Cast to ObjectId failed"). */
                id: components["parameters"]["DataSourceId"];
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
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateDataSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The data source's `_id`. Anything other than 24 hex digits makes the service answer 500 ("Cast to ObjectId failed"). */
                id: components["parameters"]["DataSourceId"];
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
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDataSourcesByIds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DataSourceIdsRequest"];
            };
        };
        responses: {
            /** @description The data sources found, at most one per distinct id asked. */
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
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    filterDataSources: {
        parameters: {
            query?: {
                /** @description Most data sources in the page, from 1 to 10000. */
                limit?: number;
                /** @description How many matching data sources to pass over before the page starts. */
                skip?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DataSourceFilterRequest"];
            };
        };
        responses: {
            /** @description One page of matching data sources and where it lies in the whole result. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataSourcePageResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}

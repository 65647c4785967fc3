// Generated from openapi.yaml by `npm run types:openapi`. Do not edit: change the document and regenerate.
export interface paths {
    "/destinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List destinations a page at a time
         * @description Destinations ordered by creation time (then id), newest first unless `order=asc`. When more remain, the answer says `has_next: true` and gives `next_url`, whose `cursor` parameter fetches the following page. [ours] A cursor marks a position, so paging while destinations are added or deleted never repeats one.
         */
        get: operations["listDestinations"];
        put?: never;
        /**
         * Create a destination
         * @description Needs `vendor`, `name`, exactly one of `recipient_id` and `id_in_provider_system`, and the settings block named after the vendor (and no other vendor's block). [ours] A recipient named by `id_in_provider_system` that does not exist yet is created. [ours] Names are unique: a name already in use is a 409. [ours] Missing `frequency_minutes` is 1440, `is_enabled` true, `max_concurrent_transfers` 1, `max_concurrent_queries_per_transfer` 4, `enabled_models` `["*"]`, `products` `[]`.
         */
        post: operations["createDestination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/destinations/{destination_id}": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The destination's id, as `id` in a destination object. */
                destination_id: components["parameters"]["DestinationId"];
            };
            cookie?: never;
        };
        /**
         * Read one destination
         * @description The destination with its transfer statistics and its last completed transfer.
         */
        get: operations["getDestination"];
        put?: never;
        post?: never;
        /**
         * Delete a destination
         * @description Removes the destination and its transfer history; later reads of its id are 404s. [ours] `data` is an empty object.
         */
        delete: operations["deleteDestination"];
        options?: never;
        head?: never;
        /**
         * Change some settings of a destination
         * @description Fields left out stay as they are; lists (`enabled_models`) replace the stored list whole. [ours] Inside the vendor block, fields merge one by one (nested objects too), so a new password can be sent without the rest of the block. [ours] A block for a vendor other than the destination's is a 400, an explicit `null` is a 400 naming the field, and a name already used by another destination is a 409. Answers the destination after the change.
         */
        patch: operations["updateDestination"];
        trace?: never;
    };
    "/destinations/{destination_id}/test-connection": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The destination's id, as `id` in a destination object. */
                destination_id: components["parameters"]["DestinationId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test the connection of a saved destination
         * @description Tries to connect with the stored settings. Like the unsaved test, it answers 200 with `status: "success"` whatever the outcome; `data.status` and `data.error` carry it.
         */
        post: operations["testDestinationConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/destinations/{destination_id}/transfer": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The destination's id, as `id` in a destination object. */
                destination_id: components["parameters"]["DestinationId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue a transfer to a destination now
         * @description Queues one transfer outside the destination's schedule and answers its id. Every field is optional: no body is an incremental transfer of every enabled model. [ours] The transfer waits with status PENDING; models must be enabled on the destination (400 naming the item otherwise); the window's end must follow its start; a disabled destination answers 409.
         */
        post: operations["createTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/destinations/{destination_id}/transfers": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The destination's id, as `id` in a destination object. */
                destination_id: components["parameters"]["DestinationId"];
            };
            cookie?: never;
        };
        /**
         * List the transfers of one destination a page at a time
         * @description Transfers ordered by submission time (then id), newest first unless `order=asc`, optionally only those with one status or that ended inside a time range. [ours] Paging works as for the destination list (`page_size`, `order`, `cursor`, `has_next`, `next_url`); a transfer that has not ended is left out whenever `ended_before` or `ended_after` is given.
         */
        get: operations["listTransfers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/test-destination": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test the connection settings of a destination that is not saved
         * @description Takes the same body as creating a destination ([ours] the recipient may be left out) and tries to connect with it. The answer is a 200 with `status: "success"` even when the connection failed: the outcome is `data.status`, with `data.error` saying what went wrong. [ours] The simulator fails a test when a setting ends in `.invalid` (the host cannot be resolved) or a secret starts with `wrong-` (the credentials are refused).
         */
        post: operations["testDestination"];
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
        /** @description Files written to an Azure Blob Storage container. */
        AbsSettings: {
            /**
             * @description How the container is reached; only a service shared access signature.
             * @enum {string}
             */
            auth_method?: "azure_service_shared_access_signature";
            /** @description A service SAS granting write access to the container. */
            azure_service_shared_access_signature?: {
                /** @description The SAS token. Secret; never returned. */
                shared_access_signature_token?: string;
            };
            /** @description The blob container files are written to. */
            container_name?: string;
            disable_manifest?: components["schemas"]["DisableManifest"];
            folder?: components["schemas"]["Folder"];
            /** @description The Azure storage account that holds the container. */
            storage_account_name?: string;
        };
        /** @description Azure Blob Storage settings as returned (the SAS token left out). */
        AbsView: {
            /** @description How the container is reached. */
            auth_method?: string;
            /** @description The blob container files are written to. */
            container_name?: string;
            /** @description How CSV files are written. */
            csv?: {
                /** @description The field separator ([ours] `,` unless set otherwise by Prequel). */
                delimiter?: string;
            };
            disable_manifest?: components["schemas"]["DisableManifest"];
            folder?: components["schemas"]["Folder"];
            /** @description The Azure storage account that holds the container. */
            storage_account_name?: string;
        };
        /** @description Tables written through Amazon Athena, with data in S3. */
        AthenaSettings: {
            aws_access_keys?: components["schemas"]["AwsAccessKeys"];
            bucket_s3?: components["schemas"]["BucketS3Location"];
            connection_database?: components["schemas"]["DatabaseName"];
            /** @description The Athena workgroup queries run in. */
            workgroup?: string;
            /** @description The Glue database tables are created in. */
            write_database?: string;
        };
        /** @description [ours] Amazon Athena settings as returned (the secret key left out). */
        AthenaView: {
            aws_access_keys?: components["schemas"]["AwsAccessKeysView"];
            bucket_s3?: components["schemas"]["BucketS3Location"];
            connection_database?: components["schemas"]["DatabaseName"];
            /** @description The Athena workgroup queries run in. */
            workgroup?: string;
            /** @description The Glue database tables are created in. */
            write_database?: string;
        };
        /** @description An AWS access key pair. */
        AwsAccessKeys: {
            /** @description The access key id (`AKIA...`). */
            access_id?: string;
            /** @description The secret access key. Secret; never returned. */
            secret_key?: string;
        };
        /** @description [ours] The access key id, without its secret. */
        AwsAccessKeysView: {
            /** @description The access key id (`AKIA...`). */
            access_id?: string;
        };
        /** @description An IAM role Prequel assumes to reach the bucket. */
        AwsIamRole: {
            /** @description ARN of the role, `arn:aws:iam::<account>:role/<name>`. */
            aws_iam_role_arn?: string;
        };
        /** @description [ours] Tables written to a Google BigQuery dataset. */
        BigquerySettings: {
            /**
             * @description Whether Prequel uses a granted service account or a key the recipient sent.
             * @enum {string}
             */
            auth_method?: "gcp_service_account_role" | "gcp_service_account_key";
            /** @description Cloud Storage bucket used to stage files before loading them. */
            bucket_name?: string;
            /** @description The dataset tables are written to. */
            dataset?: string;
            gcp_service_account_key?: components["schemas"]["GcpServiceAccountKey"];
            gcp_service_account_role?: components["schemas"]["GcpServiceAccountRole"];
            /** @description The Google Cloud project that holds the dataset. */
            project_id?: string;
            /** @description The dataset's location, e.g. `US` or `europe-west1`. */
            region?: string;
        };
        /** @description [ours] Google BigQuery settings as returned (the service account key left out). */
        BigqueryView: {
            /**
             * @description Whether Prequel uses a granted service account or a key the recipient sent.
             * @enum {string}
             */
            auth_method?: "gcp_service_account_role" | "gcp_service_account_key";
            /** @description Cloud Storage bucket used to stage files before loading them. */
            bucket_name?: string;
            /** @description The dataset tables are written to. */
            dataset?: string;
            gcp_service_account_key?: components["schemas"]["GcpServiceAccountKeyView"];
            gcp_service_account_role?: components["schemas"]["GcpServiceAccountRole"];
            /** @description The Google Cloud project that holds the dataset. */
            project_id?: string;
            /** @description The dataset's location. */
            region?: string;
        };
        /** @description A Cloud Storage staging bucket and the HMAC keys that reach it. */
        BucketGcsWithHmac: {
            bucket_name?: components["schemas"]["BucketName"];
            gcs_hmac_keys?: components["schemas"]["GcsHmacKeys"];
        };
        /** @description [ours] A Cloud Storage staging bucket, secrets left out. */
        BucketGcsWithHmacView: {
            /** @description Name of the bucket. */
            bucket_name?: string;
            gcs_hmac_keys?: components["schemas"]["GcsHmacKeysView"];
        };
        /** @description Name of the bucket (or container) files are written to. */
        BucketName: string;
        /** @description Cloud region of the bucket, e.g. `us-east-1`. */
        BucketRegion: string;
        /** @description An S3 bucket used for staging or query results. */
        BucketS3Location: {
            bucket_name?: components["schemas"]["BucketName"];
            bucket_region?: components["schemas"]["BucketRegion"];
        };
        /** @description An S3 staging bucket and the keys that reach it. */
        BucketS3WithKeys: {
            aws_access_keys?: components["schemas"]["AwsAccessKeys"];
            bucket_name?: components["schemas"]["BucketName"];
            bucket_region?: components["schemas"]["BucketRegion"];
        };
        /** @description [ours] An S3 staging bucket, secrets left out. */
        BucketS3WithKeysView: {
            aws_access_keys?: components["schemas"]["AwsAccessKeysView"];
            /** @description Name of the bucket. */
            bucket_name?: string;
            /** @description Cloud region of the bucket. */
            bucket_region?: string;
        };
        /** @description Tables written to a ClickHouse server or cluster. */
        ClickhouseSettings: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            bucket_gcs?: components["schemas"]["BucketGcsWithHmac"];
            bucket_s3?: components["schemas"]["BucketS3WithKeys"];
            /** @description Cluster name for distributed DDL; empty for a single server. */
            cluster?: string;
            connection_database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuth"];
            port?: components["schemas"]["Port"];
            /** @description The database tables are written to. */
            write_database?: string;
        };
        /** @description [ours] ClickHouse settings as returned (password and bucket secrets left out). */
        ClickhouseView: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            bucket_gcs?: components["schemas"]["BucketGcsWithHmacView"];
            bucket_s3?: components["schemas"]["BucketS3WithKeysView"];
            /** @description Cluster name for distributed DDL; empty for a single server. */
            cluster?: string;
            connection_database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuthView"];
            port?: components["schemas"]["Port"];
            /** @description The database tables are written to. */
            write_database?: string;
        };
        /** @description The outcome of a connection test in the success envelope. `status` is `success` even when the test failed; read `data.status`. */
        ConnectionTestResponse: {
            data: components["schemas"]["ConnectionTestResult"];
            message: components["schemas"]["EnvelopeMessage"];
            status: components["schemas"]["SuccessStatus"];
        };
        /** @description The outcome of a connection test. The docs say only that it is in `data`, whatever the outcome. [ours] `status` says whether Prequel could connect and write, `message` describes it, and `error` is present exactly when it could not; the simulator's documented shape leaves `status` out. */
        ConnectionTestResult: {
            error?: components["schemas"]["RunError"];
            /** @description One line describing the outcome. */
            message?: string;
            /**
             * @description `success` when the destination accepted a connection and a test write.
             * @enum {string}
             */
            status?: "success" | "failure";
        };
        /** @description Seconds to wait for the connection to open ([ours] 1 to 300). */
        ConnectionTimeout: number;
        /** @description Name of the database. */
        DatabaseName: string;
        /** @description Tables written to a Databricks SQL warehouse. */
        DatabricksSettings: {
            /** @description The Unity Catalog (or `hive_metastore`) the schema lives in. */
            catalog?: string;
            /** @description Staging storage for a workspace that uses the Hive metastore. */
            hive?: {
                bucket_s3?: components["schemas"]["BucketS3WithKeys"];
                /**
                 * @description Which staging bucket follows; only S3.
                 * @enum {string}
                 */
                bucket_vendor?: "bucket_s3";
            };
            host?: components["schemas"]["Host"];
            /** @description HTTP path of the SQL warehouse, `/sql/1.0/warehouses/<id>`. */
            http_path?: string;
            oauth_client_secret_auth?: components["schemas"]["OauthClientSecretAuth"];
            port?: components["schemas"]["Port"];
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description [ours] Databricks settings as returned (client secret and bucket secrets left out). */
        DatabricksView: {
            /** @description The Unity Catalog (or `hive_metastore`) the schema lives in. */
            catalog?: string;
            /** @description Staging storage for a workspace that uses the Hive metastore. */
            hive?: {
                bucket_s3?: components["schemas"]["BucketS3WithKeysView"];
                /**
                 * @description Which staging bucket follows; only S3.
                 * @enum {string}
                 */
                bucket_vendor?: "bucket_s3";
            };
            host?: components["schemas"]["Host"];
            /** @description HTTP path of the SQL warehouse. */
            http_path?: string;
            oauth_client_secret_auth?: components["schemas"]["OauthClientSecretAuthView"];
            port?: components["schemas"]["Port"];
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description The success envelope of a deletion. */
        DeleteResponse: {
            /** @description [ours] Empty. */
            data: Record<string, never>;
            message: components["schemas"]["EnvelopeMessage"];
            status: components["schemas"]["SuccessStatus"];
        };
        /** @description Delta Lake tables written straight to object storage (one of the buckets). */
        DeltaLakeSettings: {
            /** @description An Azure storage account holding the tables. */
            bucket_abs?: {
                /** @description The account access key. */
                azure_storage_account_access_key?: {
                    /** @description The access key. Secret; never returned. */
                    storage_account_access_key?: string;
                };
                /**
                 * @description How the account is reached; only an account access key.
                 * @enum {string}
                 */
                bucket_auth_method?: "azure_storage_account_access_key";
                /** @description The Azure storage account. */
                storage_account_name?: string;
            };
            /** @description A Cloud Storage bucket holding the tables. */
            bucket_gcs?: {
                gcp_service_account_key?: components["schemas"]["GcpServiceAccountKey"];
                gcp_service_account_role?: components["schemas"]["GcpServiceAccountRole"];
            };
            /** @description An S3-compatible bucket holding the tables. */
            bucket_s3_compatible?: {
                access_keys?: components["schemas"]["AwsAccessKeys"];
                /**
                 * @description How the bucket is reached; only an access key pair.
                 * @enum {string}
                 */
                bucket_auth_method?: "access_keys";
                disable_ssl?: components["schemas"]["DisableSsl"];
            };
            /** @description Do not record the change data feed of the tables. */
            change_data_feed_disabled?: boolean;
            /**
             * @description Delta column mapping mode of the tables (`none` keeps physical names).
             * @enum {string}
             */
            column_mapping_mode?: "none" | "name" | "id";
            /** @description Rewrite files on delete instead of writing deletion vectors. */
            deletion_vectors_disabled?: boolean;
            retention_window_days?: components["schemas"]["RetentionWindowDays"];
        };
        /** @description [ours] Delta Lake settings as returned (access keys and service account keys left out). */
        DeltaLakeView: {
            /** @description An Azure storage account holding the tables. */
            bucket_abs?: {
                /**
                 * @description How the account is reached.
                 * @enum {string}
                 */
                bucket_auth_method?: "azure_storage_account_access_key";
                /** @description The Azure storage account. */
                storage_account_name?: string;
            };
            /** @description A Cloud Storage bucket holding the tables. */
            bucket_gcs?: {
                gcp_service_account_key?: components["schemas"]["GcpServiceAccountKeyView"];
                gcp_service_account_role?: components["schemas"]["GcpServiceAccountRole"];
            };
            /** @description An S3-compatible bucket holding the tables. */
            bucket_s3_compatible?: {
                access_keys?: components["schemas"]["AwsAccessKeysView"];
                /**
                 * @description How the bucket is reached.
                 * @enum {string}
                 */
                bucket_auth_method?: "access_keys";
                disable_ssl?: components["schemas"]["DisableSsl"];
            };
            /** @description The change data feed of the tables is not recorded. */
            change_data_feed_disabled?: boolean;
            /**
             * @description Delta column mapping mode of the tables.
             * @enum {string}
             */
            column_mapping_mode?: "none" | "name" | "id";
            /** @description Files are rewritten on delete instead of using deletion vectors. */
            deletion_vectors_disabled?: boolean;
            retention_window_days?: components["schemas"]["RetentionWindowDays"];
        };
        /** @description A destination: where and how often a recipient's data is exported, its transfer statistics, and exactly one vendor block (the one named by `vendor`) with every setting except secrets. */
        Destination: {
            abs?: components["schemas"]["AbsView"];
            athena?: components["schemas"]["AthenaView"];
            aurora_mysql?: components["schemas"]["MysqlView"];
            aurora_postgres?: components["schemas"]["PostgresView"];
            bigquery?: components["schemas"]["BigqueryView"];
            clickhouse?: components["schemas"]["ClickhouseView"];
            /**
             * Format: date-time
             * @description When the destination was created (UTC).
             */
            created_at: string;
            databricks?: components["schemas"]["DatabricksView"];
            delta_lake?: components["schemas"]["DeltaLakeView"];
            /** @description Models the destination receives; `*` alone means every model of its products. */
            enabled_models: string[];
            frequency_minutes: components["schemas"]["FrequencyMinutes"];
            gcs?: components["schemas"]["GcsView"];
            google_sheets?: components["schemas"]["GoogleSheetsSettings"];
            iceberg?: components["schemas"]["IcebergView"];
            /** @description The destination's id. */
            id: string;
            /** @description The recipient's id in the provider's own system. [ours] Always present, whichever of the two ids the destination was created with. */
            id_in_provider_system: string;
            is_enabled: components["schemas"]["IsEnabled"];
            /** @description The transfer that finished most recently, whatever its outcome; [ours] null before the first one finishes. */
            last_completed_transfer: components["schemas"]["Transfer"] | null;
            /**
             * Format: date-time
             * @description When its latest successful transfer ended; [ours] null before the first.
             */
            last_successful_transfer_ended_at: string | null;
            max_concurrent_queries_per_transfer: components["schemas"]["MaxConcurrentQueries"];
            max_concurrent_transfers: components["schemas"]["MaxConcurrentTransfers"];
            mongodb?: components["schemas"]["MongodbView"];
            motherduck?: components["schemas"]["MotherduckSettings"];
            mysql?: components["schemas"]["MysqlView"];
            /** @description The destination's label, unique in the organisation. */
            name: string;
            oracle?: components["schemas"]["OracleView"];
            planetscale?: components["schemas"]["MysqlView"];
            postgres?: components["schemas"]["PostgresView"];
            /** @description Products (named groups of models) the destination receives. */
            products: string[];
            /** @description Id of the recipient the destination belongs to. */
            recipient_id: string;
            redshift?: components["schemas"]["RedshiftView"];
            redshift_serverless?: components["schemas"]["RedshiftServerlessView"];
            s3?: components["schemas"]["S3View"];
            s3_compatible?: components["schemas"]["S3CompatibleView"];
            sftp?: components["schemas"]["SftpSettings"];
            singlestore?: components["schemas"]["MysqlView"];
            snowflake?: components["schemas"]["SnowflakeSettings"];
            sql_server?: components["schemas"]["SqlServerView"];
            /** @description Rows sent in the previous billing period that were new or changed. */
            total_delta_rows_transferred_last_billing_period: number;
            /** @description Rows sent so far in the current billing period ([ours] the current calendar month, UTC). */
            total_rows_transferred_current_billing_period: number;
            /** @description Rows sent in the previous billing period ([ours] the previous calendar month, UTC). */
            total_rows_transferred_last_billing_period: number;
            /**
             * Format: date-time
             * @description When its settings last changed (UTC).
             */
            updated_at: string;
            vendor: components["schemas"]["Vendor"];
        };
        /** @description A new destination. Exactly one of `recipient_id` and `id_in_provider_system` names its recipient, and exactly one vendor block is sent: the one named by `vendor`. */
        DestinationCreate: {
            /** @description Azure Blob Storage settings. */
            abs?: WithRequired<components["schemas"]["AbsSettings"], "container_name" | "storage_account_name" | "azure_service_shared_access_signature">;
            /** @description Amazon Athena settings. */
            athena?: WithRequired<components["schemas"]["AthenaSettings"], "connection_database" | "write_database" | "aws_access_keys" | "bucket_s3">;
            /** @description Amazon Aurora MySQL settings. */
            aurora_mysql?: WithRequired<components["schemas"]["MysqlSettings"], "host" | "port" | "connection_database" | "password_auth">;
            /** @description Amazon Aurora PostgreSQL settings. */
            aurora_postgres?: WithRequired<components["schemas"]["PostgresSettings"], "host" | "port" | "database" | "schema" | "password_auth">;
            /** @description [ours] Google BigQuery settings. */
            bigquery?: WithRequired<components["schemas"]["BigquerySettings"], "project_id" | "dataset">;
            /** @description ClickHouse settings. */
            clickhouse?: WithRequired<components["schemas"]["ClickhouseSettings"], "host" | "port" | "connection_database" | "password_auth">;
            /** @description Databricks settings. */
            databricks?: WithRequired<components["schemas"]["DatabricksSettings"], "host" | "http_path" | "catalog" | "schema" | "oauth_client_secret_auth">;
            delta_lake?: components["schemas"]["DeltaLakeSettings"];
            enabled_models?: components["schemas"]["EnabledModels"];
            frequency_minutes?: components["schemas"]["FrequencyMinutes"];
            /** @description Google Cloud Storage settings. */
            gcs?: WithRequired<components["schemas"]["GcsSettings"], "bucket_name">;
            /** @description Google Sheets settings. */
            google_sheets?: WithRequired<components["schemas"]["GoogleSheetsSettings"], "host">;
            iceberg?: components["schemas"]["IcebergSettings"];
            /** @description The recipient's id in the provider's own system, instead of `recipient_id`. */
            id_in_provider_system?: string;
            is_enabled?: components["schemas"]["IsEnabled"];
            max_concurrent_queries_per_transfer?: components["schemas"]["MaxConcurrentQueries"];
            max_concurrent_transfers?: components["schemas"]["MaxConcurrentTransfers"];
            /** @description MongoDB settings. */
            mongodb?: WithRequired<components["schemas"]["MongodbSettings"], "host" | "password_auth">;
            /** @description MotherDuck settings. */
            motherduck?: WithRequired<components["schemas"]["MotherduckSettings"], "database">;
            /** @description MySQL settings. */
            mysql?: WithRequired<components["schemas"]["MysqlSettings"], "host" | "port" | "connection_database" | "password_auth">;
            name: components["schemas"]["DestinationName"];
            /** @description Oracle Database settings. */
            oracle?: WithRequired<components["schemas"]["OracleSettings"], "host" | "port" | "database" | "password_auth">;
            /** @description PlanetScale (MySQL-compatible) settings. */
            planetscale?: WithRequired<components["schemas"]["MysqlSettings"], "host" | "port" | "connection_database" | "password_auth">;
            /** @description PostgreSQL settings. */
            postgres?: WithRequired<components["schemas"]["PostgresSettings"], "host" | "port" | "database" | "schema" | "password_auth">;
            /** @description Products (named groups of models) the destination receives. */
            products?: string[];
            /** @description Id of the recipient (the provider's customer) the destination belongs to. */
            recipient_id?: string;
            /** @description [ours] Amazon Redshift (provisioned cluster) settings. */
            redshift?: WithRequired<components["schemas"]["RedshiftSettings"], "host" | "port" | "database" | "schema" | "password_auth">;
            /** @description [ours] Amazon Redshift Serverless settings. */
            redshift_serverless?: WithRequired<components["schemas"]["RedshiftServerlessSettings"], "host" | "port" | "database" | "schema" | "password_auth">;
            /** @description Amazon S3 settings. */
            s3?: WithRequired<components["schemas"]["S3Settings"], "bucket_name" | "bucket_region">;
            /** @description [ours] S3-compatible object storage settings. */
            s3_compatible?: WithRequired<components["schemas"]["S3CompatibleSettings"], "host" | "bucket_name" | "access_keys">;
            /** @description SFTP server settings. */
            sftp?: WithRequired<components["schemas"]["SftpSettings"], "host" | "port" | "username">;
            /** @description SingleStore settings. */
            singlestore?: WithRequired<components["schemas"]["MysqlSettings"], "host" | "port" | "connection_database" | "password_auth">;
            /** @description Snowflake settings. */
            snowflake?: WithRequired<components["schemas"]["SnowflakeSettings"], "host" | "database" | "schema" | "username">;
            /** @description Microsoft SQL Server settings. */
            sql_server?: WithRequired<components["schemas"]["SqlServerSettings"], "host" | "port" | "database" | "schema" | "password_auth">;
            vendor: components["schemas"]["Vendor"];
        };
        /** @description A destination to create (or, for `testDestination`, to test). */
        DestinationCreateRequest: {
            destination: components["schemas"]["DestinationCreate"];
        };
        /** @description One page of destinations in the success envelope, with where the next page starts. */
        DestinationListResponse: {
            /** @description The payload. */
            data: {
                /** @description At most `page_size` destinations, in the requested order. */
                destinations: components["schemas"]["Destination"][];
            };
            has_next: components["schemas"]["HasNext"];
            message: components["schemas"]["EnvelopeMessage"];
            next_url?: components["schemas"]["NextUrl"];
            status: components["schemas"]["SuccessStatus"];
        };
        /** @description A label for the destination, unique in the organisation ([ours] 1 to 255 characters). */
        DestinationName: string;
        /** @description Any subset of a destination's changeable settings. At most the block of the destination's own vendor may be sent. */
        DestinationPatch: {
            abs?: components["schemas"]["AbsSettings"];
            athena?: components["schemas"]["AthenaSettings"];
            aurora_mysql?: components["schemas"]["MysqlSettings"];
            aurora_postgres?: components["schemas"]["PostgresSettings"];
            bigquery?: components["schemas"]["BigquerySettings"];
            clickhouse?: components["schemas"]["ClickhouseSettings"];
            databricks?: components["schemas"]["DatabricksSettings"];
            delta_lake?: components["schemas"]["DeltaLakeSettings"];
            enabled_models?: components["schemas"]["EnabledModels"];
            frequency_minutes?: components["schemas"]["FrequencyMinutes"];
            gcs?: components["schemas"]["GcsSettings"];
            google_sheets?: components["schemas"]["GoogleSheetsSettings"];
            iceberg?: components["schemas"]["IcebergSettings"];
            is_enabled?: components["schemas"]["IsEnabled"];
            /**
             * Format: uuid
             * @description Id of the machine type that runs this destination's transfers. [ours] Stored, not echoed.
             */
            machine_type_id?: string;
            max_concurrent_queries_per_transfer?: components["schemas"]["MaxConcurrentQueries"];
            max_concurrent_transfers?: components["schemas"]["MaxConcurrentTransfers"];
            mongodb?: components["schemas"]["MongodbSettings"];
            motherduck?: components["schemas"]["MotherduckSettings"];
            mysql?: components["schemas"]["MysqlSettings"];
            name?: components["schemas"]["DestinationName"];
            oracle?: components["schemas"]["OracleSettings"];
            planetscale?: components["schemas"]["MysqlSettings"];
            postgres?: components["schemas"]["PostgresSettings"];
            redshift?: components["schemas"]["RedshiftSettings"];
            redshift_serverless?: components["schemas"]["RedshiftServerlessSettings"];
            s3?: components["schemas"]["S3Settings"];
            s3_compatible?: components["schemas"]["S3CompatibleSettings"];
            sftp?: components["schemas"]["SftpSettings"];
            singlestore?: components["schemas"]["MysqlSettings"];
            snowflake?: components["schemas"]["SnowflakeSettings"];
            sql_server?: components["schemas"]["SqlServerSettings"];
        };
        /** @description One destination in the success envelope. */
        DestinationResponse: {
            /** @description The payload. */
            data: {
                destination: components["schemas"]["Destination"];
            };
            message: components["schemas"]["EnvelopeMessage"];
            status: components["schemas"]["SuccessStatus"];
        };
        /** @description The changes to a destination. */
        DestinationUpdateRequest: {
            destination: components["schemas"]["DestinationPatch"];
        };
        /** @description Do not write the manifest file that lists each transfer's files. */
        DisableManifest: boolean;
        /** @description Connect without TLS (only for networks that are private end to end). */
        DisableSsl: boolean;
        /** @description Names of the models the destination receives; `*` alone means every model of its products. Replaces the whole list when sent on update. */
        EnabledModels: string[];
        /** @description A human-readable note about the call; may be empty. */
        EnvelopeMessage: string;
        /** @description [ours] Every error answer. */
        ErrorResponse: {
            /** @description What went wrong, naming the offending fields for a 400. Never contains secrets. */
            message: string;
            /**
             * @description Always `error`.
             * @constant
             */
            status: "error";
        };
        /** @description Path prefix (folder) under which files are written; empty for the root. */
        Folder: string;
        /**
         * @description Minutes between scheduled transfers; 0 means transfers only run when queued by hand.
         * @enum {integer}
         */
        FrequencyMinutes: 0 | 15 | 60 | 360 | 720 | 1440;
        /** @description A Google service account and one of its keys. */
        GcpServiceAccountKey: {
            /**
             * Format: email
             * @description The service account's email address.
             */
            service_account_email?: string;
            /** @description The JSON key file of the service account, as a string or as the parsed object. Secret; never returned. */
            service_account_key?: string | Record<string, never>;
        };
        /** @description [ours] The service account, without its key. */
        GcpServiceAccountKeyView: {
            /** @description The service account's email address. */
            service_account_email?: string;
        };
        /** @description A Google service account the recipient granted access to; no key changes hands. */
        GcpServiceAccountRole: {
            /**
             * Format: email
             * @description The service account's email address.
             */
            service_account_email?: string;
        };
        /** @description A Cloud Storage HMAC key pair. */
        GcsHmacKeys: {
            /** @description The HMAC access key id. */
            access_key?: string;
            /** @description The HMAC secret. Secret; never returned. */
            secret?: string;
        };
        /** @description [ours] The HMAC access key id, without its secret. */
        GcsHmacKeysView: {
            /** @description The HMAC access key id. */
            access_key?: string;
        };
        /** @description Files written to a Google Cloud Storage bucket. */
        GcsSettings: {
            bucket_name?: components["schemas"]["BucketName"];
            disable_manifest?: components["schemas"]["DisableManifest"];
            folder?: components["schemas"]["Folder"];
            gcp_service_account_role?: components["schemas"]["GcpServiceAccountRole"];
            gcs_hmac_keys?: components["schemas"]["GcsHmacKeys"];
        };
        /** @description [ours] Google Cloud Storage settings as returned (the HMAC secret left out). */
        GcsView: {
            bucket_name?: components["schemas"]["BucketName"];
            disable_manifest?: components["schemas"]["DisableManifest"];
            folder?: components["schemas"]["Folder"];
            gcp_service_account_role?: components["schemas"]["GcpServiceAccountRole"];
            gcs_hmac_keys?: components["schemas"]["GcsHmacKeysView"];
        };
        /** @description Rows written to a Google Sheets spreadsheet. */
        GoogleSheetsSettings: {
            /** @description [ours] Address of the spreadsheet (its `docs.google.com` URL). */
            host?: string;
        };
        /** @description True when more items follow this page. */
        HasNext: boolean;
        /** @description Host name or IP address to connect to. */
        Host: string;
        /** @description Where a REST Iceberg catalog keeps its data files (one of the buckets). */
        IcebergAnyStorage: {
            bucket_gcs?: components["schemas"]["IcebergBucketGcs"];
            bucket_s3?: components["schemas"]["IcebergBucketS3"];
        };
        /** @description The Cloud Storage bucket an Iceberg catalog keeps its data files in. */
        IcebergBucketGcs: {
            /**
             * @description [ours] How the bucket is reached; only through a granted service account.
             * @enum {string}
             */
            bucket_auth_method?: "gcp_service_account_role";
            bucket_name?: components["schemas"]["BucketName"];
            folder?: components["schemas"]["Folder"];
            gcp_service_account_role?: components["schemas"]["GcpServiceAccountRole"];
        };
        /** @description The S3 bucket an Iceberg catalog keeps its data files in, reached through an IAM role. */
        IcebergBucketS3: {
            aws_iam_role?: components["schemas"]["AwsIamRole"];
            /**
             * @description [ours] How the bucket is reached; only through an IAM role.
             * @enum {string}
             */
            bucket_auth_method?: "aws_iam_role";
            bucket_name?: components["schemas"]["BucketName"];
            bucket_region?: components["schemas"]["BucketRegion"];
            folder?: components["schemas"]["Folder"];
        };
        /** @description Where an AWS-hosted Iceberg catalog keeps its data files. */
        IcebergS3Storage: {
            bucket_s3?: components["schemas"]["IcebergBucketS3"];
        };
        /** @description Apache Iceberg tables registered in one catalog (send one of the catalog blocks). */
        IcebergSettings: {
            /** @description An AWS Glue Data Catalog. */
            catalog_glue?: {
                database?: components["schemas"]["DatabaseName"];
                storage_options?: components["schemas"]["IcebergS3Storage"];
            };
            /** @description A Google BigLake (lakehouse) catalog. */
            catalog_google_lakehouse?: {
                bucket_name?: components["schemas"]["BucketName"];
                /** @description The catalog's name. */
                catalog_name?: string;
                gcp_service_account_key?: components["schemas"]["GcpServiceAccountKey"];
                gcp_service_account_role?: components["schemas"]["GcpServiceAccountRole"];
                /** @description The Google Cloud project of the catalog. */
                project_id?: string;
                schema?: components["schemas"]["SchemaName"];
            };
            /** @description A catalog that speaks the Iceberg REST protocol. */
            catalog_iceberg_rest?: {
                /** @description The namespace tables are created in. */
                namespace?: string;
                /** @description A static bearer token for the catalog. */
                oauth_bearer_token_auth?: {
                    /** @description The bearer token. Secret; never returned. */
                    password?: string;
                };
                oauth_client_secret_auth?: components["schemas"]["OauthClientSecretAuth"];
                storage_options?: components["schemas"]["IcebergAnyStorage"];
                /** @description The catalog's warehouse identifier or location. */
                warehouse?: string;
            };
            /** @description An Amazon S3 Tables table bucket. */
            catalog_s3_tables?: {
                database?: components["schemas"]["DatabaseName"];
                storage_options?: components["schemas"]["IcebergS3Storage"];
                /** @description ARN of the table bucket, `arn:aws:s3tables:<region>:<account>:bucket/<name>`. */
                table_bucket_arn?: string;
            };
            retention_window_days?: components["schemas"]["RetentionWindowDays"];
        };
        /** @description [ours] Iceberg settings as returned (bearer token, client secret and keys left out). */
        IcebergView: {
            /** @description An AWS Glue Data Catalog. */
            catalog_glue?: {
                database?: components["schemas"]["DatabaseName"];
                storage_options?: components["schemas"]["IcebergS3Storage"];
            };
            /** @description A Google BigLake (lakehouse) catalog. */
            catalog_google_lakehouse?: {
                bucket_name?: components["schemas"]["BucketName"];
                /** @description The catalog's name. */
                catalog_name?: string;
                gcp_service_account_key?: components["schemas"]["GcpServiceAccountKeyView"];
                gcp_service_account_role?: components["schemas"]["GcpServiceAccountRole"];
                /** @description The Google Cloud project of the catalog. */
                project_id?: string;
                schema?: components["schemas"]["SchemaName"];
            };
            /** @description A catalog that speaks the Iceberg REST protocol. */
            catalog_iceberg_rest?: {
                /** @description The namespace tables are created in. */
                namespace?: string;
                oauth_client_secret_auth?: components["schemas"]["OauthClientSecretAuthView"];
                storage_options?: components["schemas"]["IcebergAnyStorage"];
                /** @description The catalog's warehouse identifier or location. */
                warehouse?: string;
            };
            /** @description An Amazon S3 Tables table bucket. */
            catalog_s3_tables?: {
                database?: components["schemas"]["DatabaseName"];
                storage_options?: components["schemas"]["IcebergS3Storage"];
                /** @description ARN of the table bucket. */
                table_bucket_arn?: string;
            };
            retention_window_days?: components["schemas"]["RetentionWindowDays"];
        };
        /** @description False pauses scheduled transfers and refuses transfers queued by hand. */
        IsEnabled: boolean;
        /** @description Most queries one transfer may run against the destination at once ([ours] 1 to 32). */
        MaxConcurrentQueries: number;
        /** @description Most transfers to this destination that may run at once ([ours] 1 to 10). */
        MaxConcurrentTransfers: number;
        /** @description The outcome of one model within a transfer. */
        ModelMetrics: {
            /** @description Of those, rows new or changed since the previous transfer. */
            delta_rows_transferred: number;
            /**
             * Format: date-time
             * @description End of the window this model was read over.
             */
            end_transfer_window_at: string | null;
            error?: components["schemas"]["RunError"];
            /** @description The model's id. */
            model_id: string;
            /** @description The model's name. */
            model_name: string;
            /**
             * Format: date-time
             * @description The newest `updated_at` among the rows sent; null when none were.
             */
            most_recent_last_updated_at: string | null;
            /** @description Rows of this model written. */
            rows_transferred: number;
            /**
             * Format: date-time
             * @description Start of the window this model was read over; null for a full refresh.
             */
            start_transfer_window_at: string | null;
            /** @description Data of this model written, in megabytes. */
            volume_transferred_in_mb: number;
        };
        /** @description Which revision of a model a transfer used. */
        ModelSnapshot: {
            /** @description The model's id. */
            model_id: string;
            /** @description The model's name. */
            model_name: string;
            /** @description Id of the model definition's revision. */
            revision_id: string;
        };
        /** @description Collections written to a MongoDB deployment. */
        MongodbSettings: {
            /** @description The database the user is defined in (often `admin`). */
            authentication_database?: string;
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuth"];
            port?: components["schemas"]["Port"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
            /** @description The database collections are written to. */
            write_database?: string;
        };
        /** @description [ours] MongoDB settings as returned (the password left out). */
        MongodbView: {
            /** @description The database the user is defined in. */
            authentication_database?: string;
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuthView"];
            port?: components["schemas"]["Port"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
            /** @description The database collections are written to. */
            write_database?: string;
        };
        /** @description Tables written to a MotherDuck database. */
        MotherduckSettings: {
            /**
             * @description How Prequel signs in; only a MotherDuck access token.
             * @enum {string}
             */
            auth_method?: "access_token_auth";
            database?: components["schemas"]["DatabaseName"];
            schema?: components["schemas"]["SchemaName"];
        };
        /** @description Tables written to a MySQL-protocol database: MySQL, Amazon Aurora MySQL, PlanetScale and SingleStore share this block. */
        MysqlSettings: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            connection_database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuth"];
            port?: components["schemas"]["Port"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
            /** @description The database tables are written to. */
            write_database?: string;
        };
        /** @description [ours] MySQL-protocol settings as returned (the password left out). */
        MysqlView: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            connection_database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuthView"];
            port?: components["schemas"]["Port"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
            /** @description The database tables are written to. */
            write_database?: string;
        };
        /** @description Present only when `has_next` is true: the URL of the next page, carrying the same `page_size`, `order` and filters plus a `cursor`. [ours] Absolute, on the host that was called. */
        NextUrl: string;
        /** @description OAuth client credentials (machine-to-machine). */
        OauthClientSecretAuth: {
            /** @description The OAuth client id. */
            client_id?: string;
            /** @description The OAuth client secret. Secret; never returned. */
            client_secret?: string;
        };
        /** @description [ours] The OAuth client id, without its secret. */
        OauthClientSecretAuthView: {
            /** @description The OAuth client id. */
            client_id?: string;
        };
        /** @description Tables written to an Oracle Database. */
        OracleSettings: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            /** @description The service name of the database. */
            database?: string;
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuth"];
            port?: components["schemas"]["Port"];
            schema?: components["schemas"]["SchemaName"];
            /** @description TLS material for the connection. */
            ssl_options?: {
                /** @description The Oracle wallet (base64). Secret; never returned. */
                wallet?: string;
            };
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description [ours] Oracle settings as returned (password and wallet left out). */
        OracleView: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            /** @description The service name of the database. */
            database?: string;
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuthView"];
            port?: components["schemas"]["Port"];
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description A database user and its password. */
        PasswordAuth: {
            /** @description The user's password. Secret; never returned. */
            password?: string;
            /** @description The database user. */
            username?: string;
        };
        /**
         * @description How the destination authenticates; only a user name and password here.
         * @enum {string}
         */
        PasswordAuthMethod: "password_auth";
        /** @description [ours] The database user, without its password. */
        PasswordAuthView: {
            /** @description The database user. */
            username?: string;
        };
        /** @description TCP port to connect to. */
        Port: number;
        /** @description Tables written to a PostgreSQL-protocol database: PostgreSQL and Amazon Aurora PostgreSQL share this block. */
        PostgresSettings: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            connection_timeout_in_seconds?: components["schemas"]["ConnectionTimeout"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuth"];
            port?: components["schemas"]["Port"];
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description [ours] PostgreSQL-protocol settings as returned (the password left out). */
        PostgresView: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            connection_timeout_in_seconds?: components["schemas"]["ConnectionTimeout"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuthView"];
            port?: components["schemas"]["Port"];
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description [ours] Tables written to an Amazon Redshift Serverless workgroup, staged through S3. */
        RedshiftServerlessSettings: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            bucket_s3?: components["schemas"]["BucketS3WithKeys"];
            connection_timeout_in_seconds?: components["schemas"]["ConnectionTimeout"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuth"];
            port?: components["schemas"]["Port"];
            /** @description AWS region of the workgroup. */
            region?: string;
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
            /** @description The serverless workgroup. */
            workgroup?: string;
        };
        /** @description [ours] Redshift Serverless settings as returned (password and bucket secret left out). */
        RedshiftServerlessView: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            bucket_s3?: components["schemas"]["BucketS3WithKeysView"];
            connection_timeout_in_seconds?: components["schemas"]["ConnectionTimeout"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuthView"];
            port?: components["schemas"]["Port"];
            /** @description AWS region of the workgroup. */
            region?: string;
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
            /** @description The serverless workgroup. */
            workgroup?: string;
        };
        /** @description [ours] Tables written to a provisioned Amazon Redshift cluster, staged through S3. */
        RedshiftSettings: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            bucket_s3?: components["schemas"]["BucketS3WithKeys"];
            /** @description The cluster identifier. */
            cluster?: string;
            connection_timeout_in_seconds?: components["schemas"]["ConnectionTimeout"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuth"];
            port?: components["schemas"]["Port"];
            /** @description AWS region of the cluster. */
            region?: string;
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description [ours] Redshift settings as returned (password and bucket secret left out). */
        RedshiftView: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            bucket_s3?: components["schemas"]["BucketS3WithKeysView"];
            /** @description The cluster identifier. */
            cluster?: string;
            connection_timeout_in_seconds?: components["schemas"]["ConnectionTimeout"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuthView"];
            port?: components["schemas"]["Port"];
            /** @description AWS region of the cluster. */
            region?: string;
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description Days old table versions are kept before being cleaned up ([ours] 1 to 365). */
        RetentionWindowDays: number;
        /** @description Why a model, a transfer or a connection test failed, and whose side it is on. */
        RunError: {
            /** @description Who must act: the provider (first_party), the recipient or its destination (third_party), Prequel itself (prequel), the machine running the transfer (host), or nobody in particular (empty). The docs' example gives a free string: other values may appear. */
            blame: string;
            /** @description A page explaining the failure and how to fix it. */
            documentation_url: string;
            /** @description [ours] The underlying error as the failing system phrased it. */
            error?: string;
            /** @description A stable code for the kind of failure, e.g. `AUTHENTICATION_FAILED`. */
            error_code: string;
            /** @description What happened, in one or two sentences. */
            message: string;
            /** @description A short human-readable summary. */
            title: string;
            /** @description An identifier to quote to support for this occurrence. */
            trace: string;
        };
        /** @description [ours] Files written to an S3-compatible object store (MinIO, Cloudflare R2, Wasabi...). */
        S3CompatibleSettings: {
            access_keys?: components["schemas"]["AwsAccessKeys"];
            /**
             * @description How the bucket is reached; only an access key pair.
             * @enum {string}
             */
            auth_method?: "access_keys";
            bucket_name?: components["schemas"]["BucketName"];
            disable_manifest?: components["schemas"]["DisableManifest"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            folder?: components["schemas"]["Folder"];
            host?: components["schemas"]["Host"];
            port?: components["schemas"]["Port"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description [ours] S3-compatible settings as returned (the secret key left out). */
        S3CompatibleView: {
            access_keys?: components["schemas"]["AwsAccessKeysView"];
            /**
             * @description How the bucket is reached.
             * @enum {string}
             */
            auth_method?: "access_keys";
            bucket_name?: components["schemas"]["BucketName"];
            disable_manifest?: components["schemas"]["DisableManifest"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            folder?: components["schemas"]["Folder"];
            host?: components["schemas"]["Host"];
            port?: components["schemas"]["Port"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description Files written to an Amazon S3 bucket. */
        S3Settings: {
            aws_access_keys?: components["schemas"]["AwsAccessKeys"];
            bucket_name?: components["schemas"]["BucketName"];
            bucket_region?: components["schemas"]["BucketRegion"];
            disable_manifest?: components["schemas"]["DisableManifest"];
            folder?: components["schemas"]["Folder"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description [ours] Amazon S3 settings as returned (the secret key left out). */
        S3View: {
            aws_access_keys?: components["schemas"]["AwsAccessKeysView"];
            bucket_name?: components["schemas"]["BucketName"];
            bucket_region?: components["schemas"]["BucketRegion"];
            disable_manifest?: components["schemas"]["DisableManifest"];
            folder?: components["schemas"]["Folder"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description Name of the schema tables are written to. */
        SchemaName: string;
        /** @description Files written to an SFTP server. The recipient authorises Prequel's public key, so no secret is sent (and the whole block is returned). */
        SftpSettings: {
            /**
             * @description How Prequel signs in; only with a key pair.
             * @enum {string}
             */
            auth_method?: "public_key_auth";
            folder?: components["schemas"]["Folder"];
            host?: components["schemas"]["Host"];
            port?: components["schemas"]["Port"];
            /** @description The key pair's public half. */
            public_key_auth?: {
                /** @description The OpenSSH public key the server must authorise. Not a secret. */
                public_key?: string;
            };
            /** @description The SFTP user. */
            username?: string;
        };
        /** @description Tables written to a Snowflake account. Prequel signs in as the user with its own key pair, so no secret is sent (and the whole block is returned). */
        SnowflakeSettings: {
            database?: components["schemas"]["DatabaseName"];
            /** @description The account host, `<account>.snowflakecomputing.com`. */
            host?: string;
            port?: components["schemas"]["Port"];
            schema?: components["schemas"]["SchemaName"];
            /** @description The Snowflake user Prequel signs in as. */
            username?: string;
        };
        /** @description Tables written to a Microsoft SQL Server (or Azure SQL) database. */
        SqlServerSettings: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuth"];
            port?: components["schemas"]["Port"];
            /** @description Collation of primary key columns, e.g. `Latin1_General_BIN2`. */
            primary_key_collation?: string;
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description [ours] SQL Server settings as returned (the password left out). */
        SqlServerView: {
            auth_method?: components["schemas"]["PasswordAuthMethod"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuthView"];
            port?: components["schemas"]["Port"];
            /** @description Collation of primary key columns. */
            primary_key_collation?: string;
            schema?: components["schemas"]["SchemaName"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /**
         * @description Always `success` on a 2xx answer.
         * @constant
         */
        SuccessStatus: "success";
        /** @description One run that sends models' rows to a destination. */
        Transfer: {
            /** @description [ours] Who queued it: `scheduler`, an API key id, or a user id. */
            actor_id: string;
            /** @description What kind of actor queued it. The docs give a free string; [ours] the simulator's extended shape uses `scheduler`, `api_key` and `user`, and other values may appear. */
            actor_type: string;
            /** @description Of those, rows that were new or changed since the previous transfer. */
            delta_rows_transferred: number;
            /** @description Id of the destination written to. */
            destination_id: string;
            /**
             * Format: date-time
             * @description Rows updated before this instant are sent; [ours] null while the window is open-ended.
             */
            end_transfer_window_at: string | null;
            /**
             * Format: date-time
             * @description When it finished; null until then.
             */
            ended_at: string | null;
            /** @description The transfer's id. */
            id: string;
            /** @description True when verbose logs were kept. */
            is_debug_mode: boolean;
            /** @description True when every row was sent again, not only changes. */
            is_full_refresh: boolean;
            /** @description The transfer's log, one event per line; empty before it starts. */
            log: string;
            /** @description What happened to each model; [ours] empty until the transfer has run. */
            model_metrics: components["schemas"]["ModelMetrics"][];
            /** @description Names of the models this transfer sends. */
            models: string[];
            /** @description The revision of each model definition the transfer used. */
            models_snapshot: components["schemas"]["ModelSnapshot"][];
            /** @description Rows written to the destination. */
            rows_transferred: number;
            /** @description Ids of the provider's sources the rows were read from. */
            source_ids: string[];
            /**
             * Format: date-time
             * @description Rows updated at or after this instant are sent; null for a full refresh.
             */
            start_transfer_window_at: string | null;
            /**
             * Format: date-time
             * @description When it started running; null while pending or if it never ran.
             */
            started_at: string | null;
            /** @description Where the transfer stands. The docs give a free string; [ours] the simulator's extended shape uses the values of `TransferStatus`, and other values may appear. */
            status: string;
            /**
             * Format: date-time
             * @description When the transfer was queued.
             */
            submitted_at: string;
            tags: components["schemas"]["TransferTags"];
            /** @description Data written, in megabytes. */
            volume_transferred_in_mb: number;
        };
        /** @description One page of transfers in the success envelope, with where the next page starts. */
        TransferListResponse: {
            /** @description The payload. */
            data: {
                /** @description At most `page_size` transfers, in the requested order. */
                transfers: components["schemas"]["Transfer"][];
            };
            has_next: components["schemas"]["HasNext"];
            message: components["schemas"]["EnvelopeMessage"];
            next_url?: components["schemas"]["NextUrl"];
            status: components["schemas"]["SuccessStatus"];
        };
        /** @description The id of a queued transfer in the success envelope. */
        TransferQueuedResponse: {
            /** @description The payload. */
            data: {
                /** @description The queued transfer's id; it appears in the destination's transfer list. */
                transfer_id: string;
            };
            message: components["schemas"]["EnvelopeMessage"];
            status: components["schemas"]["SuccessStatus"];
        };
        /** @description How to run a transfer queued by hand. Every field is optional. */
        TransferRequest: {
            /**
             * Format: date-time
             * @description Only rows updated before this instant (RFC 3339); must follow the start.
             */
            end_transfer_window_at?: string;
            /** @description Send every row again instead of only rows changed since the last transfer. Default false. */
            full_refresh?: boolean;
            /** @description Keep verbose logs for this transfer. Default false. */
            is_debug_mode?: boolean;
            /** @description Models to transfer; all enabled models when left out. Each must be enabled on the destination. */
            models?: string[];
            /**
             * Format: date-time
             * @description Only rows updated at or after this instant (RFC 3339).
             */
            start_transfer_window_at?: string;
            tags?: components["schemas"]["TransferTags"];
        };
        /**
         * @description [ours] Where a transfer stands: waiting (PENDING), under way (RUNNING), or finished: every model sent (SUCCESS), some models failed (PARTIAL_FAILURE), the transfer failed (ERROR), stopped by a user (CANCELLED), or never started in time (EXPIRED).
         * @enum {string}
         */
        TransferStatus: "PENDING" | "RUNNING" | "SUCCESS" | "PARTIAL_FAILURE" | "ERROR" | "CANCELLED" | "EXPIRED";
        /** @description Free-form labels attached to a transfer, name to value. */
        TransferTags: {
            [key: string]: string;
        };
        /** @description Connect through the SSH tunnel configured for the recipient. */
        UseSshTunnel: boolean;
        /**
         * @description The kind of system the destination writes to; names its settings block.
         * @enum {string}
         */
        Vendor: "abs" | "athena" | "aurora_mysql" | "aurora_postgres" | "bigquery" | "clickhouse" | "databricks" | "delta_lake" | "gcs" | "google_sheets" | "iceberg" | "mongodb" | "motherduck" | "mysql" | "oracle" | "planetscale" | "postgres" | "redshift" | "redshift_serverless" | "s3" | "s3_compatible" | "sftp" | "singlestore" | "snowflake" | "sql_server";
    };
    responses: {
        /** @description The request is not acceptable: a malformed body, an unknown field, a value out of range or an unknown API version. [ours] `message` names each offending field as a dotted path followed by what is wrong (`destination.frequency_minutes: must be one of ...`), several separated by `; `. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description [ours] The request contradicts what is stored: a name already in use, or a transfer queued on a disabled destination. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No destination has that id (or the path names nothing). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The API failed; the call may be retried if it is a read. */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Too many calls in a short time; wait as long as `Retry-After` says. */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait before calling again. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The `X-API-KEY` header is missing or names no key. */
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
        /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
        ApiVersion: "2023-12-01";
        /** @description Where the page starts: the `cursor` parameter of the previous page's `next_url`. Opaque; [ours] one the API did not issue is a 400. */
        Cursor: string;
        /** @description The destination's id, as `id` in a destination object. */
        DestinationId: string;
        /** @description `desc` (the default) lists the newest first, `asc` the oldest first. */
        Order: "asc" | "desc";
        /** @description Most items in one page. */
        PageSize: number;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listDestinations: {
        parameters: {
            query?: {
                /** @description Where the page starts: the `cursor` parameter of the previous page's `next_url`. Opaque; [ours] one the API did not issue is a 400. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `desc` (the default) lists the newest first, `asc` the oldest first. */
                order?: components["parameters"]["Order"];
                /** @description Most items in one page. */
                page_size?: components["parameters"]["PageSize"];
            };
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of destinations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DestinationListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    createDestination: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DestinationCreateRequest"];
            };
        };
        responses: {
            /** @description The destination as stored, secrets left out. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DestinationResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getDestination: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The destination's id, as `id` in a destination object. */
                destination_id: components["parameters"]["DestinationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The destination. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DestinationResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteDestination: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The destination's id, as `id` in a destination object. */
                destination_id: components["parameters"]["DestinationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The destination is gone. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    updateDestination: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The destination's id, as `id` in a destination object. */
                destination_id: components["parameters"]["DestinationId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DestinationUpdateRequest"];
            };
        };
        responses: {
            /** @description The destination after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DestinationResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    testDestinationConnection: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The destination's id, as `id` in a destination object. */
                destination_id: components["parameters"]["DestinationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The test ran; `data` holds its outcome. */
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
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    createTransfer: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The destination's id, as `id` in a destination object. */
                destination_id: components["parameters"]["DestinationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TransferRequest"];
            };
        };
        responses: {
            /** @description The transfer is queued. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferQueuedResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    listTransfers: {
        parameters: {
            query?: {
                /** @description Where the page starts: the `cursor` parameter of the previous page's `next_url`. Opaque; [ours] one the API did not issue is a 400. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only transfers that ended strictly after this instant (RFC 3339). */
                ended_after?: string;
                /** @description Only transfers that ended strictly before this instant (RFC 3339). */
                ended_before?: string;
                /** @description `desc` (the default) lists the newest first, `asc` the oldest first. */
                order?: components["parameters"]["Order"];
                /** @description Most items in one page. */
                page_size?: components["parameters"]["PageSize"];
                /** @description Only transfers in this state. */
                status?: components["schemas"]["TransferStatus"];
            };
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The destination's id, as `id` in a destination object. */
                destination_id: components["parameters"]["DestinationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of transfers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    testDestination: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DestinationCreateRequest"];
            };
        };
        responses: {
            /** @description The test ran; `data` holds its outcome. */
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
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};

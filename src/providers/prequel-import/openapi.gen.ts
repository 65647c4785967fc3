// Generated from openapi.yaml by `npm run types:openapi`. Do not edit: change the document and regenerate.
export interface paths {
    "/import/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List import sources a page at a time
         * @description Sources ordered by creation time (then id), newest first unless `order=asc`. When more remain, the answer says `has_next: true` and gives `next_url`, whose `cursor` parameter fetches the following page. [ours] A cursor marks the last source of its page, so paging while sources are added never repeats or skips one; it only fits the `order` it was issued for.
         */
        get: operations["listSources"];
        put?: never;
        /**
         * Create an import source
         * @description Needs `vendor`, `provider_id`, `name` and the settings block named after the vendor; a block for any other vendor is a 400. [ours] Names are unique per provider: a name the provider already uses is a 409. [ours] `is_reachable` and `is_valid` are worked out at once, as a connection test would (see `testSource`). [ours] Left out: `use_ssh_tunnel` and `disable_ssl` are false, `connection_timeout_in_seconds` is 30.
         */
        post: operations["createSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/import/sources/{id}": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The source's id, as `id` in a source object (a UUID). */
                id: components["parameters"]["SourceId"];
            };
            cookie?: never;
        };
        /** Read one import source */
        get: operations["getSource"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an import source
         * @description Fields left out stay as they are. [ours] Inside the vendor block, fields merge one by one, and so do the fields of nested objects (`password_auth`, `aws_access_keys`, ...). A block for a vendor other than the source's is a 400. `null` is not a value for any field: it is a 400 naming the field (nothing can be cleared). Renaming to a name the provider already uses is a 409. `updated_at` moves to the time of the change, and `is_reachable` and `is_valid` are worked out again.
         */
        patch: operations["updateSource"];
        trace?: never;
    };
    "/import/sources/{id}/test-source": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The source's id, as `id` in a source object (a UUID). */
                id: components["parameters"]["SourceId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test the connection of a stored source, optionally with changes applied
         * @description Tries to connect with the stored settings. An optional body, shaped like the body of `updateSource`, previews changes: they are merged into a copy for the test and never saved. Outcomes as for `testSource`. [ours] A test never changes the stored source.
         */
        post: operations["testSavedSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/import/test-source": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test the connection settings of a source before creating it
         * @description Takes the body `createSource` takes and tries to connect, without storing anything. The outcome is in `data.code`, with status 200 whether or not the connection worked. [ours] The outcome is `connection_failed` when the source's address (its host, else its bucket, else its project) cannot be reached (addresses under the reserved `.invalid` domain, and those of the seeded sources marked unreachable), `authentication_failed` when no usable credential is configured, and `success` otherwise.
         */
        post: operations["testSource"];
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
        /** @description Azure Blob Storage settings as stored; the SAS token is never shown. */
        AbsConfig: {
            bucket_name: components["schemas"]["BucketName"];
            is_valid: components["schemas"]["IsValid"];
            /** @description Azure storage account that holds the container. */
            storage_account_name: string;
        };
        /** @description Azure Blob Storage settings. */
        AbsSettings: {
            auth_method?: components["schemas"]["AuthMethod"];
            azure_service_shared_access_signature?: components["schemas"]["AzureSasSettings"];
            bucket_name?: components["schemas"]["BucketName"];
            /** @description Azure storage account that holds the container (3-24 lowercase letters and digits). */
            storage_account_name?: string;
        };
        /** @description Which of the configured credentials Prequel uses, e.g. `password_auth`, `aws_access_keys`, `aws_iam_role`, `gcp_service_account_role`, `public_key_auth`. Kept but not returned (except for Snowflake). */
        AuthMethod: string;
        /** @description The AWS IAM role Prequel assumes. */
        AwsIamRole: {
            /** @description ARN of the role. */
            aws_iam_role: string;
        };
        /** @description An AWS IAM role that Prequel assumes to read the resource. */
        AwsIamRoleSettings: {
            /** @description ARN of the role, e.g. `arn:aws:iam::123456789012:role/service-role/importer`. */
            aws_iam_role_arn?: string;
        };
        /** @description A shared access signature that grants read access to the container. */
        AzureSasSettings: {
            shared_access_signature_token?: components["schemas"]["Secret"];
        };
        /** @description Google BigQuery settings as stored; a service account key is shown only by its email. The public reference gives this block no `is_valid`. */
        BigQueryConfig: {
            federated_gcp_service_account_role?: components["schemas"]["GcpServiceAccount"];
            gcp_service_account_key?: components["schemas"]["GcpServiceAccount"];
            gcp_service_account_role?: components["schemas"]["GcpServiceAccount"];
            /** @description Google Cloud project that holds the datasets. */
            project_id: string;
            region?: components["schemas"]["Region"];
        };
        /** @description Google BigQuery settings. [ours] `federated_gcp_service_account_role` and `gcp_service_account_key` are taken here too, as the answer shows them. */
        BigQuerySettings: {
            auth_method?: components["schemas"]["AuthMethod"];
            federated_gcp_service_account_role?: components["schemas"]["GcpServiceAccountSettings"];
            gcp_service_account_key?: components["schemas"]["GcpServiceAccountKeySettings"];
            gcp_service_account_role?: components["schemas"]["GcpServiceAccountSettings"];
            /** @description Google Cloud project that holds the datasets. */
            project_id?: string;
            region?: components["schemas"]["Region"];
        };
        /** @description The access key pair in use for the bucket; only its id is shown. */
        BucketAccessKeys: {
            /** @description Access key id. */
            access_key_id: string;
        };
        /** @description An access key pair for the bucket. Returned as `access_key_id` only. */
        BucketAccessKeysSettings: {
            /** @description Access key id. */
            access_id?: string;
            secret_key?: components["schemas"]["Secret"];
        };
        /** @description Bucket (or, for Azure, container) to read files from. */
        BucketName: string;
        /** @description Seconds to wait for a connection to open, 1 to 3600. [ours] 30 when never set; the upper bound is ours. */
        ConnectionTimeout: number;
        /** @description Database to read from. */
        DatabaseName: string;
        /** @description Schema inside the database to read from; all schemas the user can read when left out. */
        DatabaseSchema: string;
        /** @description Connect without TLS. [ours] False when never set. */
        DisableSsl: boolean;
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
        /** @description A Google Cloud service account, by its email. */
        GcpServiceAccount: {
            service_account_email: components["schemas"]["ServiceAccountEmail"];
        };
        /** @description [ours] A Google Cloud service account key. Returned only as the service account's email, read from the key's `client_email`. */
        GcpServiceAccountKeySettings: {
            service_account_key?: components["schemas"]["Secret"];
        };
        /** @description A Google Cloud service account that Prequel acts as. */
        GcpServiceAccountSettings: {
            service_account_email?: components["schemas"]["ServiceAccountEmail"];
        };
        /** @description Google Cloud Storage settings as stored; HMAC secrets and service account keys are never shown. */
        GcsConfig: {
            bucket_name: components["schemas"]["BucketName"];
            federated_gcp_service_account_role?: components["schemas"]["GcpServiceAccount"];
            gcp_service_account_key?: components["schemas"]["GcpServiceAccount"];
            gcp_service_account_role?: components["schemas"]["GcpServiceAccount"];
            gcs_hmac_keys?: components["schemas"]["GcsHmacKeys"];
            is_valid: components["schemas"]["IsValid"];
            region?: components["schemas"]["Region"];
        };
        /** @description The HMAC key pair in use for the bucket; only its access id is shown. */
        GcsHmacKeys: {
            /** @description HMAC access id. */
            access_id: string;
        };
        /** @description [ours] An HMAC key pair for the bucket. The secret is never returned. */
        GcsHmacKeysSettings: {
            /** @description HMAC access id. */
            access_id?: string;
            secret?: components["schemas"]["Secret"];
        };
        /** @description Google Cloud Storage settings. [ours] `federated_gcp_service_account_role`, `gcs_hmac_keys` and `gcp_service_account_key` are taken here too, as the answer shows them. */
        GcsSettings: {
            auth_method?: components["schemas"]["AuthMethod"];
            bucket_name?: components["schemas"]["BucketName"];
            federated_gcp_service_account_role?: components["schemas"]["GcpServiceAccountSettings"];
            gcp_service_account_key?: components["schemas"]["GcpServiceAccountKeySettings"];
            gcp_service_account_role?: components["schemas"]["GcpServiceAccountSettings"];
            gcs_hmac_keys?: components["schemas"]["GcsHmacKeysSettings"];
            region?: components["schemas"]["Region"];
        };
        /** @description Host name or IP address of the server, without scheme or port. */
        Host: string;
        /** @description An import source: the fields every source has and the settings block of its vendor, keyed by the vendor. The documented object has no `vendor` field: the block present names the vendor. Secrets are never part of it. [ours] The simulator answers one block, and in its extended shape names the vendor again in `vendor`. */
        ImportSource: {
            abs?: components["schemas"]["AbsConfig"];
            bigquery?: components["schemas"]["BigQueryConfig"];
            /**
             * Format: date-time
             * @description When the source was created (RFC 3339, UTC).
             */
            created_at: string;
            gcs?: components["schemas"]["GcsConfig"];
            /** @description The source's id, assigned by Prequel. */
            id: string;
            /** @description Whether Prequel could reach the source's address when it last checked. [ours] Worked out on create and on every change. */
            is_reachable: boolean;
            name: components["schemas"]["SourceName"];
            postgres?: components["schemas"]["PostgresConfig"];
            provider_id: components["schemas"]["ProviderId"];
            redshift?: components["schemas"]["RedshiftConfig"];
            redshift_serverless?: components["schemas"]["RedshiftServerlessConfig"];
            s3?: components["schemas"]["S3Config"];
            s3_compatible?: components["schemas"]["S3CompatibleConfig"];
            sftp?: components["schemas"]["SftpConfig"];
            snowflake?: components["schemas"]["SnowflakeConfig"];
            /**
             * Format: date-time
             * @description When the source last changed (RFC 3339, UTC); equals `created_at` until then.
             */
            updated_at: string;
            /** @description [ours] The source's vendor, named again so readers need not look for the block; the public reference shows only the block, so readers must not need it. */
            vendor?: string;
        };
        /** @description Whether the settings are complete enough to connect with. [ours] True when a usable credential is configured for the vendor. */
        IsValid: boolean;
        /** @description Sign in with a user name and a password. */
        PasswordAuthSettings: {
            password?: components["schemas"]["Secret"];
            username?: components["schemas"]["Username"];
        };
        /** @description TCP port of the server, 1 to 65535. */
        Port: number;
        /** @description PostgreSQL settings as stored; the password is never shown. */
        PostgresConfig: {
            connection_timeout_in_seconds: components["schemas"]["ConnectionTimeout"];
            database: components["schemas"]["DatabaseName"];
            disable_ssl: components["schemas"]["DisableSsl"];
            host: components["schemas"]["Host"];
            is_valid: components["schemas"]["IsValid"];
            port: components["schemas"]["Port"];
            schema?: components["schemas"]["DatabaseSchema"];
            ssh_tunnel?: components["schemas"]["SshTunnel"];
            use_ssh_tunnel: components["schemas"]["UseSshTunnel"];
            username?: components["schemas"]["Username"];
        };
        /** @description PostgreSQL settings. [ours] `connection_timeout_in_seconds` and `ssh_tunnel` are taken here too, as the answer shows them. */
        PostgresSettings: {
            auth_method?: components["schemas"]["AuthMethod"];
            connection_timeout_in_seconds?: components["schemas"]["ConnectionTimeout"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            password_auth?: components["schemas"]["PasswordAuthSettings"];
            port?: components["schemas"]["Port"];
            schema?: components["schemas"]["DatabaseSchema"];
            ssh_tunnel?: components["schemas"]["SshTunnelSettings"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description Id of the provider (the party whose data is imported) that the source belongs to. */
        ProviderId: string;
        /** @description Key-pair authentication in use. */
        PublicKeyAuth: {
            /** @description The public key authorised for the user. */
            public_key: string;
        };
        /** @description Key-pair authentication; the public key to authorise for the user. */
        PublicKeyAuthSettings: {
            /** @description Public key (PEM or OpenSSH text). */
            public_key?: string;
        };
        /** @description Amazon Redshift settings as stored; secret key and password are never shown. */
        RedshiftConfig: {
            aws_access_keys?: components["schemas"]["WarehouseAccessKeys"];
            aws_iam_role?: components["schemas"]["AwsIamRole"];
            /** @description Identifier of the Redshift cluster. */
            cluster?: string;
            connection_timeout_in_seconds: components["schemas"]["ConnectionTimeout"];
            database: components["schemas"]["DatabaseName"];
            disable_ssl: components["schemas"]["DisableSsl"];
            host: components["schemas"]["Host"];
            is_valid: components["schemas"]["IsValid"];
            port: components["schemas"]["Port"];
            region?: components["schemas"]["Region"];
            schema?: components["schemas"]["DatabaseSchema"];
            ssh_tunnel?: components["schemas"]["SshTunnel"];
            use_ssh_tunnel: components["schemas"]["UseSshTunnel"];
            username?: components["schemas"]["Username"];
            /** @description Redshift workgroup, when the cluster belongs to one. */
            workgroup?: string;
        };
        /** @description Amazon Redshift Serverless settings as stored; secrets are never shown. */
        RedshiftServerlessConfig: {
            aws_access_keys?: components["schemas"]["WarehouseAccessKeys"];
            aws_iam_role?: components["schemas"]["AwsIamRole"];
            connection_timeout_in_seconds: components["schemas"]["ConnectionTimeout"];
            database: components["schemas"]["DatabaseName"];
            disable_ssl: components["schemas"]["DisableSsl"];
            host: components["schemas"]["Host"];
            is_valid: components["schemas"]["IsValid"];
            port: components["schemas"]["Port"];
            region?: components["schemas"]["Region"];
            schema?: components["schemas"]["DatabaseSchema"];
            ssh_tunnel?: components["schemas"]["SshTunnel"];
            use_ssh_tunnel: components["schemas"]["UseSshTunnel"];
            /** @description The serverless workgroup. */
            workgroup: string;
        };
        /** @description Amazon Redshift Serverless settings. [ours] `aws_iam_role` and `ssh_tunnel` are taken here too, as the answer shows them. */
        RedshiftServerlessSettings: {
            auth_method?: components["schemas"]["AuthMethod"];
            aws_access_keys?: components["schemas"]["WarehouseAccessKeysSettings"];
            aws_iam_role?: components["schemas"]["AwsIamRoleSettings"];
            connection_timeout_in_seconds?: components["schemas"]["ConnectionTimeout"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            port?: components["schemas"]["Port"];
            region?: components["schemas"]["Region"];
            schema?: components["schemas"]["DatabaseSchema"];
            ssh_tunnel?: components["schemas"]["SshTunnelSettings"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
            /** @description The serverless workgroup to connect to. */
            workgroup?: string;
        };
        /** @description Amazon Redshift (provisioned cluster) settings. [ours] `aws_iam_role` and `ssh_tunnel` are taken here too, as the answer shows them. */
        RedshiftSettings: {
            auth_method?: components["schemas"]["AuthMethod"];
            aws_access_keys?: components["schemas"]["WarehouseAccessKeysSettings"];
            aws_iam_role?: components["schemas"]["AwsIamRoleSettings"];
            /** @description Identifier of the Redshift cluster. */
            cluster?: string;
            connection_timeout_in_seconds?: components["schemas"]["ConnectionTimeout"];
            database?: components["schemas"]["DatabaseName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            port?: components["schemas"]["Port"];
            region?: components["schemas"]["Region"];
            schema?: components["schemas"]["DatabaseSchema"];
            ssh_tunnel?: components["schemas"]["SshTunnelSettings"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
            username?: components["schemas"]["Username"];
            /** @description Redshift workgroup, when the cluster belongs to one. */
            workgroup?: string;
        };
        /** @description Cloud region that holds the resource, e.g. `us-east-1` or `europe-west1`. */
        Region: string;
        /** @description S3-compatible store settings as stored; the secret key is never shown. */
        S3CompatibleConfig: {
            aws_access_keys?: components["schemas"]["BucketAccessKeys"];
            bucket_name: components["schemas"]["BucketName"];
            disable_ssl: components["schemas"]["DisableSsl"];
            host: components["schemas"]["Host"];
            is_valid: components["schemas"]["IsValid"];
            port: components["schemas"]["Port"];
            ssh_tunnel?: components["schemas"]["SshTunnel"];
            use_ssh_tunnel: components["schemas"]["UseSshTunnel"];
        };
        /** @description Settings of an S3-compatible object store (MinIO, Ceph, R2, ...). [ours] `ssh_tunnel` is taken here too, as the answer shows it. */
        S3CompatibleSettings: {
            auth_method?: components["schemas"]["AuthMethod"];
            aws_access_keys?: components["schemas"]["BucketAccessKeysSettings"];
            bucket_name?: components["schemas"]["BucketName"];
            disable_ssl?: components["schemas"]["DisableSsl"];
            host?: components["schemas"]["Host"];
            port?: components["schemas"]["Port"];
            ssh_tunnel?: components["schemas"]["SshTunnelSettings"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description Amazon S3 settings as stored; the secret key is never shown. */
        S3Config: {
            aws_access_keys?: components["schemas"]["BucketAccessKeys"];
            aws_iam_role?: components["schemas"]["AwsIamRole"];
            /** @description Endpoint host of the bucket, when it is not the region's default. */
            bucket_host?: string;
            bucket_name: components["schemas"]["BucketName"];
            is_valid: components["schemas"]["IsValid"];
            region?: components["schemas"]["Region"];
            ssh_tunnel?: components["schemas"]["SshTunnel"];
            use_ssh_tunnel: components["schemas"]["UseSshTunnel"];
        };
        /** @description Amazon S3 settings. [ours] `aws_access_keys` and `ssh_tunnel` are taken here too, as the answer shows them. */
        S3Settings: {
            auth_method?: components["schemas"]["AuthMethod"];
            aws_access_keys?: components["schemas"]["BucketAccessKeysSettings"];
            aws_iam_role?: components["schemas"]["AwsIamRoleSettings"];
            /** @description Endpoint host of the bucket, when it is not the region's default. */
            bucket_host?: string;
            bucket_name?: components["schemas"]["BucketName"];
            region?: components["schemas"]["Region"];
            ssh_tunnel?: components["schemas"]["SshTunnelSettings"];
            use_ssh_tunnel?: components["schemas"]["UseSshTunnel"];
        };
        /** @description A credential. Accepted on write, stored, never returned. */
        Secret: string;
        /**
         * Format: email
         * @description Email of a Google Cloud service account, e.g. `importer@project.iam.gserviceaccount.com`.
         */
        ServiceAccountEmail: string;
        /** @description SFTP settings as stored. */
        SftpConfig: {
            host: components["schemas"]["Host"];
            is_valid: components["schemas"]["IsValid"];
            port: components["schemas"]["Port"];
            username: components["schemas"]["Username"];
        };
        /** @description SFTP server settings. */
        SftpSettings: {
            auth_method?: components["schemas"]["AuthMethod"];
            host?: components["schemas"]["Host"];
            port?: components["schemas"]["Port"];
            public_key_auth?: components["schemas"]["PublicKeyAuthSettings"];
            username?: components["schemas"]["Username"];
        };
        /** @description Snowflake settings as stored. */
        SnowflakeConfig: {
            /** @description Which credential Prequel uses, e.g. `public_key_auth`. */
            auth_method?: string;
            database: components["schemas"]["DatabaseName"];
            host: components["schemas"]["Host"];
            is_valid: components["schemas"]["IsValid"];
            port: components["schemas"]["Port"];
            public_key_auth?: components["schemas"]["PublicKeyAuth"];
            schema?: components["schemas"]["DatabaseSchema"];
            username: components["schemas"]["Username"];
        };
        /** @description Snowflake settings. */
        SnowflakeSettings: {
            auth_method?: components["schemas"]["AuthMethod"];
            database?: components["schemas"]["DatabaseName"];
            host?: components["schemas"]["Host"];
            port?: components["schemas"]["Port"];
            public_key_auth?: components["schemas"]["PublicKeyAuthSettings"];
            schema?: components["schemas"]["DatabaseSchema"];
            username?: components["schemas"]["Username"];
        };
        /** @description A new source: its vendor, its provider, its name and exactly one settings block, the one named by `vendor`. A block for another vendor, or a missing block, is a 400. */
        SourceCreate: {
            /** @description Settings when `vendor` is `abs`; `bucket_name` and `storage_account_name` are needed. */
            abs?: WithRequired<components["schemas"]["AbsSettings"], "bucket_name" | "storage_account_name">;
            /** @description Settings when `vendor` is `bigquery`; `project_id` is needed. */
            bigquery?: WithRequired<components["schemas"]["BigQuerySettings"], "project_id">;
            /** @description Settings when `vendor` is `gcs`; `bucket_name` is needed. */
            gcs?: WithRequired<components["schemas"]["GcsSettings"], "bucket_name">;
            name: components["schemas"]["SourceName"];
            /** @description Settings when `vendor` is `postgres`; `host`, `port` and `database` are needed. */
            postgres?: WithRequired<components["schemas"]["PostgresSettings"], "host" | "port" | "database">;
            provider_id: components["schemas"]["ProviderId"];
            /** @description Settings when `vendor` is `redshift`; `host`, `port` and `database` are needed. */
            redshift?: WithRequired<components["schemas"]["RedshiftSettings"], "host" | "port" | "database">;
            /** @description Settings when `vendor` is `redshift_serverless`; `host`, `port`, `database` and `workgroup` are needed. */
            redshift_serverless?: WithRequired<components["schemas"]["RedshiftServerlessSettings"], "host" | "port" | "database" | "workgroup">;
            /** @description Settings when `vendor` is `s3`; `bucket_name` is needed. */
            s3?: WithRequired<components["schemas"]["S3Settings"], "bucket_name">;
            /** @description Settings when `vendor` is `s3_compatible`; `host`, `port` and `bucket_name` are needed. */
            s3_compatible?: WithRequired<components["schemas"]["S3CompatibleSettings"], "host" | "port" | "bucket_name">;
            /** @description Settings when `vendor` is `sftp`; `host`, `port` and `username` are needed. */
            sftp?: WithRequired<components["schemas"]["SftpSettings"], "host" | "port" | "username">;
            /** @description Settings when `vendor` is `snowflake`; `host`, `port`, `database` and `username` are needed. */
            snowflake?: WithRequired<components["schemas"]["SnowflakeSettings"], "host" | "port" | "database" | "username">;
            vendor: components["schemas"]["Vendor"];
        };
        /** @description A source to create (or, for `testSource`, to test). */
        SourceCreateRequest: {
            source: components["schemas"]["SourceCreate"];
        };
        /** @description One page of sources in the success envelope, with where the next page starts. */
        SourceListResponse: {
            /** @description The payload. */
            data: {
                /** @description At most `page_size` sources, in the requested order. */
                sources: components["schemas"]["ImportSource"][];
            };
            /** @description True when more sources follow this page. */
            has_next: boolean;
            message: components["schemas"]["EnvelopeMessage"];
            /** @description Present only when `has_next` is true: the path and query of the next page, e.g. `/import/sources?cursor=...&order=desc&page_size=10`, carrying the same `page_size` and `order` plus a `cursor`. */
            next_url?: string;
            status: components["schemas"]["SuccessStatus"];
        };
        /** @description [ours] A name for people, 1 to 255 characters, unique within its provider. */
        SourceName: string;
        /** @description Changes to a source: a new name, and changes to the settings block of the source's own vendor. Every field may be left out; none may be null. */
        SourcePatch: {
            abs?: components["schemas"]["AbsSettings"];
            bigquery?: components["schemas"]["BigQuerySettings"];
            gcs?: components["schemas"]["GcsSettings"];
            name?: components["schemas"]["SourceName"];
            postgres?: components["schemas"]["PostgresSettings"];
            redshift?: components["schemas"]["RedshiftSettings"];
            redshift_serverless?: components["schemas"]["RedshiftServerlessSettings"];
            s3?: components["schemas"]["S3Settings"];
            s3_compatible?: components["schemas"]["S3CompatibleSettings"];
            sftp?: components["schemas"]["SftpSettings"];
            snowflake?: components["schemas"]["SnowflakeSettings"];
        };
        /** @description One source in the success envelope. */
        SourceResponse: {
            /** @description The payload. */
            data: {
                source: components["schemas"]["ImportSource"];
            };
            message: components["schemas"]["EnvelopeMessage"];
            status: components["schemas"]["SuccessStatus"];
        };
        /** @description The changes to a source (or, for `testSavedSource`, the changes to preview). */
        SourceUpdateRequest: {
            source: components["schemas"]["SourcePatch"];
        };
        /** @description The SSH bastion the source is reached through. */
        SshTunnel: {
            /** @description Public key Prequel connects with; authorise it for that user on the bastion. */
            ssh_public_key: string;
            ssh_tunnel_host: components["schemas"]["Host"];
            ssh_tunnel_port: components["schemas"]["Port"];
            ssh_tunnel_username: components["schemas"]["Username"];
        };
        /** @description [ours] The SSH bastion to connect through. `ssh_tunnel_host` and `ssh_tunnel_username` are needed once the tunnel is set up; the port is 22 when never set. Prequel generates the key pair and returns its public half as `ssh_public_key`. */
        SshTunnelSettings: {
            ssh_tunnel_host?: components["schemas"]["Host"];
            ssh_tunnel_port?: components["schemas"]["Port"];
            ssh_tunnel_username?: components["schemas"]["Username"];
        };
        /**
         * @description Always `success` on a 2xx answer.
         * @constant
         */
        SuccessStatus: "success";
        /** @description What happened when Prequel tried to connect. */
        TestResult: {
            /**
             * @description `success` when the connection worked. [ours] `connection_failed` when the address could not be reached, `authentication_failed` when no usable credential is set.
             * @enum {string}
             */
            code: "success" | "connection_failed" | "authentication_failed";
            /** @description A human-readable account of the outcome. Never contains secrets. */
            message: string;
        };
        /** @description The outcome of a connection test in the success envelope. */
        TestResultResponse: {
            data: components["schemas"]["TestResult"];
            message: components["schemas"]["EnvelopeMessage"];
            status: components["schemas"]["SuccessStatus"];
        };
        /** @description User name Prequel signs in with. */
        Username: string;
        /** @description Connect through an SSH bastion (see `ssh_tunnel`). [ours] False when never set. */
        UseSshTunnel: boolean;
        /**
         * @description The kind of system a source reads from, which is also the key of its settings block: PostgreSQL, Amazon Redshift (provisioned or serverless), Google BigQuery, Amazon S3, Azure Blob Storage (`abs`), SFTP, Google Cloud Storage, an S3-compatible store or Snowflake.
         * @enum {string}
         */
        Vendor: "postgres" | "redshift" | "redshift_serverless" | "bigquery" | "s3" | "abs" | "sftp" | "gcs" | "s3_compatible" | "snowflake";
        /** @description The AWS access key pair in use; only its id is shown. */
        WarehouseAccessKeys: {
            /** @description AWS access key id. */
            access_id: string;
        };
        /** @description An AWS access key pair and the database password used with it. */
        WarehouseAccessKeysSettings: {
            /** @description AWS access key id. */
            access_id?: string;
            password?: components["schemas"]["Secret"];
            secret_key?: components["schemas"]["Secret"];
        };
    };
    responses: {
        /** @description The request is not acceptable: a malformed body, an unknown field, a value of the wrong type or out of range, a vendor block that does not fit, a bad cursor or an unknown API version. [ours] `message` names each offending field as a dotted path followed by what is wrong (`source.postgres.port: must be integer`), several separated by `; `. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description [ours] The provider already has a source with that name. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No source has that id. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The request body is larger than 32 MB. */
        PayloadTooLarge: {
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
        /** @description Where the page starts: the `cursor` parameter of the previous page's `next_url`. Opaque; [ours] one the API did not issue, or one issued for the other `order`, is a 400. */
        Cursor: string;
        /** @description `desc` (the default) lists the newest sources first, `asc` the oldest first. */
        Order: "asc" | "desc";
        /** @description Most sources in one page, 1 to 100. */
        PageSize: number;
        /** @description The source's id, as `id` in a source object (a UUID). */
        SourceId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listSources: {
        parameters: {
            query?: {
                /** @description Where the page starts: the `cursor` parameter of the previous page's `next_url`. Opaque; [ours] one the API did not issue, or one issued for the other `order`, is a 400. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `desc` (the default) lists the newest sources first, `asc` the oldest first. */
                order?: components["parameters"]["Order"];
                /** @description Most sources in one page, 1 to 100. */
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
            /** @description One page of sources. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    createSource: {
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
                "application/json": components["schemas"]["SourceCreateRequest"];
            };
        };
        responses: {
            /** @description The source as stored, secrets left out. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getSource: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The source's id, as `id` in a source object (a UUID). */
                id: components["parameters"]["SourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The source, secrets left out. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    updateSource: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The source's id, as `id` in a source object (a UUID). */
                id: components["parameters"]["SourceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SourceUpdateRequest"];
            };
        };
        responses: {
            /** @description The source after the change, secrets left out. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SourceResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    testSavedSource: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version the caller was written against. Clients send `2023-12-01` on every call. [ours] Missing means the latest version; a version the API does not know is a 400. */
                "X-Prequel-Api-Version"?: components["parameters"]["ApiVersion"];
            };
            path: {
                /** @description The source's id, as `id` in a source object (a UUID). */
                id: components["parameters"]["SourceId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SourceUpdateRequest"];
            };
        };
        responses: {
            /** @description The outcome of the test. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestResultResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    testSource: {
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
                "application/json": components["schemas"]["SourceCreateRequest"];
            };
        };
        responses: {
            /** @description The outcome of the test. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestResultResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};

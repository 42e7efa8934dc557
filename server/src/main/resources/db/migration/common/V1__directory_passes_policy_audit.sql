-- One script for H2 2.x and PostgreSQL 15+: only types both spell the same way.

create table users (
    id                  varchar(36)  primary key,
    user_principal_name varchar(320) not null,
    upn_key             varchar(320) not null,
    display_name        varchar(256) not null,
    mail_nickname       varchar(64),
    user_type           varchar(16)  not null,
    account_enabled     boolean      not null,
    password_hash       varchar(200),
    password_set_at     timestamp with time zone,
    created_at          timestamp with time zone not null,
    constraint users_upn_key unique (upn_key)
);
create index users_display_name on users (display_name);

create table directory_groups (
    id               varchar(36)  primary key,
    display_name     varchar(256) not null,
    description      varchar(1024),
    mail_nickname    varchar(64),
    security_enabled boolean      not null,
    mail_enabled     boolean      not null,
    created_at       timestamp with time zone not null
);
create index directory_groups_display_name on directory_groups (display_name);

create table group_members (
    group_id varchar(36) not null references directory_groups (id) on delete cascade,
    user_id  varchar(36) not null references users (id) on delete cascade,
    primary key (group_id, user_id)
);
create index group_members_user on group_members (user_id);

-- One pass per user: the unique constraint decides concurrent creates.
create table temporary_access_passes (
    id               varchar(36) primary key,
    user_id          varchar(36) not null references users (id) on delete cascade,
    key_id           varchar(32) not null,
    pass_hash        bytea       not null,
    created_at       timestamp with time zone not null,
    start_at         timestamp with time zone not null,
    lifetime_minutes integer     not null,
    expires_at       timestamp with time zone not null,
    usable_once      boolean     not null,
    consumed_at      timestamp with time zone,
    constraint temporary_access_passes_one_per_user unique (user_id)
);
create index temporary_access_passes_expires on temporary_access_passes (expires_at);

-- Authentication method configurations, stored in their Graph shape.
create table method_policies (
    id         varchar(64) primary key,
    document   text        not null,
    updated_at timestamp with time zone not null
);

create table directory_audits (
    id                    varchar(36)  primary key,
    activity_date_time    timestamp with time zone not null,
    category              varchar(64)  not null,
    activity_display_name varchar(256) not null,
    operation_type        varchar(32)  not null,
    result                varchar(16)  not null,
    result_reason         varchar(512) not null,
    logged_by_service     varchar(64)  not null,
    correlation_id        varchar(64)  not null,
    initiated_by_type     varchar(8)   not null,
    initiated_by_id       varchar(100) not null,
    initiated_by_name     varchar(320),
    target_resources      text         not null
);
create index directory_audits_time on directory_audits (activity_date_time, id);

-- API clients of the client-credentials grant. The secret is kept as a keyed hash only.
create table api_clients (
    client_id     varchar(100)  primary key,
    display_name  varchar(256)  not null,
    secret_key_id varchar(32)   not null,
    secret_hash   bytea         not null,
    permissions   varchar(2000) not null,
    created_at    timestamp with time zone not null
);

-- Token signing keys, so that every node signs alike and tokens survive restarts.
-- The private key is sealed (AES-GCM) under a key derived from the server's hashing key.
create table signing_keys (
    kid                varchar(64) primary key,
    public_jwk         text        not null,
    sealed_private_key bytea       not null,
    seal_key_id        varchar(32) not null,
    created_at         timestamp with time zone not null
);

-- Spring Authorization Server's authorizations (types as its schema asks for PostgreSQL: text, timestamptz).
create table oauth2_authorization (
    id                            varchar(100) not null primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000) default null,
    attributes                    text default null,
    state                         varchar(500) default null,
    authorization_code_value      text default null,
    authorization_code_issued_at  timestamp with time zone default null,
    authorization_code_expires_at timestamp with time zone default null,
    authorization_code_metadata   text default null,
    access_token_value            text default null,
    access_token_issued_at        timestamp with time zone default null,
    access_token_expires_at       timestamp with time zone default null,
    access_token_metadata         text default null,
    access_token_type             varchar(100) default null,
    access_token_scopes           varchar(1000) default null,
    oidc_id_token_value           text default null,
    oidc_id_token_issued_at       timestamp with time zone default null,
    oidc_id_token_expires_at      timestamp with time zone default null,
    oidc_id_token_metadata        text default null,
    refresh_token_value           text default null,
    refresh_token_issued_at       timestamp with time zone default null,
    refresh_token_expires_at      timestamp with time zone default null,
    refresh_token_metadata        text default null,
    user_code_value               text default null,
    user_code_issued_at           timestamp with time zone default null,
    user_code_expires_at          timestamp with time zone default null,
    user_code_metadata            text default null,
    device_code_value             text default null,
    device_code_issued_at         timestamp with time zone default null,
    device_code_expires_at        timestamp with time zone default null,
    device_code_metadata          text default null
);
create index oauth2_authorization_access_expiry on oauth2_authorization (access_token_expires_at);

-- Applications that sign their users in through OpenID Connect (Graph's application objects).
create table applications (
    id                    varchar(36)   primary key,
    app_id                varchar(36)   not null,
    display_name          varchar(256)  not null,
    web_redirect_uris     text          not null,
    public_redirect_uris  text          not null,
    public_client         boolean       not null,
    required_strength     varchar(64)   not null,
    delegated_permissions varchar(2000) not null,
    created_at            timestamp with time zone not null,
    constraint applications_app_id unique (app_id)
);

-- Client secrets of applications, kept as keyed hashes only.
create table application_passwords (
    key_id         varchar(36)  primary key,
    application_id varchar(36)  not null references applications (id) on delete cascade,
    display_name   varchar(256),
    hint           varchar(8)   not null,
    secret_key_id  varchar(32)  not null,
    secret_hash    bytea        not null,
    start_at       timestamp with time zone not null,
    end_at         timestamp with time zone not null
);
create index application_passwords_application on application_passwords (application_id);

-- Refresh tokens already exchanged, by keyed hash: presenting one again revokes its whole family.
create table spent_refresh_tokens (
    token_hash       varchar(64)  primary key,
    authorization_id varchar(100) not null,
    spent_at         timestamp with time zone not null
);
create index spent_refresh_tokens_spent on spent_refresh_tokens (spent_at);

create index oauth2_authorization_refresh_expiry on oauth2_authorization (refresh_token_expires_at);

-- When each device last polled the token endpoint, and the interval it must keep (RFC 8628 slow_down).
create table device_polls (
    device_code_hash varchar(64) primary key,
    last_poll_at     timestamp with time zone not null,
    interval_seconds integer     not null
);

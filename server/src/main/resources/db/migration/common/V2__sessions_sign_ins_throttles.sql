-- Browser sessions (Spring Session JDBC), shared by every node.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

-- The sign-in log: every attempt with its true reason (the person only ever sees a uniform message).
create table sign_ins (
    id                    varchar(36)  primary key,
    created_at            timestamp with time zone not null,
    user_id               varchar(36),
    user_principal_name   varchar(320) not null,
    user_display_name     varchar(256),
    authentication_method varchar(64)  not null,
    succeeded             boolean      not null,
    error_code            integer      not null,
    failure_reason        varchar(64),
    ip_address            varchar(64),
    user_agent            varchar(512),
    correlation_id        varchar(64)  not null
);
create index sign_ins_time on sign_ins (created_at, id);

-- Failed pass attempts per account, seen by every node. The key is the lower-cased username typed, so
-- attempts against unknown accounts are throttled the same way.
create table pass_throttles (
    account_key  varchar(320) primary key,
    failures     integer      not null,
    locked_until timestamp with time zone,
    updated_at   timestamp with time zone not null
);

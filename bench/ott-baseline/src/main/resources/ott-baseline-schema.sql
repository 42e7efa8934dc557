-- Spring Security's users/authorities and one_time_tokens tables, in PostgreSQL's types: the scripts in its
-- jars use H2's varchar_ignorecase.
create table if not exists users (
    username varchar(50)  not null primary key,
    password varchar(500) not null,
    enabled  boolean      not null
);
create table if not exists authorities (
    username  varchar(50) not null references users (username),
    authority varchar(50) not null
);
create unique index if not exists ix_auth_username on authorities (username, authority);
create table if not exists one_time_tokens (
    token_value varchar(36) not null primary key,
    username    varchar(50) not null,
    expires_at  timestamp   not null
);

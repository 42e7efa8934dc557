-- Spring Security's WebAuthn tables, with the types both databases accept. A user entity's name is the
-- Latchkey user id, so deleting a user deletes their passkeys.
create table user_entities (
    id           varchar(1000) not null primary key,
    name         varchar(100)  not null,
    display_name varchar(200),
    constraint user_entities_name unique (name),
    constraint user_entities_user foreign key (name) references users (id) on delete cascade
);

create table user_credentials (
    credential_id                varchar(1000) not null primary key,
    user_entity_user_id          varchar(1000) not null,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null,
    constraint user_credentials_entity foreign key (user_entity_user_id)
        references user_entities (id) on delete cascade
);
create index user_credentials_entity on user_credentials (user_entity_user_id);

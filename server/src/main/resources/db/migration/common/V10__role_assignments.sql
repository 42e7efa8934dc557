-- Directory roles held by users, directory-wide. Deleting a user removes their roles.
create table role_assignments (
    id                 varchar(36) primary key,
    role_definition_id varchar(36) not null,
    principal_id       varchar(36) not null references users (id) on delete cascade,
    created_at         timestamp with time zone not null,
    constraint role_assignments_once unique (principal_id, role_definition_id)
);

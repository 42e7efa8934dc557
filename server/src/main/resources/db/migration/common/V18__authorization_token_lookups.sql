-- Spring Authorization Server finds an authorization by the value of a code or token (refresh, code,
-- device and user codes, state). As text those columns can't be indexed on H2, so every refresh scanned
-- the whole table, and a refresh got slower with every token issued. The values Latchkey issues are at
-- most 128 characters; varchar(1000) holds them and can be indexed on both databases.
alter table oauth2_authorization alter column refresh_token_value set data type varchar(1000);
alter table oauth2_authorization alter column authorization_code_value set data type varchar(1000);
alter table oauth2_authorization alter column device_code_value set data type varchar(1000);
alter table oauth2_authorization alter column user_code_value set data type varchar(1000);
create index oauth2_authorization_refresh_value on oauth2_authorization (refresh_token_value);
create index oauth2_authorization_code_value on oauth2_authorization (authorization_code_value);
create index oauth2_authorization_device_value on oauth2_authorization (device_code_value);
create index oauth2_authorization_user_code_value on oauth2_authorization (user_code_value);
create index oauth2_authorization_state on oauth2_authorization (state);

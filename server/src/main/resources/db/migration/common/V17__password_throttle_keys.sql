-- Password sign-in counts its failures in pass_throttles under 'password:' + the username (up to 320
-- characters), so the key grows by the prefix.
alter table pass_throttles alter column account_key set data type varchar(340);

-- The Password method configuration (Latchkey's passwordless enforcement) gets its row like the others;
-- an empty document reads as the defaults: password sign-in enabled for all users.
insert into method_policies (id, document, updated_at)
select 'Password', '{}', current_timestamp where not exists (select 1 from method_policies where id = 'Password');

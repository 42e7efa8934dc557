-- Every method configuration has its row from the start (an empty document reads as the defaults), so a
-- change locks an existing row instead of racing to insert one.
insert into method_policies (id, document, updated_at)
select 'TemporaryAccessPass', '{}', current_timestamp where not exists (select 1 from method_policies where id = 'TemporaryAccessPass');
insert into method_policies (id, document, updated_at)
select 'Fido2', '{}', current_timestamp where not exists (select 1 from method_policies where id = 'Fido2');

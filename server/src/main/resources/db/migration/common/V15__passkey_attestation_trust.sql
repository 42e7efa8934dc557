-- Whether a passkey's attestation chain led to one of the operator's trust anchors when it was registered:
-- Graph's attestationLevel. Passkeys registered before trust anchors existed read notAttested.
alter table user_credentials add column attestation_trusted boolean default false not null;

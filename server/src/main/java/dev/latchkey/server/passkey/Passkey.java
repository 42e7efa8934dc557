package dev.latchkey.server.passkey;

import java.time.Instant;

/**
 * A registered passkey as people and the Graph API see it.
 *
 * @param id the credential id, base64url
 * @param displayName the name its owner gave it
 * @param createdAt when it was registered
 * @param lastUsedAt when it last signed in; null if never
 * @param aaGuid the authenticator model, all zeros when unknown
 * @param attested whether its attestation chained to one of the operator's trust anchors at registration
 * @param backupEligible whether it can be synced (a passkey) rather than bound to one device
 */
public record Passkey(String id, String displayName, Instant createdAt, Instant lastUsedAt, String aaGuid,
    boolean attested, boolean backupEligible) {}

package dev.latchkey.server.oidc;

import dev.latchkey.core.hashing.KeyedHash;
import java.time.Instant;

/**
 * A client secret of an application (Graph's {@code passwordCredential}); only its keyed hash is kept.
 *
 * @param keyId the secret's id
 * @param applicationId the object id of its application
 * @param displayName a label, may be null
 * @param hint the first three characters of the secret, to tell secrets apart
 * @param hash the keyed hash of the secret
 * @param startAt when it becomes valid
 * @param endAt when it stops being valid
 */
record ApplicationPassword(String keyId, String applicationId, String displayName, String hint, KeyedHash hash,
    Instant startAt, Instant endAt) {

  boolean isValidAt(Instant now) {
    return !now.isBefore(startAt) && now.isBefore(endAt);
  }
}

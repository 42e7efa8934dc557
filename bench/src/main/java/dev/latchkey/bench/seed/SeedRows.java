package dev.latchkey.bench.seed;

import dev.latchkey.bench.http.SeededUsers;
import dev.latchkey.core.hashing.KeyedHash;
import dev.latchkey.core.hashing.KeyedHasher;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The rows of the seeded users, column for column as {@code UserRepository.insert} and
 * {@code PassRepository.insert} write them: random GUIDs, the lower-cased UPN as {@code upn_key}, a Member
 * account without a password, and a multi-use pass that starts now, hashed under the server's key.
 */
final class SeedRows {

  /** One user and their pass. */
  record Row(String userId, String upn, String upnKey, String displayName, String passId, KeyedHash passHash) {}

  private final SeededUsers users;
  private final KeyedHasher hasher;
  private final OffsetDateTime now;
  private final OffsetDateTime expiresAt;
  private final int lifetimeMinutes;

  SeedRows(SeededUsers users, KeyedHasher hasher, Instant now, int lifetimeMinutes) {
    this.users = users;
    this.hasher = hasher;
    this.now = now.atOffset(ZoneOffset.UTC);
    this.expiresAt = now.plus(lifetimeMinutes, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC);
    this.lifetimeMinutes = lifetimeMinutes;
  }

  /** Users {@code from} (inclusive) to {@code to} (exclusive), each with new ids. */
  List<Row> rows(long from, long to) {
    List<Row> rows = new ArrayList<>((int) (to - from));
    for (long n = from; n < to; n++) {
      String upn = users.upn(n);
      rows.add(new Row(UUID.randomUUID().toString(), upn, upn.toLowerCase(Locale.ROOT), users.displayName(n),
          UUID.randomUUID().toString(), hasher.hash(users.pass(n))));
    }
    return rows;
  }

  /** created_at of the users and created_at and start_at of the passes. */
  OffsetDateTime now() {
    return now;
  }

  OffsetDateTime expiresAt() {
    return expiresAt;
  }

  int lifetimeMinutes() {
    return lifetimeMinutes;
  }
}

package dev.latchkey.server.signin;

import dev.latchkey.server.persistence.SqlTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed pass attempts per account, in the database so that every node counts the same attempts. After
 * {@code lockoutThreshold} failures pass sign-in locks for {@code firstLock}, doubling with each further
 * failure up to {@code longestLock}. The lock covers pass sign-in only, never passkeys. A success resets
 * the count. Password sign-in counts in the same table under the account key prefixed {@code password:},
 * so that a password lock and a pass lock never hold each other.
 */
@Component
class PassThrottle {

  private final JdbcClient jdbc;
  private final SignInProperties properties;
  private final TransactionTemplate separate;

  PassThrottle(JdbcClient jdbc, SignInProperties properties, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The account's failures as one attempt finds them.
   *
   * @param counted whether any failure is counted, so that a success has something to reset
   * @param lockedUntil when the lock ends, or null when it was never locked
   */
  record Standing(boolean counted, Instant lockedUntil) {

    static final Standing CLEAN = new Standing(false, null);

    boolean lockedAt(Instant now) {
      return lockedUntil != null && lockedUntil.isAfter(now);
    }
  }

  Standing standing(String accountKey) {
    return jdbc.sql("select locked_until from pass_throttles where account_key = :key")
        .param("key", accountKey)
        .query((rs, n) -> new Standing(true, SqlTime.read(rs, "locked_until")))
        .optional()
        .orElse(Standing.CLEAN);
  }

  /**
   * Counts one failure, exactly once even when nodes race (one atomic increment), and returns the lock
   * it starts, if it starts one.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  Optional<Instant> recordFailure(String accountKey, Instant now) {
    int failures = increment(accountKey, now);
    if (failures < properties.lockoutThreshold()) {
      return Optional.empty();
    }
    Instant until = now.plus(lockLength(failures - properties.lockoutThreshold()));
    jdbc.sql("update pass_throttles set locked_until = :until where account_key = :key")
        .param("until", SqlTime.bind(until)).param("key", accountKey).update();
    return Optional.of(until);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void reset(String accountKey) {
    jdbc.sql("delete from pass_throttles where account_key = :key").param("key", accountKey).update();
  }

  private int increment(String accountKey, Instant now) {
    int updated = jdbc.sql("update pass_throttles set failures = failures + 1, updated_at = :now where account_key = :key")
        .param("now", SqlTime.bind(now)).param("key", accountKey).update();
    if (updated == 0) {
      createRow(accountKey, now);
      jdbc.sql("update pass_throttles set failures = failures + 1, updated_at = :now where account_key = :key")
          .param("now", SqlTime.bind(now)).param("key", accountKey).update();
    }
    return jdbc.sql("select failures from pass_throttles where account_key = :key").param("key", accountKey)
        .query(Integer.class).single();
  }

  /**
   * Creates the account's row with no failures, in a transaction of its own: when another node creates it
   * at the same moment, only that small transaction fails (PostgreSQL aborts a transaction on a unique
   * violation) and the increment goes on against the other node's row.
   */
  private void createRow(String accountKey, Instant now) {
    try {
      separate.executeWithoutResult(status -> jdbc.sql(
              "insert into pass_throttles (account_key, failures, locked_until, updated_at) values (:key, 0, null, :now)")
          .param("key", accountKey).param("now", SqlTime.bind(now)).update());
    } catch (DuplicateKeyException anotherNodeCreatedIt) {
      // the row exists now, which is all this wanted
    }
  }

  private Duration lockLength(int failuresPastThreshold) {
    Duration length = properties.firstLock();
    for (int i = 0; i < failuresPastThreshold && length.compareTo(properties.longestLock()) < 0; i++) {
      length = length.multipliedBy(2);
    }
    return length.compareTo(properties.longestLock()) > 0 ? properties.longestLock() : length;
  }
}

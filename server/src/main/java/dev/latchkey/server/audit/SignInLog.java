package dev.latchkey.server.audit;

import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import java.util.List;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sign-in log ({@code /auditLogs/signIns}). A success is recorded in the transaction that creates the
 * session (and consumes a one-time pass); a failure in a transaction of its own, so it is kept whatever
 * happens to the request.
 */
@Service
public class SignInLog {

  /** A filter property beyond Graph's: the authentication method, e.g. {@code Passkey (FIDO2)}. */
  public static final String METHOD = "authenticationMethod";
  /** A filter property beyond Graph's: {@code true} or {@code false}. */
  public static final String SUCCEEDED = "succeeded";

  private final SignInLogRepository repository;
  private final AdminRights rights;
  private final MeterRegistry meters;

  SignInLog(SignInLogRepository repository, AdminRights rights, MeterRegistry meters) {
    this.repository = repository;
    this.rights = rights;
    this.meters = meters;
  }

  /**
   * Sign-ins matching every clause (the API's properties, {@link #METHOD} and {@link #SUCCEEDED}), newest
   * first, after the position {@code after} (null for the start).
   *
   * @throws dev.latchkey.server.graph.GraphException 403 unless the caller may read the logs
   */
  public List<SignInRecord> find(List<FilterClause> filter, String after, int limit) {
    rights.require(AdminAction.READ_AUDIT, null);
    return repository.find(filter, after, limit);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void recordSuccess(SignInRecord record) {
    repository.insert(record);
    countOnCommit(record);
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordFailure(SignInRecord record) {
    repository.insert(record);
    countOnCommit(record);
  }

  /**
   * Counts the attempt once its record is committed:
   * {@code latchkey_signins_total{method, result="success"|"failure", reason}}, the reason being the sign-in
   * log's failure reason ("none" for a success).
   */
  private void countOnCommit(SignInRecord record) {
    Counter counter = Counter.builder("latchkey.signins").description("Sign-in attempts by method and result")
        .tag("method", record.authenticationMethod())
        .tag("result", record.succeeded() ? "success" : "failure")
        .tag("reason", record.failureReason() == null ? "none" : record.failureReason())
        .register(meters);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        counter.increment();
      }
    });
  }
}

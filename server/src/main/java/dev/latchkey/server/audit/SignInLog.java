package dev.latchkey.server.audit;

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

  private final SignInLogRepository repository;
  private final MeterRegistry meters;

  SignInLog(SignInLogRepository repository, MeterRegistry meters) {
    this.repository = repository;
    this.meters = meters;
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

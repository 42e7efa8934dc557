package dev.latchkey.server.audit;

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

  SignInLog(SignInLogRepository repository) {
    this.repository = repository;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void recordSuccess(SignInRecord record) {
    repository.insert(record);
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordFailure(SignInRecord record) {
    repository.insert(record);
  }
}

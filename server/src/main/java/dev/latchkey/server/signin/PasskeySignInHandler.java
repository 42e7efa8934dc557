package dev.latchkey.server.signin;

import dev.latchkey.server.audit.SignInLog;
import dev.latchkey.server.audit.SignInRecord;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.RequestIds;
import dev.latchkey.server.passkey.PasskeyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a verified passkey into a Latchkey session (with a new session id and CSRF token) and records every passkey
 * sign-in, success or failure, in the sign-in log. Answers the page's script with JSON.
 */
final class PasskeySignInHandler implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  static final String FAILED = "That passkey didn't work. Try again, or sign in with a Temporary Access Pass.";

  private final UserService users;
  private final PasskeyService passkeys;
  private final SignInLog log;
  private final SignInProperties properties;
  private final TransactionTemplate transactions;
  private final BrowserCsrfTokens csrfTokens;
  private final Clock clock;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  PasskeySignInHandler(UserService users, PasskeyService passkeys, SignInLog log, SignInProperties properties,
      TransactionTemplate transactions, BrowserCsrfTokens csrfTokens, Clock clock) {
    this.users = users;
    this.passkeys = passkeys;
    this.log = log;
    this.properties = properties;
    this.transactions = transactions;
    this.csrfTokens = csrfTokens;
    this.clock = clock;
  }

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
      Authentication authentication) throws IOException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    User user = users.findById(authentication.getName()).orElseThrow();
    Object credential = request.getAttribute(PasskeyService.CREDENTIAL_USED);
    String credentialId = credential == null ? "" : credential.toString();
    boolean deviceBound = passkeys.passkeysOf(user).stream()
        .anyMatch(passkey -> passkey.id().equals(credentialId) && !passkey.backupEligible());
    PasskeySession session = new PasskeySession(user.id(), user.userPrincipalName(), user.displayName(),
        credentialId, deviceBound, now, now.plus(properties.passkeySessionLifetime()),
        now.plus(properties.registrationWindow()));
    transactions.executeWithoutResult(status ->
        log.recordSuccess(record(user.id(), user.userPrincipalName(), user.displayName(), true, 0, null, request, now)));
    request.changeSessionId();
    // Spring's passkey filter keeps the CSRF token of the page that signed in; the next page gets a new one.
    csrfTokens.saveToken(null, request, response);
    SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
    context.setAuthentication(session);
    SecurityContextHolder.getContextHolderStrategy().setContext(context);
    contexts.saveContext(context, request, response);
    response.setContentType("application/json");
    response.getWriter().write("{\"authenticated\":true,\"redirectUrl\":\"" + SignInContinuation.next(request) + "\"}");
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String reason = exception.getMessage() == null ? "PasskeyNotVerified" : "Passkey" + exception.getClass().getSimpleName();
    if (exception.getMessage() != null && exception.getMessage().matches("[A-Za-z]+")) {
      reason = exception.getMessage();
    }
    Object owner = request.getAttribute(PasskeyService.CREDENTIAL_OWNER);
    User user = owner == null ? null : users.findById(owner.toString()).orElse(null);
    log.recordFailure(user == null ? record(null, "(passkey)", null, false, 50126, reason, request, now)
        : record(user.id(), user.userPrincipalName(), user.displayName(), false, 50126, reason, request, now));
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("application/json");
    response.getWriter().write("{\"authenticated\":false,\"message\":\"" + FAILED + "\"}");
  }

  private SignInRecord record(String userId, String upn, String displayName, boolean succeeded, int errorCode,
      String reason, HttpServletRequest request, Instant now) {
    return new SignInRecord(UUID.randomUUID().toString(), now, userId, upn, displayName, PasskeySession.METHOD,
        succeeded, errorCode, reason, ClientAddress.of(request, properties.trustedProxies()),
        request.getHeader("User-Agent"), RequestIds.requestId(request));
  }
}

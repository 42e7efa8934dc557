package dev.latchkey.server.api;

import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.MutableClock;
import java.time.Instant;

/**
 * What the API contracts need from the server under test. Each contract is an interface of test methods,
 * so that one concrete class per database runs all of them against one server.
 */
public interface ApiTest {

  /** The cookie that holds a CSRF token before sign-in: the suite's base URL is https. */
  String CSRF_COOKIE = "__Host-LATCHKEY_CSRF";

  /** A new browser with an empty cookie jar. */
  BrowserSession browser();

  /** A client with every permission. */
  GraphClient admin();

  /** A client without a token. */
  GraphClient anonymous();

  /** A client holding only {@code permissions}. */
  GraphClient clientWith(String... permissions);

  MutableClock clock();

  /**
   * A client with a delegated token for the user {@code userId}, signed by the server's own signing key
   * with the claims a signed-in admin's token carries ({@code idtyp=user}, {@code oid}, {@code scp}).
   */
  GraphClient asUser(String userId, String upn, String... scopes);

  /** Runs the sweep of expired authorizations now; returns how many records it deleted. */
  int sweepAuthorizations();

  /** Every stored authorization's columns as text: what someone reading the database would see. */
  String storedAuthorizations();

  /** How many browser sessions the shared store has been given since {@code since} (by the wall clock). */
  int sessionsCreatedSince(Instant since);

  /** Creates a member user and returns their id. */
  String createUser(String upn);

  /** A fresh, unique UPN. */
  default String newUpn(String prefix) {
    return GraphApiSuite.uniqueUpn(prefix);
  }

  default String passesOf(String user) {
    return "/v1.0/users/" + user + "/authentication/temporaryAccessPassMethods";
  }

  default String tapPolicy() {
    return "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
  }

  /** The path of a link, which must start with the configured base URL. */
  default String pathOf(String link) {
    return GraphApiSuite.linkPath(link);
  }
}

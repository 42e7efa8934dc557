package dev.latchkey.bench.http;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** What the timed part of a run sends, and which status counts as a success. */
enum Scenario {

  /**
   * {@code POST …/authentication/temporaryAccessPassMethods}: one pass for each seeded user, each user once
   * (a second create for the same user answers 409 while the first pass is usable).
   */
  CREATE(201, false),

  /** {@code GET …/authentication/methods}, round-robin over seeded users who each hold a pass. */
  METHODS(200, true),

  /** {@code POST /oauth2/token} with client credentials (HTTP Basic). */
  TOKEN(200, true),

  /** {@code POST /oauth2/token} with {@code grant_type=refresh_token}, each worker on its own token families. */
  REFRESH(200, true),

  /**
   * {@code POST /signin} (username) and {@code POST /signin/pass} with a pass: 302 to the app. Multi-use
   * passes round-robin, or with {@code --one-time} each one-time pass once.
   */
  PASS_SIGNIN(302, true),

  /** {@code GET /signin}, {@code POST /webauthn/authenticate/options}, {@code POST /login/webauthn}. */
  PASSKEY_SIGNIN(200, true),

  /** Keycloak: {@code POST /realms/{realm}/protocol/openid-connect/token} with client credentials (HTTP Basic). */
  KEYCLOAK_TOKEN(200, true),

  /** Keycloak: the authorization endpoint's login form, then its post with username and password: 302 with a code. */
  KEYCLOAK_PASSWORD_SIGNIN(302, true),

  /**
   * Not Latchkey: the baseline app of {@code bench/ott-baseline}, {@code GET /login/ott} (CSRF token) and
   * {@code POST /login/ott} with one of Spring Security's one-time tokens, each token once: 302 to the app.
   */
  OTT_SIGNIN(302, false),

  /**
   * A relying party's sign-in of a person with a passkey, from no session: {@code GET /oauth2/authorize},
   * the passkey sign-in, back to the authorization endpoint, {@code POST /oauth2/token}: 200 with an ID token.
   */
  CODE_FLOW(200, true),

  /**
   * Pass sign-ins refused for each reason, and a control that succeeds, interleaved at random; times
   * {@code POST /signin/pass} per class. Its call answers 200 for an attempt that came out as its class should.
   */
  SIGNIN_FAILURES(200, true);

  private final int successStatus;
  private final boolean reusesUsers;

  Scenario(int successStatus, boolean reusesUsers) {
    this.successStatus = successStatus;
    this.reusesUsers = reusesUsers;
  }

  int successStatus() {
    return successStatus;
  }

  /** True when users are addressed round-robin, false when each user takes one request only. */
  boolean reusesUsers() {
    return reusesUsers;
  }

  /** True for the scenarios of the admin API, which seed users and address them in the path. */
  boolean adminApi() {
    return this == CREATE || this == METHODS;
  }

  /** True for the scenarios run against Keycloak rather than Latchkey. */
  boolean keycloak() {
    return this == KEYCLOAK_TOKEN || this == KEYCLOAK_PASSWORD_SIGNIN;
  }

  /** The name on the command line: {@code pass-signin} for {@code PASS_SIGNIN}. */
  String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Reads {@code --scenario}: the command-line name, case-insensitive, {@code _} or {@code -}. */
  static final class Converter implements CommandLine.ITypeConverter<Scenario> {
    @Override
    public Scenario convert(String value) {
      String wanted = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      return Arrays.stream(values()).filter(scenario -> scenario.cliName().equals(wanted)).findFirst()
          .orElseThrow(() -> new CommandLine.TypeConversionException("Unknown scenario '" + value + "'; one of "
              + Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", "))));
    }
  }
}

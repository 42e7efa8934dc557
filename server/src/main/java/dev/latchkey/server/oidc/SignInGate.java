package dev.latchkey.server.oidc;

import dev.latchkey.core.strength.AuthenticationStrength;
import dev.latchkey.core.strength.SignInMethod;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.passkey.PasskeyService;
import dev.latchkey.server.signin.SignInContinuation;
import dev.latchkey.server.signin.SignInSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Stands in front of the authorization and device-verification endpoints and decides whether the browser's
 * session may authorize this client now:
 * <ul>
 *   <li>nobody signed in: sign in first, then come back here;</li>
 *   <li>{@code prompt=login}, or a sign-in older than {@code max_age}: sign in again, then come back;</li>
 *   <li>a session weaker than the client's required strength (or a stricter {@code acr_values}): step up
 *       with a passkey, or register one first if the person has none;</li>
 *   <li>otherwise the request goes on, with the session turned into an {@link OidcPrincipal} for this
 *       request only, which is what the authorization server keeps with the authorization.</li>
 * </ul>
 */
final class SignInGate extends OncePerRequestFilter {

  static final String AUTHORIZE = "/oauth2/authorize";
  static final String DEVICE_VERIFICATION = "/oauth2/device_verification";
  private static final String REAUTHENTICATION = SignInGate.class.getName() + ".reauthenticationSince";

  private final ClientRegistry clients;
  private final DeviceCodes deviceCodes;
  private final UserService users;
  private final PasskeyService passkeys;
  private final Clock clock;

  SignInGate(ClientRegistry clients, DeviceCodes deviceCodes, UserService users, PasskeyService passkeys, Clock clock) {
    this.clients = clients;
    this.deviceCodes = deviceCodes;
    this.users = users;
    this.passkeys = passkeys;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getServletPath();
    return !AUTHORIZE.equals(path) && !DEVICE_VERIFICATION.equals(path);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    boolean consent = request.getParameter(OAuth2ParameterNames.STATE) != null
        && request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE) == null
        && "POST".equals(request.getMethod());
    if (!(current instanceof SignInSession session)) {
      if (prompts(request).contains("none") || consent) {
        chain.doFilter(request, response);
        return;
      }
      signIn(request, response, "/signin");
      return;
    }
    if (!consent) {
      Optional<String> detour = detour(request, session);
      if (detour.isPresent()) {
        signIn(request, response, detour.get());
        return;
      }
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(OidcPrincipal.of(session));
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }

  /** Where the person must go before this request can go on; empty when it can go on now. */
  private Optional<String> detour(HttpServletRequest request, SignInSession session) {
    if (DEVICE_VERIFICATION.equals(request.getServletPath())
        && request.getParameter(OAuth2ParameterNames.USER_CODE) == null) {
      return Optional.empty();
    }
    if (mustSignInAgain(request, session)) {
      request.getSession().setAttribute(REAUTHENTICATION, clock.instant());
      return Optional.of("/signin");
    }
    AuthenticationStrength required = requiredStrength(request);
    if (required == null || session.evidence().meets(required)) {
      return Optional.empty();
    }
    String stepUp = SignInContinuation.passkeyStepUp(request, session.userPrincipalName());
    boolean hasPasskey = users.findById(session.userId())
        .map(user -> !passkeys.passkeysOf(user).isEmpty()).orElse(false);
    if (hasPasskey) {
      return Optional.of(stepUp);
    }
    // Without a passkey: a pass session registers one first; a password session can't add methods, so it
    // signs in with a pass (which an application needing more than multi-factor then sends to register).
    return Optional.of(session.evidence().method() == SignInMethod.PASSWORD ? "/signin/pass" : "/security-info");
  }

  /**
   * {@code prompt=login} and {@code max_age} ask for a sign-in newer than the request; once the person
   * has signed in after being sent away, the returning request is satisfied.
   */
  private boolean mustSignInAgain(HttpServletRequest request, SignInSession session) {
    HttpSession httpSession = request.getSession(false);
    Instant sentAt = httpSession == null ? null : (Instant) httpSession.getAttribute(REAUTHENTICATION);
    if (sentAt != null && !session.authenticatedAt().isBefore(sentAt.truncatedTo(ChronoUnit.MICROS))) {
      httpSession.removeAttribute(REAUTHENTICATION);
      return false;
    }
    if (prompts(request).contains("login")) {
      return true;
    }
    String maxAge = request.getParameter("max_age");
    if (maxAge == null) {
      return false;
    }
    try {
      long seconds = Long.parseLong(maxAge.strip());
      return seconds <= 0 || Duration.between(session.authenticatedAt(), clock.instant()).getSeconds() > seconds;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** The client's required strength, raised by {@code acr_values} when the request asks for more. */
  private AuthenticationStrength requiredStrength(HttpServletRequest request) {
    String clientId = AUTHORIZE.equals(request.getServletPath()) ? request.getParameter(OAuth2ParameterNames.CLIENT_ID)
        : deviceCodes.clientOf(request.getParameter(OAuth2ParameterNames.USER_CODE)).orElse(null);
    AuthenticationStrength required = clients.requiredStrength(clientId).orElse(null);
    String acrValues = request.getParameter("acr_values");
    if (required != null && acrValues != null) {
      for (String acr : acrValues.split(" ")) {
        required = AuthenticationStrength.find(acr).map(required::atLeast).orElse(required);
      }
    }
    return required;
  }

  private static Set<String> prompts(HttpServletRequest request) {
    String prompt = request.getParameter("prompt");
    return prompt == null ? Set.of() : Set.of(prompt.split(" "));
  }

  /** Sends the browser to {@code path}, to come back to this very request once signed in. */
  private static void signIn(HttpServletRequest request, HttpServletResponse response, String path)
      throws IOException {
    UriComponentsBuilder back = UriComponentsBuilder.fromPath(request.getServletPath());
    request.getParameterMap().forEach((name, values) -> Arrays.stream(values)
        .forEach(value -> back.queryParam(encode(name), encode(value))));
    SignInContinuation.remember(request, back.build(true).toUriString());
    response.sendRedirect(path);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

package dev.latchkey.server.signin;

import dev.latchkey.server.config.LatchkeyProperties;
import dev.latchkey.server.audit.SignInLog;
import dev.latchkey.server.directory.PasswordPolicyService;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.passkey.PasskeyService;
import java.time.Clock;
import java.util.LinkedHashMap;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.DelegatingAccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.session.web.http.DefaultCookieSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browser side: sign-in and My Security Info pages with sessions in the shared database, CSRF on
 * every state-changing request (the token kept as {@link BrowserCsrfTokens} says), a strict
 * Content-Security-Policy without inline script, and no framing.
 * Spring Security's own passkey delete endpoint is closed: passkeys are deleted through My Security Info
 * or the Graph API, which audit the change and apply the recent-sign-in rule.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

  static final String PAGE_EXPIRED = "/page-expired";
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  @Order(3)
  SecurityFilterChain browserChain(HttpSecurity http, SessionChecks sessionChecks, PasskeyService passkeys, UserService users,
      PasswordPolicyService passwordPolicy, SignInLog log, SignInProperties signIn, LatchkeyProperties properties, TransactionTemplate transactions,
      PublicKeyCredentialCreationOptionsRepository creationOptions, BrowserCsrfTokens csrfTokens, JsonMapper json, Clock clock)
      throws Exception {
    PasskeySignInHandler passkeyHandler = new PasskeySignInHandler(users, passkeys, log, signIn, transactions, csrfTokens, clock);
    http.authorizeHttpRequests(requests -> requests
            .requestMatchers("/signin", "/signin/**", PAGE_EXPIRED, "/device", "/device/verify", "/css/**", "/js/**", "/favicon.ico", "/error",
                "/webauthn/authenticate/options", "/login/webauthn",
                "/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
            .requestMatchers(HttpMethod.DELETE, "/webauthn/register/**").denyAll()
            .requestMatchers("/security-info", "/security-info/**").hasAuthority(SignInSession.SECURITY_INFO)
            .requestMatchers("/admin", "/admin/**").access(PasskeySession::required)
            .anyRequest().authenticated())
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/signin"))
            .accessDeniedHandler(expiredPages()))
        .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
            .frameOptions(frames -> frames.deny()))
        .webAuthn(webAuthn -> webAuthn
            .rpName("Latchkey")
            .rpId(properties.relyingPartyId())
            .allowedOrigins(properties.origin())
            .disableDefaultRegistrationPage(true)
            .creationOptionsRepository(creationOptions)
            .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
              @Override
              public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationSuccessHandler(passkeyHandler);
                filter.setAuthenticationFailureHandler(passkeyHandler);
                return filter;
              }
            }))
        .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?signedout"))
        .requestCache(cache -> cache.disable())
        .addFilterBefore(new SessionGuard(sessionChecks, users, passwordPolicy, clock), AuthorizationFilter.class)
        .addFilterBefore(new PasskeyRefusals(json), SessionGuard.class);
    return http.build();
  }

  /**
   * A form whose CSRF token is no longer the session's (signed in or out in another tab since) gets a page
   * that says so, still with 403; any other refusal is answered as before.
   */
  private static AccessDeniedHandler expiredPages() {
    AccessDeniedHandlerImpl expired = new AccessDeniedHandlerImpl();
    expired.setErrorPage(PAGE_EXPIRED);
    LinkedHashMap<Class<? extends AccessDeniedException>, AccessDeniedHandler> handlers = new LinkedHashMap<>();
    handlers.put(CsrfException.class, expired);
    return new DelegatingAccessDeniedHandler(handlers, new AccessDeniedHandlerImpl());
  }

  @Bean
  BrowserCsrfTokens browserCsrfTokens(LatchkeyProperties properties, SignInProperties signIn) {
    return new BrowserCsrfTokens(https(properties), signIn.csrfCookie());
  }

  /** Just outside Spring Session's filter: see {@link OutageTolerantSessions}. */
  @Bean
  FilterRegistrationBean<OutageTolerantSessions.RequestScope> sessionRequestScope() {
    FilterRegistrationBean<OutageTolerantSessions.RequestScope> registration =
        new FilterRegistrationBean<>(new OutageTolerantSessions.RequestScope());
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
    return registration;
  }

  /**
   * The session cookie: HttpOnly, SameSite=Lax, and Secure. Only a plain-HTTP localhost base URL (a
   * developer's laptop) relaxes Secure; any other plain-HTTP base URL is refused at start-up, since
   * session cookies would cross the network in the clear.
   */
  @Bean
  CookieSerializer cookieSerializer(LatchkeyProperties properties) {
    boolean https = https(properties);
    if (!https && !"localhost".equalsIgnoreCase(properties.baseUrl().getHost())) {
      throw new IllegalStateException("latchkey.base-url is " + properties.baseUrl() + ": use https (terminate TLS at "
          + "your reverse proxy and give its https URL here); plain http is only for http://localhost.");
    }
    DefaultCookieSerializer serializer = new DefaultCookieSerializer();
    serializer.setCookieName("LATCHKEY_SESSION");
    serializer.setUseHttpOnlyCookie(true);
    serializer.setSameSite("Lax");
    serializer.setUseSecureCookie(https);
    return serializer;
  }

  private static boolean https(LatchkeyProperties properties) {
    return "https".equalsIgnoreCase(properties.baseUrl().getScheme());
  }
}

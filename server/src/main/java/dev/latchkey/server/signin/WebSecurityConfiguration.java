package dev.latchkey.server.signin;

import dev.latchkey.server.config.LatchkeyProperties;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.tap.PassService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The browser side: sign-in and My Security Info pages with sessions in the shared database, CSRF on
 * every state-changing request, a strict Content-Security-Policy without inline script, and no framing.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  @Order(3)
  SecurityFilterChain browserChain(HttpSecurity http, PassService passes, UserService users, Clock clock)
      throws Exception {
    http.authorizeHttpRequests(requests -> requests
            .requestMatchers("/signin", "/signin/**", "/css/**", "/js/**", "/favicon.ico", "/error",
                "/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
            .requestMatchers("/security-info", "/security-info/**").hasAuthority(PassSession.SECURITY_INFO)
            .anyRequest().authenticated())
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/signin")))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
            .frameOptions(frames -> frames.deny()))
        .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?signedout"))
        .requestCache(cache -> cache.disable())
        .addFilterBefore(new SessionGuard(passes, users, clock), AuthorizationFilter.class);
    return http.build();
  }

  /** The session cookie: HttpOnly, SameSite=Lax, and Secure whenever the public URL is https. */
  @Bean
  CookieSerializer cookieSerializer(LatchkeyProperties properties) {
    DefaultCookieSerializer serializer = new DefaultCookieSerializer();
    serializer.setCookieName("LATCHKEY_SESSION");
    serializer.setUseHttpOnlyCookie(true);
    serializer.setSameSite("Lax");
    serializer.setUseSecureCookie("https".equalsIgnoreCase(properties.baseUrl().getScheme()));
    return serializer;
  }
}

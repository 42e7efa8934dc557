package dev.latchkey.server.security;

import static dev.latchkey.server.security.Permissions.APPLICATION_READWRITE_ALL;
import static dev.latchkey.server.security.Permissions.APPLICATION_READ_ALL;
import static dev.latchkey.server.security.Permissions.AUDIT_READ_ALL;
import static dev.latchkey.server.security.Permissions.GROUP_READWRITE_ALL;
import static dev.latchkey.server.security.Permissions.GROUP_READ_ALL;
import static dev.latchkey.server.security.Permissions.METHODS_READWRITE_ALL;
import static dev.latchkey.server.security.Permissions.METHODS_READ_ALL;
import static dev.latchkey.server.security.Permissions.POLICY_READ;
import static dev.latchkey.server.security.Permissions.POLICY_READWRITE;
import static dev.latchkey.server.security.Permissions.ROLES_READ;
import static dev.latchkey.server.security.Permissions.ROLES_READWRITE;
import static dev.latchkey.server.security.Permissions.USER_READWRITE_ALL;
import static dev.latchkey.server.security.Permissions.USER_READ_ALL;

import dev.latchkey.core.hashing.KeyedHasher;
import dev.latchkey.server.config.LatchkeyProperties;
import dev.latchkey.server.graph.GraphErrors;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call the Graph API under {@code /v1.0} and {@code /beta}: bearer tokens only, with a Graph
 * permission checked per route; and the keys that sign and verify every token. The authorization server's
 * endpoints have their own chain, in {@code oidc}; the browser pages theirs, in {@code signin}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** Bearer tokens whose signature was checked, kept for their next use; about 3 KiB each. */
  private static final int REMEMBERED_TOKENS = 2048;

  private static final List<String> API_ROOTS = List.of("/v1.0", "/beta");

  @Bean
  @Order(2)
  SecurityFilterChain graphApiChain(HttpSecurity http, GraphErrors errors, JwtDecoder decoder) throws Exception {
    GraphAuthenticationErrors authenticationErrors = new GraphAuthenticationErrors(errors);
    http.securityMatcher(API_ROOTS.stream().map(root -> root + "/**").toArray(String[]::new))
        .authorizeHttpRequests(SecurityConfiguration::graphPermissions)
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(permissionsConverter()))
            .authenticationEntryPoint(authenticationErrors)
            .accessDeniedHandler(authenticationErrors))
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(authenticationErrors)
            .accessDeniedHandler(authenticationErrors))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable());
    return http.build();
  }

  /** The Graph permission each route needs; a ReadWrite permission includes its Read. */
  private static void graphPermissions(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
    for (String root : API_ROOTS) {
      routes
          .requestMatchers(HttpMethod.GET, root + "/users/*/authentication/**")
          .hasAnyAuthority(METHODS_READ_ALL, METHODS_READWRITE_ALL)
          .requestMatchers(root + "/users/*/authentication/**").hasAuthority(METHODS_READWRITE_ALL)
          .requestMatchers(root + "/me", root + "/me/**").authenticated()
          .requestMatchers(HttpMethod.GET, root + "/users", root + "/users/**")
          .hasAnyAuthority(USER_READ_ALL, USER_READWRITE_ALL)
          .requestMatchers(root + "/users", root + "/users/**").hasAuthority(USER_READWRITE_ALL)
          .requestMatchers(HttpMethod.GET, root + "/groups", root + "/groups/**")
          .hasAnyAuthority(GROUP_READ_ALL, GROUP_READWRITE_ALL)
          .requestMatchers(root + "/groups", root + "/groups/**").hasAuthority(GROUP_READWRITE_ALL)
          .requestMatchers(HttpMethod.GET, root + "/policies/**").hasAnyAuthority(POLICY_READ, POLICY_READWRITE)
          .requestMatchers(root + "/policies/**").hasAuthority(POLICY_READWRITE)
          .requestMatchers(HttpMethod.GET, root + "/auditLogs/**").hasAuthority(AUDIT_READ_ALL)
          .requestMatchers(HttpMethod.GET, root + "/applications", root + "/applications/**")
          .hasAnyAuthority(APPLICATION_READ_ALL, APPLICATION_READWRITE_ALL)
          .requestMatchers(root + "/applications", root + "/applications/**").hasAuthority(APPLICATION_READWRITE_ALL)
          .requestMatchers(HttpMethod.GET, root + "/roleManagement/**").hasAnyAuthority(ROLES_READ, ROLES_READWRITE)
          .requestMatchers(root + "/roleManagement/**").hasAuthority(ROLES_READWRITE);
    }
    routes.anyRequest().authenticated();
  }

  /** Authorities from the token: app permissions in {@code roles}, delegated ones in {@code scp}. */
  private static JwtAuthenticationConverter permissionsConverter() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::authorities);
    return converter;
  }

  private static Collection<GrantedAuthority> authorities(Jwt jwt) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
    if (roles != null) {
      roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role)));
    }
    String scopes = jwt.getClaimAsString(TokenClaims.SCOPES);
    if (scopes != null) {
      for (String scope : scopes.split(" ")) {
        if (!scope.isBlank()) {
          authorities.add(new SimpleGrantedAuthority(scope));
        }
      }
    }
    return authorities;
  }

  /** The API clients of the client-credentials grant, as the authorization server sees them. */
  @Bean
  ApiClientRegistry apiClientRegistry(ApiClientRepository clients, Clock clock) {
    return new ApiClientRegistry(clients, clock);
  }

  @Bean
  SigningKeys signingKeys(JdbcClient jdbc, KeyedHasher hasher, Clock clock,
      @Value("${latchkey.signing.access-token-algorithm:RS256}") SignatureAlgorithm accessTokens) {
    SigningKeys keys = new SigningKeys(jdbc, hasher, clock, accessTokens);
    keys.initialize();
    return keys;
  }

  /** Signs with the one current key; the authorization server uses this encoder. */
  @Bean
  JwtEncoder jwtEncoder(SigningKeys keys) {
    return new NimbusJwtEncoder(keys.signingSource());
  }

  @Bean
  JwtDecoder jwtDecoder(SigningKeys keys, LatchkeyProperties properties, Clock clock,
      List<OAuth2TokenValidator<Jwt>> moreValidators) {
    // Both algorithms whatever this node signs with, so that tokens of a node configured otherwise verify.
    NimbusJwtDecoder signatureOnly = NimbusJwtDecoder.withJwkSource(keys)
        .jwsAlgorithms(algorithms -> algorithms.addAll(SigningKeys.SUPPORTED)).build();
    signatureOnly.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setClock(clock);
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(
        new JwtIssuerValidator(properties.baseUrl().toString()), timestamps));
    validators.addAll(moreValidators);
    return new VerifiedTokens(signatureOnly, new DelegatingOAuth2TokenValidator<>(validators), keys::publishes,
        REMEMBERED_TOKENS, Duration.ofMinutes(10));
  }

  /**
   * Spring Security's observations wrap each of the ~15 filters of every request in a timer of its own:
   * a tenth of a small API call's time, for metrics nobody reads (the dashboard uses the request timer,
   * {@code http_server_requests}, which stays).
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }
}

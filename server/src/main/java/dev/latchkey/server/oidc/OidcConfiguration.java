package dev.latchkey.server.oidc;

import dev.latchkey.core.hashing.KeyedHasher;
import dev.latchkey.server.config.LatchkeyProperties;
import dev.latchkey.server.directory.PasswordPolicyService;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.passkey.PasskeyService;
import dev.latchkey.server.security.ApiClientRegistry;
import dev.latchkey.server.security.ClientCredentialsClaims;
import dev.latchkey.server.security.KeyedSecretEncoder;
import dev.latchkey.server.signin.SessionChecks;
import dev.latchkey.server.signin.SessionGuard;
import dev.latchkey.server.tap.PassService;
import java.io.IOException;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Spring Authorization Server as Latchkey's OpenID Connect provider: discovery, JWKS, authorization code
 * with PKCE, refresh tokens that rotate (a replayed one revokes its family), userinfo, RP-initiated
 * logout, the device grant with Latchkey's own pages, and client credentials for API clients. Browser
 * requests reach it with the shared session; {@link SignInGate} decides when they may authorize a client.
 */
@Configuration(proxyBeanMethods = false)
class OidcConfiguration {

  static final String DEVICE_AUTHORIZATION = "/oauth2/device_authorization";

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServerChain(HttpSecurity http, KeyedHasher hasher, ClientRegistry clients,
      DeviceCodes deviceCodes, UserService users, PasskeyService passkeys, SessionChecks sessionChecks, JwtDecoder decoder,
      OAuth2AuthorizationService authorizations, LatchkeyProperties properties, JdbcClient jdbc,
      PasswordPolicyService passwordPolicy, Clock clock) throws Exception {
    KeyedSecretEncoder secretEncoder = new KeyedSecretEncoder(hasher);
    ClockedCodes codes = new ClockedCodes(clock);
    PublicClientAuthentication publicClients = new PublicClientAuthentication(clients, DEVICE_AUTHORIZATION,
        "/oauth2/revoke");
    http.oauth2AuthorizationServer(server -> {
      http.securityMatcher(server.getEndpointsMatcher());
      server
          .clientAuthentication(authentication -> authentication
              .authenticationConverter(publicClients)
              .authenticationProvider(publicClients)
              .authenticationProviders(providers -> providers.stream()
                  .filter(ClientSecretAuthenticationProvider.class::isInstance)
                  .map(ClientSecretAuthenticationProvider.class::cast)
                  .forEach(provider -> provider.setPasswordEncoder(secretEncoder))))
          .authorizationEndpoint(authorization -> authorization.consentPage("/oauth2/consent"))
          .deviceAuthorizationEndpoint(device -> device.verificationUri(properties.link("/device")))
          .tokenEndpoint(token -> token.authenticationProviders(providers ->
              providers.replaceAll(provider -> DevicePolling.around(
                  ClockedExpiry.around(provider, authorizations, clock), jdbc, clock))))
          .withObjectPostProcessor(codes)
          .deviceVerificationEndpoint(verification -> verification
              .consentPage("/device/consent")
              .deviceVerificationResponseHandler((request, response, result) -> response.sendRedirect("/device?approved"))
              .errorResponseHandler((request, response, failure) -> response.sendRedirect(deviceError(failure))))
          .oidc(oidc -> oidc.logoutEndpoint(logout -> { }).userInfoEndpoint(userInfo -> { }));
    });
    http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
            new LoginUrlAuthenticationEntryPoint("/signin"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
        .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(decoder)))
        .requestCache(cache -> cache.disable())
        .addFilterAfter(new SessionGuard(sessionChecks, users, passwordPolicy, clock),
            SecurityContextHolderFilter.class)
        .addFilterAfter(new SignInGate(clients, deviceCodes, users, passkeys, clock), SessionGuard.class);
    return http.build();
  }

  private static String deviceError(org.springframework.security.core.AuthenticationException failure)
      throws IOException {
    boolean refused = failure instanceof OAuth2AuthenticationException oauth
        && OAuth2ErrorCodes.ACCESS_DENIED.equals(oauth.getError().getErrorCode());
    return refused ? "/device?denied" : "/device?error";
  }

  @Bean
  @Primary
  ClientRegistry clientRegistry(ApiClientRegistry apiClients, ApplicationService applications) {
    return new ClientRegistry(apiClients, applications);
  }

  /**
   * Authorizations in the database, so any node can redeem a code or refresh a token. The person behind
   * an authorization is kept as an {@link OidcPrincipal}, the one type of ours allowed in its JSON. API
   * clients' tokens are not stored unless revoked; see {@link SelfContainedAppTokens}. Codes and tokens
   * are stored as their digest; see {@link HashedTokenValues}.
   */
  @Bean
  OAuth2AuthorizationService authorizationService(JdbcTemplate jdbcTemplate, JdbcClient jdbc,
      RegisteredClientRepository clients, Clock clock, ObjectProvider<JwtDecoder> decoder) {
    JdbcOAuth2AuthorizationService service = new JdbcOAuth2AuthorizationService(jdbcTemplate, clients);
    BasicPolymorphicTypeValidator.Builder types = BasicPolymorphicTypeValidator.builder()
        .allowIfSubType(OidcPrincipal.class);
    JsonMapper json = JsonMapper.builder()
        .addModules(SecurityJacksonModules.getModules(OidcConfiguration.class.getClassLoader(), types))
        .build();
    service.setAuthorizationRowMapper(new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(
        clients, json));
    service.setAuthorizationParametersMapper(
        new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationParametersMapper(json));
    return new SelfContainedAppTokens(new RefreshTokenFamilies(new HashedTokenValues(service), jdbc, clock),
        decoder::getObject, clients);
  }

  /** The API refuses a person's token whose authorization was revoked; see {@link RevokedUserTokens}. */
  @Bean
  OAuth2TokenValidator<Jwt> revokedUserTokens(OAuth2AuthorizationService authorizations) {
    return new RevokedUserTokens(authorizations);
  }

  @Bean
  OAuth2AuthorizationConsentService authorizationConsentService() {
    return new ConsentNeverRemembered();
  }

  @Bean
  DeviceCodes deviceCodes(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients, Clock clock) {
    return new DeviceCodes(authorizations, clients, clock);
  }

  @Bean
  UserCodeAttempts userCodeAttempts(Clock clock) {
    return new UserCodeAttempts(clock);
  }

  /** Tokens read time from the injected clock, carry Graph's and OpenID Connect's claims, and honour passes. */
  @Bean
  OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, UserService users, PassService passes, Clock clock,
      @Value("${latchkey.signing.access-token-algorithm:RS256}") SignatureAlgorithm accessTokens) {
    JwtGenerator jwt = new JwtGenerator(encoder);
    ClientCredentialsClaims appClaims = new ClientCredentialsClaims();
    UserTokenClaims userClaims = new UserTokenClaims(users, passes, clock);
    jwt.setJwtCustomizer(context -> {
      appClaims.customize(context);
      userClaims.customize(context);
      // Spring's own checks (userinfo) compare "not before" with the host clock, which may trail the
      // database clock that stamped the token; "issued at" already says when it began.
      context.getClaims().claims(claims -> claims.remove(JwtClaimNames.NBF));
      // ID tokens stay RS256, which every OpenID Connect client must accept.
      if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
        context.getJwsHeader().algorithm(accessTokens);
      }
    });
    jwt.setClock(clock);
    OAuth2RefreshTokenGenerator refresh = new OAuth2RefreshTokenGenerator();
    refresh.setClock(clock);
    return new DelegatingOAuth2TokenGenerator(jwt, new PassBoundRefreshTokens(refresh));
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings(LatchkeyProperties properties) {
    return AuthorizationServerSettings.builder()
        .issuer(properties.baseUrl().toString())
        .deviceAuthorizationEndpoint(DEVICE_AUTHORIZATION)
        .build();
  }
}

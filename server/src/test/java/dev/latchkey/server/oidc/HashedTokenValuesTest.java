package dev.latchkey.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.Postgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Codes and tokens at rest: what the database holds, on real H2 and PostgreSQL, before and after the
 * schema's version 19 hashes what an earlier version stored as it was. (OidcContract proves the same through
 * the running server's grants.)
 */
class HashedTokenValuesTest {

  private static final RegisteredClient CLIENT = RegisteredClient.withId("client-1")
      .clientId("app")
      .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
      .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
      .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
      .redirectUri("https://app.example.test/callback")
      .build();

  private static final String CODE = "code-presented-by-the-application";
  private static final String ACCESS = "eyJhbGciOiJSUzI1NiJ9.an-access-token.signature";
  private static final String REFRESH = "a-refresh-token-of-ninety-six-random-bytes";

  private static DataSource database(String kind) {
    String url = kind.equals("h2")
        ? "jdbc:h2:mem:hashed-token-values-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"
        : Postgres.newDatabase();
    return new DriverManagerDataSource(url);
  }

  private static Flyway flyway(DataSource dataSource, String target) {
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common")
        .javaMigrations(new HashTokenValuesMigration()).target(target).load();
  }

  /** A new database of {@code kind} with the schema up to {@code version}. */
  private static DataSource migrated(String kind, String version) {
    DataSource dataSource = database(kind);
    flyway(dataSource, version).migrate();
    return dataSource;
  }

  private static JdbcOAuth2AuthorizationService jdbc(DataSource dataSource) {
    return new JdbcOAuth2AuthorizationService(new JdbcTemplate(dataSource), new InMemoryRegisteredClientRepository(CLIENT));
  }

  private static OAuth2Authorization authorization() {
    return authorization("authorization-1", CODE, ACCESS, REFRESH);
  }

  private static OAuth2Authorization authorization(String id, String code, String access, String refresh) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    OidcIdToken idToken = OidcIdToken.withTokenValue("id-token-of-" + id).subject("ada").issuedAt(now)
        .expiresAt(now.plusSeconds(1800)).build();
    return OAuth2Authorization.withRegisteredClient(CLIENT)
        .id(id)
        .attribute(OAuth2ParameterNames.STATE, "state-of-" + id)
        .token(idToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()))
        .principalName("ada@example.com")
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizedScopes(Set.of("openid"))
        .token(new OAuth2AuthorizationCode(code, now, now.plusSeconds(300)))
        .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, now, now.plusSeconds(3600),
            Set.of("openid")))
        .refreshToken(new OAuth2RefreshToken(refresh, now, now.plusSeconds(86_400)))
        .build();
  }

  private static Map<String, Object> row(DataSource dataSource) {
    return row(dataSource, "authorization-1");
  }

  private static final List<String> VALUE_COLUMNS = List.of("authorization_code_value", "access_token_value",
      "refresh_token_value", "device_code_value");

  /** The value columns as text (H2 gives a large object for a text column otherwise). */
  private static Map<String, Object> row(DataSource dataSource, String id) {
    return new JdbcTemplate(dataSource).queryForObject("select " + String.join(", ", VALUE_COLUMNS)
        + " from oauth2_authorization where id = ?", (rs, n) -> {
          Map<String, Object> values = new java.util.LinkedHashMap<>();
          for (String column : VALUE_COLUMNS) {
            values.put(column, rs.getString(column));
          }
          return values;
        }, id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void saveWhenAuthorizationHasTokensThenOnlyTheirDigestsAreStoredAndEachIsFoundByWhatIsPresented(String kind) {
    DataSource dataSource = migrated(kind, "latest");
    OAuth2AuthorizationService hashed = new HashedTokenValues(jdbc(dataSource));

    hashed.save(authorization());

    Map<String, Object> row = row(dataSource);
    row.remove("device_code_value");
    assertThat(row.values()).allSatisfy(value -> assertThat((String) value).startsWith("sha256:"))
        .doesNotContain(CODE, ACCESS, REFRESH);
    OAuth2Authorization found = hashed.findByToken(REFRESH, OAuth2TokenType.REFRESH_TOKEN);
    assertThat(found.getRefreshToken().getToken().getTokenValue()).as("given back as presented").isEqualTo(REFRESH);
    assertThat(found.getToken(REFRESH)).as("as Spring's providers look it up again").isNotNull();
    assertThat(hashed.findByToken(ACCESS, null).getAccessToken().getToken().getTokenValue()).isEqualTo(ACCESS);
    assertThat(hashed.findByToken(CODE, new OAuth2TokenType("code"))).isNotNull();
    assertThat(hashed.findByToken(HashedTokenValues.digest(REFRESH), OAuth2TokenType.REFRESH_TOKEN))
        .as("the stored digest is no token").isNull();
    assertThat(hashed.findByToken(HashedTokenValues.digest(ACCESS), null)).as("nor without a type").isNull();
    assertThat(hashed.findByToken(HashedTokenValues.digest(ACCESS).toUpperCase(java.util.Locale.ROOT), null))
        .as("nor in other letters").isNull();
    assertThat(hashed.findByToken("id-token-of-authorization-1", null)).as("an ID token is kept as it is")
        .isNotNull();
    assertThat(hashed.findByToken("state-of-authorization-1", null)).as("a state is no token").isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void saveWhenFoundByTokenThenSavedAgainThenTheDigestIsKeptNotHashedTwice(String kind) {
    DataSource dataSource = migrated(kind, "latest");
    OAuth2AuthorizationService hashed = new HashedTokenValues(jdbc(dataSource));
    hashed.save(authorization());

    OAuth2Authorization found = hashed.findByToken(REFRESH, OAuth2TokenType.REFRESH_TOKEN);
    hashed.save(OAuth2Authorization.from(found).invalidate(found.getRefreshToken().getToken()).build());
    hashed.save(hashed.findById("authorization-1"));

    assertThat(row(dataSource).get("refresh_token_value")).isEqualTo(HashedTokenValues.digest(REFRESH));
    OAuth2Authorization again = hashed.findByToken(REFRESH, OAuth2TokenType.REFRESH_TOKEN);
    assertThat(again.getRefreshToken().isInvalidated()).as("metadata kept through both saves").isTrue();
    assertThat(again.getAccessToken().getToken().getScopes()).containsExactly("openid");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void migrateWhenTokensWereStoredAsTheyWereThenTheyAreHashedAndStillWork(String kind) {
    DataSource dataSource = migrated(kind, "18");
    jdbc(dataSource).save(authorization());
    jdbc(dataSource).save(authorization("authorization-2", "code-2", "access-2", "refresh-2"));
    new HashedTokenValues(jdbc(dataSource)).save(authorization("authorization-3", "code-3", "access-3", "refresh-3"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    jdbc(dataSource).save(OAuth2Authorization.withRegisteredClient(CLIENT).id("authorization-4")
        .principalName("ada@example.com").authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
        .token(new OAuth2DeviceCode("device-code-4", now, now.plusSeconds(600)))
        .token(new OAuth2UserCode("WDJB-MJHT", now, now.plusSeconds(600)))
        .build());
    assertThat(row(dataSource)).containsEntry("refresh_token_value", REFRESH);

    flyway(dataSource, "latest").migrate();

    assertThat(row(dataSource)).containsEntry("authorization_code_value", HashedTokenValues.digest(CODE))
        .containsEntry("access_token_value", HashedTokenValues.digest(ACCESS))
        .containsEntry("refresh_token_value", HashedTokenValues.digest(REFRESH));
    assertThat(row(dataSource, "authorization-2")).containsEntry("refresh_token_value",
        HashedTokenValues.digest("refresh-2"));
    assertThat(row(dataSource, "authorization-3")).as("hashed once, not twice")
        .containsEntry("refresh_token_value", HashedTokenValues.digest("refresh-3"));
    assertThat(row(dataSource, "authorization-4")).containsEntry("device_code_value",
        HashedTokenValues.digest("device-code-4"));
    OAuth2AuthorizationService hashed = new HashedTokenValues(jdbc(dataSource));
    assertThat(hashed.findByToken(REFRESH, OAuth2TokenType.REFRESH_TOKEN)).as("issued before the upgrade").isNotNull();
    assertThat(hashed.findByToken(ACCESS, OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
    assertThat(hashed.findByToken("refresh-3", OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
    assertThat(hashed.findByToken("device-code-4", new OAuth2TokenType("device_code"))).isNotNull();
    assertThat(hashed.findByToken("WDJB-MJHT", new OAuth2TokenType("user_code"))).as("user codes kept").isNotNull();
  }
}

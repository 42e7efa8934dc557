package dev.latchkey.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.Postgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
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

  private static JdbcOAuth2AuthorizationService jdbc(DataSource dataSource) {
    return new JdbcOAuth2AuthorizationService(new JdbcTemplate(dataSource), new InMemoryRegisteredClientRepository(CLIENT));
  }

  private static OAuth2Authorization authorization() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return OAuth2Authorization.withRegisteredClient(CLIENT)
        .id("authorization-1")
        .principalName("ada@example.com")
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizedScopes(Set.of("openid"))
        .token(new OAuth2AuthorizationCode(CODE, now, now.plusSeconds(300)))
        .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, ACCESS, now, now.plusSeconds(3600),
            Set.of("openid")))
        .refreshToken(new OAuth2RefreshToken(REFRESH, now, now.plusSeconds(86_400)))
        .build();
  }

  private static Map<String, Object> row(DataSource dataSource) {
    return new JdbcTemplate(dataSource).queryForMap("select authorization_code_value, access_token_value, "
        + "refresh_token_value from oauth2_authorization where id = 'authorization-1'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void saveWhenAuthorizationHasTokensThenOnlyTheirDigestsAreStoredAndEachIsFoundByWhatIsPresented(String kind) {
    DataSource dataSource = database(kind);
    flyway(dataSource, "latest").migrate();
    OAuth2AuthorizationService hashed = new HashedTokenValues(jdbc(dataSource));

    hashed.save(authorization());

    assertThat(row(dataSource).values()).allSatisfy(value -> assertThat((String) value).startsWith("sha256:"))
        .doesNotContain(CODE, ACCESS, REFRESH);
    OAuth2Authorization found = hashed.findByToken(REFRESH, OAuth2TokenType.REFRESH_TOKEN);
    assertThat(found.getRefreshToken().getToken().getTokenValue()).as("given back as presented").isEqualTo(REFRESH);
    assertThat(found.getToken(REFRESH)).as("as Spring's providers look it up again").isNotNull();
    assertThat(hashed.findByToken(ACCESS, null).getAccessToken().getToken().getTokenValue()).isEqualTo(ACCESS);
    assertThat(hashed.findByToken(CODE, new OAuth2TokenType("code"))).isNotNull();
    assertThat(hashed.findByToken(HashedTokenValues.digest(REFRESH), OAuth2TokenType.REFRESH_TOKEN))
        .as("the stored digest is no token").isNull();
    assertThat(hashed.findByToken(HashedTokenValues.digest(ACCESS), null)).as("nor without a type").isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void saveWhenFoundByTokenThenSavedAgainThenTheDigestIsKeptNotHashedTwice(String kind) {
    DataSource dataSource = database(kind);
    flyway(dataSource, "latest").migrate();
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
    DataSource dataSource = database(kind);
    flyway(dataSource, "18").migrate();
    jdbc(dataSource).save(authorization());
    assertThat(row(dataSource)).containsEntry("refresh_token_value", REFRESH);

    flyway(dataSource, "latest").migrate();

    assertThat(row(dataSource)).containsEntry("authorization_code_value", HashedTokenValues.digest(CODE))
        .containsEntry("access_token_value", HashedTokenValues.digest(ACCESS))
        .containsEntry("refresh_token_value", HashedTokenValues.digest(REFRESH));
    OAuth2AuthorizationService hashed = new HashedTokenValues(jdbc(dataSource));
    assertThat(hashed.findByToken(REFRESH, OAuth2TokenType.REFRESH_TOKEN)).as("issued before the upgrade").isNotNull();
    assertThat(hashed.findByToken(ACCESS, OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void findByTokenWhenANodeOfTheEarlierVersionStoredItDuringARollingUpgradeThenFoundAndHashedOnItsNextSave(String kind) {
    DataSource dataSource = database(kind);
    flyway(dataSource, "latest").migrate();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    jdbc(dataSource).save(OAuth2Authorization.withRegisteredClient(CLIENT).id("authorization-1")
        .principalName("ada@example.com").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .refreshToken(new OAuth2RefreshToken(REFRESH, now, now.plusSeconds(86_400))).build());
    OAuth2AuthorizationService hashed = new HashedTokenValues(jdbc(dataSource));

    OAuth2Authorization found = hashed.findByToken(REFRESH, OAuth2TokenType.REFRESH_TOKEN);
    hashed.save(found);

    assertThat(found).isNotNull();
    assertThat(row(dataSource)).containsEntry("refresh_token_value", HashedTokenValues.digest(REFRESH));
    assertThat(hashed.findByToken(REFRESH, OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
    assertThat(hashed.findByToken(HashedTokenValues.digest(REFRESH), OAuth2TokenType.REFRESH_TOKEN)).isNull();
  }
}

package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.oidc.AuthorizationSweeper;
import dev.latchkey.server.security.ApiClients;
import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.GraphClient.Response;
import dev.latchkey.server.support.MutableClock;
import dev.latchkey.server.support.TestClockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every API test class shares: a server on a random loopback port with a movable clock, a known
 * bootstrap client, and a public base URL that is deliberately not the address the tests call, so that
 * every link is proven to come from configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "latchkey.base-url=" + GraphApiSuite.BASE_URL,
    "latchkey.bootstrap.client-id=" + GraphApiSuite.ADMIN_ID,
    "latchkey.bootstrap.client-secret=" + GraphApiSuite.ADMIN_SECRET,
    "latchkey.signin.address-failures=1000000"})
@Import(TestClockConfiguration.class)
public abstract class GraphApiSuite implements ApiTest {

  static final String BASE_URL = "https://latchkey.example.test";
  protected static final String ADMIN_ID = "test-admin";
  protected static final String ADMIN_SECRET = "test-admin-secret-that-is-long-enough-0123456789";

  @LocalServerPort
  protected int port;
  @Autowired
  protected MutableClock clock;
  @Autowired
  protected ApiClients apiClients;
  @Autowired
  private JwtEncoder jwtEncoder;
  @Autowired
  private AuthorizationSweeper authorizationSweeper;
  @Autowired
  private JdbcClient jdbc;

  protected GraphClient admin;
  private Instant adminTokenAt;

  /** A data directory of its own for each server, for the generated hashing key. */
  protected static void commonProperties(DynamicPropertyRegistry registry) {
    try {
      String dataDir = Files.createTempDirectory("latchkey-test").toString();
      registry.add("latchkey.data-dir", () -> dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void signInAsAdmin() {
    adminTokenAt = clock.instant();
    admin = GraphClient.withClientCredentials(port, ADMIN_ID, ADMIN_SECRET);
  }

  /** The admin client, with a new token once the test clock has moved past the old one's lifetime. */
  @Override
  public GraphClient admin() {
    Instant now = clock.instant();
    if (now.isBefore(adminTokenAt) || now.isAfter(adminTokenAt.plus(java.time.Duration.ofMinutes(50)))) {
      signInAsAdmin();
    }
    return admin;
  }

  @Override
  public BrowserSession browser() {
    return new BrowserSession(port);
  }

  @Override
  public GraphClient anonymous() {
    return GraphClient.anonymous(port);
  }

  @Override
  public GraphClient asUser(String userId, String upn, String... scopes) {
    Instant now = clock.instant();
    JwtClaimsSet claims = JwtClaimsSet.builder()
        .issuer(BASE_URL)
        .subject(userId)
        .audience(List.of(ADMIN_ID))
        .issuedAt(now)
        .expiresAt(now.plusSeconds(600))
        .claim("idtyp", "user")
        .claim("oid", userId)
        .claim("upn", upn)
        .claim("scp", String.join(" ", scopes))
        .build();
    String token = jwtEncoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
        claims)).getTokenValue();
    return GraphClient.withToken(port, token);
  }

  @Override
  public int sweepAuthorizations() {
    return authorizationSweeper.sweep();
  }

  @Override
  public String storedAuthorizations() {
    // Each column read as text: H2 gives a large object, not its text, for a text column read as an object.
    return jdbc.sql("select * from oauth2_authorization").query((rs, n) -> {
      StringBuilder row = new StringBuilder();
      for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
        row.append(rs.getMetaData().getColumnName(column)).append('=').append(rs.getString(column)).append(' ');
      }
      return row.toString();
    }).list().toString();
  }

  @Override
  public int sessionsCreatedSince(Instant since) {
    return jdbc.sql("select count(*) from spring_session where creation_time >= :since")
        .param("since", since.toEpochMilli()).query(Integer.class).single();
  }

  @Override
  public MutableClock clock() {
    return clock;
  }

  @Override
  public GraphClient clientWith(String... permissions) {
    ApiClients.Registered client = apiClients.register("test client " + List.of(permissions), List.of(permissions));
    return GraphClient.withClientCredentials(port, client.clientId(), client.clientSecret());
  }

  static String uniqueUpn(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Override
  public String createUser(String upn) {
    Response created = admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "%s", "userPrincipalName": "%s"}""".formatted(upn, upn));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  /** A path of this server for a link that starts with the configured base URL. */
  static String linkPath(String link) {
    assertThat(link).startsWith(BASE_URL);
    return link.substring(BASE_URL.length());
  }
}

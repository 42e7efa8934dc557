package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.server.support.GraphClient.Response;
import java.text.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Access tokens signed with ES256 ({@code latchkey.signing.access-token-algorithm=ES256}): the token
 * contracts and the OpenID Connect flows hold as with RS256, and ID tokens stay RS256.
 */
class GraphApiOnH2WithEs256Test extends GraphApiSuite implements SecurityApiContract, OidcContract,
    DeviceFlowContract {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:graph-api-es256;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    registry.add("latchkey.signing.access-token-algorithm", () -> "ES256");
  }

  @Test
  void tokenWhenEs256ConfiguredThenSignedWithPublishedP256KeyAndAccepted() throws ParseException {
    SignedJWT token = SignedJWT.parse(admin().token());

    assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(OidcSupport.verifiedClaims(anonymous(), admin().token())).containsEntry("idtyp", "app");
    List<String> types = anonymous().get("/oauth2/jwks").json().get("keys").valueStream()
        .map(key -> key.get("kty").stringValue()).toList();
    assertThat(types).as("an RSA key for ID tokens, a P-256 key for access tokens").contains("RSA", "EC");
    Response users = admin().get("/v1.0/users");
    assertThat(users.status()).as(users.text()).isEqualTo(200);
  }

  @Test
  void discoveryWhenEs256ConfiguredThenIdTokensStillRs256() {
    JsonNode discovery = anonymous().get("/.well-known/openid-configuration").json();

    assertThat(discovery.get("id_token_signing_alg_values_supported").valueStream().map(JsonNode::stringValue))
        .containsExactly("RS256");
  }
}

package dev.latchkey.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.api.GraphApiSuite;
import dev.latchkey.server.support.GraphClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

class SigningKeyRotationTest extends GraphApiSuite {

  @Autowired
  SigningKeyRotation rotation;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:key-rotation;DB_CLOSE_DELAY=-1");
  }

  @Test
  void rotateWhenKeyOldThenNewKeySignsOldStillVerifiesUntilItsTokensExpire() {
    String oldKid = kids().get(0).get("kid").stringValue();
    rotation.rotate();
    assertThat(kids().size()).as("a young key is not rotated").isEqualTo(1);

    clock().advance(Duration.ofDays(91));
    rotation.rotate();

    assertThat(kids().size()).as("old and new key both published").isEqualTo(2);
    assertThat(kids().toString()).contains(oldKid);
    GraphClient after = admin();
    assertThat(kidOf(after.token())).isNotEqualTo(oldKid);
    assertThat(after.get("/v1.0/users").status()).isEqualTo(200);

    clock().advance(Duration.ofHours(3));
    rotation.rotate();

    assertThat(kids().size()).as("the replaced key is dropped once its tokens have expired").isEqualTo(1);
    assertThat(kids().get(0).get("kid").stringValue()).isEqualTo(kidOf(after.token()));
    assertThat(kids().toString()).doesNotContain(oldKid);
  }

  private JsonNode kids() {
    return anonymous().get("/oauth2/jwks").json().get("keys");
  }

  private static String kidOf(String jwt) {
    String header = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
        java.nio.charset.StandardCharsets.UTF_8);
    return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
  }
}

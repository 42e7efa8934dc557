package dev.latchkey.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.api.GraphApiSuite;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** With ES256 access tokens there are two signing keys, an RSA and a P-256 one, each rotated on its own. */
class SigningKeyRotationWithEs256Test extends GraphApiSuite {

  @Autowired
  SigningKeyRotation rotation;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:key-rotation-es256;DB_CLOSE_DELAY=-1");
    registry.add("latchkey.signing.access-token-algorithm", () -> "ES256");
  }

  @Test
  void rotateWhenKeysOfBothTypesThenEachReplacedByItsOwnTypeOnly() {
    assertThat(types()).containsExactlyInAnyOrder("RSA", "EC");
    clock().advance(Duration.ofHours(3));
    rotation.rotate();
    assertThat(types()).as("a newer key of the other type replaces nothing").containsExactlyInAnyOrder("RSA", "EC");

    clock().advance(Duration.ofDays(91));
    rotation.rotate();
    assertThat(types()).as("old and new of each type published").containsExactlyInAnyOrder("RSA", "RSA", "EC", "EC");
    assertThat(admin().get("/v1.0/users").status()).isEqualTo(200);

    clock().advance(Duration.ofHours(3));
    rotation.rotate();
    assertThat(types()).as("each replaced key dropped once its tokens have expired")
        .containsExactlyInAnyOrder("RSA", "EC");
    assertThat(admin().get("/v1.0/users").status()).isEqualTo(200);
  }

  private List<String> types() {
    return anonymous().get("/oauth2/jwks").json().get("keys").valueStream()
        .map(key -> key.get("kty").stringValue()).toList();
  }
}

package dev.latchkey.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.hashing.KeyedHasher;
import dev.latchkey.server.api.GraphApiSuite;
import dev.latchkey.server.support.GraphClient.Response;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApiClientRegistryTest extends GraphApiSuite {

  private static final String NEW_SECRET = "a secret another node set at its start-up 0123456789";

  @Autowired
  ApiClientRepository repository;
  @Autowired
  KeyedHasher hasher;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:api-client-registry;DB_CLOSE_DELAY=-1");
  }

  @Test
  void tokenWhenClientChangedInTheDatabaseThenTheChangeHoldsOnceTheRememberedCopyIsOld() {
    ApiClients.Registered client = apiClients.register("changing client", List.of(Permissions.USER_READ_ALL));
    Response first = anonymous().token(client.clientId(), client.clientSecret(), null);
    assertThat(roles(first)).containsExactly(Permissions.USER_READ_ALL);

    repository.updatePermissions(client.clientId(), List.of(Permissions.GROUP_READ_ALL));
    repository.updateSecret(client.clientId(), hasher.hash(NEW_SECRET));
    clock().advance(ApiClientRegistry.REMEMBERED);

    assertThat(anonymous().token(client.clientId(), client.clientSecret(), null).status()).as("the old secret")
        .isEqualTo(401);
    Response renewed = anonymous().token(client.clientId(), NEW_SECRET, null);
    assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
    assertThat(roles(renewed)).containsExactly(Permissions.GROUP_READ_ALL);
  }

  @Test
  void tokenWhenClockSetBackThenClientReadAgain() {
    ApiClients.Registered client = apiClients.register("client of a clock set back", List.of(Permissions.USER_READ_ALL));
    assertThat(anonymous().token(client.clientId(), client.clientSecret(), null).status()).isEqualTo(200);

    repository.updateSecret(client.clientId(), hasher.hash(NEW_SECRET));
    clock().advance(Duration.ofMinutes(-5));

    assertThat(anonymous().token(client.clientId(), client.clientSecret(), null).status()).isEqualTo(401);
    clock().advance(Duration.ofMinutes(5));
  }

  private static List<String> roles(Response token) {
    String jwt = token.json().get("access_token").stringValue();
    JsonNode claims = JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    return claims.get("roles").valueStream().map(JsonNode::stringValue).toList();
  }
}

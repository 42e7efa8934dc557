package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.GraphClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code logging.structured.format.console=ecs}, every console line is one JSON object, every line a
 * request logs carries that request's id (the one in its {@code request-id} header and error envelope),
 * and a pass typed at sign-in still never reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class StructuredLogsTest extends GraphApiSuite {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired
  LoggingSystem logging;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:structured-logs;DB_CLOSE_DELAY=-1");
  }

  @Test
  void requestWhenLoggedAsJsonThenEveryLineOfItCarriesItsRequestIdAndNoPass(CapturedOutput output) {
    String upn = newUpn("json");
    createUser(upn);
    String pass = admin().post(passesOf(upn), "{}").json().get("temporaryAccessPass").stringValue();
    int from = output.getOut().length();
    List.of("dev.latchkey", "org.springframework.security", "org.springframework.web")
        .forEach(logger -> logging.setLogLevel(logger, LogLevel.TRACE));
    Response failed;
    try {
      failed = admin().get("/v1.0/users/" + upn + "/authentication/temporaryAccessPassMethods/not-a-guid");
      assertThat(browser().signInWithPass(upn, pass).status()).isEqualTo(302);
    } finally {
      List.of("dev.latchkey", "org.springframework.security", "org.springframework.web")
          .forEach(logger -> logging.setLogLevel(logger, null));
    }

    String requestId = failed.json().at("/error/innerError/request-id").stringValue();
    assertThat(failed.header("request-id")).isEqualTo(requestId);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.getOut().substring(from).lines().filter(line -> !line.isBlank()).toList()) {
      assertThat(line).as("a console line is one JSON object").startsWith("{");
      lines.add(JSON.readTree(line));
    }
    List<JsonNode> ofRequest = lines.stream().filter(line -> requestId.equals(line.path("requestId").stringValue()))
        .toList();
    assertThat(ofRequest).as("lines logged while the failing request ran").hasSizeGreaterThan(5);
    String thread = ofRequest.get(0).at("/process/thread/name").stringValue();
    int first = lines.indexOf(ofRequest.get(0));
    int last = lines.indexOf(ofRequest.get(ofRequest.size() - 1));
    assertThat(lines.subList(first, last + 1))
        .filteredOn(line -> thread.equals(line.at("/process/thread/name").stringValue()))
        .as("every line of the request's thread while it ran").allSatisfy(line ->
            assertThat(line.path("requestId").stringValue()).isEqualTo(requestId));
    assertThat(output.getAll()).doesNotContain(pass);
  }
}

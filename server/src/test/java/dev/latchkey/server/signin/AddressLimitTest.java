package dev.latchkey.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.api.GraphApiSuite;
import dev.latchkey.server.support.BrowserSession.Page;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Spraying guesses across accounts from one address is answered 429; X-Forwarded-For can't dodge it. */
class AddressLimitTest extends GraphApiSuite {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:address-limit;DB_CLOSE_DELAY=-1");
    registry.add("latchkey.signin.address-failures", () -> "5");
  }

  @Test
  void signInWhenOneAddressFailsAcrossManyAccountsThenTooManyRequestsWhateverItForwards() {
    for (int i = 0; i < 5; i++) {
      Page refused = browser().withHeader("X-Forwarded-For", "203.0.113." + i)
          .signInWithPass(newUpn("spray" + i), "Abcdefgh");
      assertThat(refused.status()).isEqualTo(200);
    }

    Page throttled = browser().withHeader("X-Forwarded-For", "198.51.100.7").signInWithPass(newUpn("spray"), "Abcdefgh");

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
    assertThat(throttled.body()).contains("Too many attempts");
    var log = admin().get("/v1.0/auditLogs/signIns?$top=1").json();
    assertThat(log.at("/value/0/status/failureReason").stringValue()).isEqualTo("TooManyAttemptsFromAddress");
    assertThat(log.at("/value/0/ipAddress").stringValue()).isEqualTo("127.0.0.1");
  }
}

package dev.latchkey.server.tap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.api.GraphApiSuite;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PassSweeperTest extends GraphApiSuite {

  @Autowired
  PassSweeper sweeper;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:pass-sweeper;DB_CLOSE_DELAY=-1");
  }

  @Test
  void sweepWhenPassExpiredWithinRetentionThenKeptWhenBeyondThenDeleted() {
    String spent = newUpn("spent");
    String fresh = newUpn("fresh");
    createUser(spent);
    createUser(fresh);
    assertThat(admin().post(passesOf(spent), "{}").status()).isEqualTo(201);

    clock().advance(Duration.ofMinutes(61));
    sweeper.sweep();
    assertThat(admin().get(passesOf(spent)).json().at("/value/0/methodUsabilityReason").stringValue())
        .as("an expired pass stays visible during the retention period").isEqualTo("Expired");

    clock().advance(Duration.ofDays(7));
    assertThat(admin().post(passesOf(fresh), "{}").status()).isEqualTo(201);
    sweeper.sweep();

    assertThat(admin().get(passesOf(spent)).json().get("value")).isEmpty();
    assertThat(admin().get(passesOf(fresh)).json().get("value")).as("a usable pass is never swept").hasSize(1);
  }
}

package dev.latchkey.server;

import dev.latchkey.server.config.AheadOfTimeSettingsGuard;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Starts Latchkey: the Graph-compatible admin API and the OAuth 2.0 token endpoint. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LatchkeyApplication {

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(LatchkeyApplication.class);
    application.addListeners(new AheadOfTimeSettingsGuard());
    application.run(args);
  }
}

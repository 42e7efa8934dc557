package dev.latchkey.server.security;

import dev.latchkey.server.config.LatchkeyProperties;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the first API client, which holds every permission. With {@code latchkey.bootstrap.client-id}
 * and {@code client-secret} set (as {@code LATCHKEY_BOOTSTRAP_CLIENT_ID} and
 * {@code LATCHKEY_BOOTSTRAP_CLIENT_SECRET}), that client is made to exist with those credentials.
 * Otherwise, on the first start only, one is generated and its credentials are printed once to the
 * console (not to the log), since the secret can't be shown again.
 */
@Component
class BootstrapClient implements ApplicationRunner {

  static final String DISPLAY_NAME = "Latchkey bootstrap client";
  private static final Logger log = LoggerFactory.getLogger(BootstrapClient.class);

  private final ApiClients clients;
  private final LatchkeyProperties properties;
  private final PrintStream console;

  BootstrapClient(ApiClients clients, LatchkeyProperties properties) {
    this.clients = clients;
    this.properties = properties;
    this.console = System.out;
  }

  @Override
  public void run(ApplicationArguments args) {
    LatchkeyProperties.Bootstrap configured = properties.bootstrap();
    if (configured.clientId() != null && configured.clientSecret() != null) {
      ensureConfigured(configured);
    } else if (clients.none()) {
      generate();
    }
  }

  private void ensureConfigured(LatchkeyProperties.Bootstrap configured) {
    if (configured.clientSecret().length() < 32) {
      throw new IllegalStateException("LATCHKEY_BOOTSTRAP_CLIENT_SECRET must be at least 32 characters; "
          + "generate one with 'openssl rand -base64 32'.");
    }
    try {
      if (clients.ensure(configured.clientId(), configured.clientSecret(), DISPLAY_NAME, Permissions.ALL)) {
        log.info("Created the bootstrap API client '{}' from configuration", configured.clientId());
      }
    } catch (DuplicateKeyException anotherNodeWasFaster) {
      log.debug("Another node created the bootstrap client first");
    }
  }

  private void generate() {
    ApiClients.Registered client = clients.register(DISPLAY_NAME, Permissions.ALL);
    String tokenUrl = properties.link("/oauth2/token");
    console.println("""

        ==================================================================================
         Latchkey created its bootstrap API client. The secret is shown this once only.

           client id:     %s
           client secret: %s

         Get a token:
           curl -s -u '%s:<secret>' -d grant_type=client_credentials %s
        ==================================================================================
        """.formatted(client.clientId(), client.clientSecret(), client.clientId(), tokenUrl));
  }
}

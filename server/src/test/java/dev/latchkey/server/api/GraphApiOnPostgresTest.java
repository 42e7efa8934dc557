package dev.latchkey.server.api;

import dev.latchkey.server.support.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole API contract against a real PostgreSQL that the test starts itself. */
class GraphApiOnPostgresTest extends GraphApiSuite implements UserApiContract, GroupApiContract, PassApiContract,
    PolicyApiContract, AuditApiContract, SecurityApiContract, ErrorApiContract, ConcurrencyApiContract,
    OperationsApiContract, MeApiContract, PassSignInContract, Fido2MethodsApiContract, RoleApiContract,
    OidcContract, ApplicationApiContract, DeviceFlowContract, PasswordlessApiContract, PasswordSignInContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    String url = Postgres.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }
}

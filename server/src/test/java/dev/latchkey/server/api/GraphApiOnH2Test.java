package dev.latchkey.server.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole API contract against the embedded default, H2. */
class GraphApiOnH2Test extends GraphApiSuite implements UserApiContract, GroupApiContract, PassApiContract,
    PolicyApiContract, AuditApiContract, SecurityApiContract, ErrorApiContract, ConcurrencyApiContract,
    OperationsApiContract, MeApiContract, PassSignInContract, Fido2MethodsApiContract, RoleApiContract,
    OidcContract, ApplicationApiContract, DeviceFlowContract, PasswordlessApiContract, PasswordSignInContract {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:graph-api;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }
}

package dev.latchkey.server.methods;

import dev.latchkey.server.directory.PasswordPolicyService;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.graph.GraphResponses;
import dev.latchkey.server.passkey.Fido2PolicyService;
import dev.latchkey.server.tap.TapPolicyService;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /policies/authenticationMethodsPolicy}: the whole policy, and each method configuration
 * ({@code TemporaryAccessPass}, {@code Fido2}, and Latchkey's own {@code Password}) read and changed by id,
 * matched case-insensitively.
 */
@RestController
@RequestMapping({"/v1.0/policies/authenticationMethodsPolicy", "/beta/policies/authenticationMethodsPolicy"})
class AuthenticationMethodsPolicyController {

  private static final String CONFIGURATIONS = "policies/authenticationMethodsPolicy/authenticationMethodConfigurations";

  private final TapPolicyService tapPolicy;
  private final Fido2PolicyService fido2Policy;
  private final PasswordPolicyService passwordPolicy;
  private final GraphResponses responses;
  private final AdminRights rights;

  AuthenticationMethodsPolicyController(TapPolicyService tapPolicy, Fido2PolicyService fido2Policy,
      PasswordPolicyService passwordPolicy, GraphResponses responses, AdminRights rights) {
    this.tapPolicy = tapPolicy;
    this.fido2Policy = fido2Policy;
    this.passwordPolicy = passwordPolicy;
    this.responses = responses;
    this.rights = rights;
  }

  @GetMapping
  Map<String, Object> policy() {
    rights.require(AdminAction.READ_POLICY, null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", responses.context("policies/authenticationMethodsPolicy/$entity"));
    body.put("@odata.type", "#microsoft.graph.authenticationMethodsPolicy");
    body.put("id", "authenticationMethodsPolicy");
    body.put("displayName", "Authentication Methods Policy");
    body.put("description", "The authentication methods people may use to sign in to Latchkey.");
    body.put("policyVersion", "1.5");
    body.put("authenticationMethodConfigurations", configurations());
    return body;
  }

  @GetMapping("/authenticationMethodConfigurations")
  Map<String, Object> list() {
    rights.require(AdminAction.READ_POLICY, null);
    return responses.collection(CONFIGURATIONS, configurations());
  }

  @GetMapping("/authenticationMethodConfigurations/{id}")
  Map<String, Object> get(@PathVariable String id) {
    rights.require(AdminAction.READ_POLICY, null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", responses.context(CONFIGURATIONS + "/$entity"));
    body.putAll(switch (known(id)) {
      case TapPolicyService.ID -> TapPolicyService.toGraph(tapPolicy.current());
      case PasswordPolicyService.ID -> PasswordPolicyService.toGraph(passwordPolicy.current());
      default -> Fido2PolicyService.toGraph(fido2Policy.current());
    });
    return body;
  }

  @PatchMapping("/authenticationMethodConfigurations/{id}")
  ResponseEntity<Void> update(@PathVariable String id, @RequestBody(required = false) JsonNode patch) {
    switch (known(id)) {
      case TapPolicyService.ID -> tapPolicy.update(patch);
      case PasswordPolicyService.ID -> passwordPolicy.update(patch);
      default -> fido2Policy.update(patch);
    }
    return ResponseEntity.noContent().build();
  }

  private List<Map<String, Object>> configurations() {
    return List.of(TapPolicyService.toGraph(tapPolicy.current()), Fido2PolicyService.toGraph(fido2Policy.current()),
        PasswordPolicyService.toGraph(passwordPolicy.current()));
  }

  private static String known(String id) {
    return switch (id.toLowerCase(Locale.ROOT)) {
      case "temporaryaccesspass" -> TapPolicyService.ID;
      case "fido2" -> Fido2PolicyService.ID;
      case "password" -> PasswordPolicyService.ID;
      default -> throw GraphException.notFound("No authentication method configuration '" + id
          + "'; Latchkey has 'TemporaryAccessPass', 'Fido2' and 'Password'.");
    };
  }
}

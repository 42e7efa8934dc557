package dev.latchkey.server.methods;

import dev.latchkey.server.directory.PasswordMethodJson;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.GraphResponses;
import dev.latchkey.server.passkey.Fido2MethodJson;
import dev.latchkey.server.passkey.PasskeyService;
import dev.latchkey.server.tap.PassJson;
import dev.latchkey.server.tap.PassService;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /users/{id|upn}/authentication/methods}: every method of a user, each with its own
 * {@code @odata.type}. A password is listed only where the user has one.
 */
@RestController
class AuthenticationMethodsController {

  private final UserService users;
  private final PassService passes;
  private final PasskeyService passkeys;
  private final GraphResponses responses;
  private final AdminRights rights;

  AuthenticationMethodsController(UserService users, PassService passes, PasskeyService passkeys,
      GraphResponses responses, AdminRights rights) {
    this.users = users;
    this.passes = passes;
    this.passkeys = passkeys;
    this.responses = responses;
    this.rights = rights;
  }

  @GetMapping("/{root:v1\\.0|beta}/users/{user}/authentication/methods")
  Map<String, Object> list(@PathVariable String user) {
    User owner = users.get(user);
    rights.require(AdminAction.READ_METHODS, owner.id());
    List<Map<String, Object>> methods = new ArrayList<>();
    if (owner.hasPassword()) {
      methods.add(PasswordMethodJson.toGraph(owner));
    }
    passkeys.passkeysOf(owner).forEach(passkey -> methods.add(Fido2MethodJson.toGraph(passkey)));
    passes.find(owner).ifPresent(view -> methods.add(PassJson.toGraph(view.pass(), null, view.usability())));
    return responses.collection("users('" + owner.id() + "')/authentication/methods", methods);
  }
}

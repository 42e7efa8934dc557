package dev.latchkey.server.directory;

import dev.latchkey.server.graph.GraphResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /users/{id|upn}/authentication/passwordMethods}: the user's password, listed and read as Graph
 * does, and removed (which Graph can't): {@code DELETE .../passwordMethods/28c10230-6103-485e-b985-444c60001490}.
 */
@RestController
class PasswordMethodController {

  private static final String USERS = "/{root:v1\\.0|beta}/users/{user}/authentication/passwordMethods";

  private final UserService users;
  private final GraphResponses responses;

  PasswordMethodController(UserService users, GraphResponses responses) {
    this.users = users;
    this.responses = responses;
  }

  @GetMapping(USERS)
  Map<String, Object> list(@PathVariable String user) {
    User owner = users.get(user);
    return responses.collection("users('" + owner.id() + "')/authentication/passwordMethods",
        owner.hasPassword() ? List.of(PasswordMethodJson.toGraph(owner)) : List.of());
  }

  @GetMapping(USERS + "/{id}")
  Map<String, Object> get(@PathVariable String user, @PathVariable String id) {
    User owner = users.passwordOwner(user, id);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", responses.context("users('" + owner.id() + "')/authentication/passwordMethods/$entity"));
    body.putAll(PasswordMethodJson.toGraph(owner));
    return body;
  }

  @DeleteMapping(USERS + "/{id}")
  ResponseEntity<Void> delete(@PathVariable String user, @PathVariable String id) {
    users.removePassword(user, id);
    return ResponseEntity.noContent().build();
  }
}

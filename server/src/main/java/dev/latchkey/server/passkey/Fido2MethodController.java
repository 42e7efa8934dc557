package dev.latchkey.server.passkey;

import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.GraphResponses;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /users/{id|upn}/authentication/fido2Methods} and {@code /me/...}: list, get and delete passkeys.
 * Deleting one ends the sessions it created.
 */
@RestController
class Fido2MethodController {

  private static final String USERS = "/{root:v1\\.0|beta}/users/{user}/authentication/fido2Methods";
  private static final String ME = "/{root:v1\\.0|beta}/me/authentication/fido2Methods";

  private final PasskeyService passkeys;
  private final UserService users;
  private final GraphResponses responses;
  private final AdminRights rights;

  Fido2MethodController(PasskeyService passkeys, UserService users, GraphResponses responses, AdminRights rights) {
    this.passkeys = passkeys;
    this.users = users;
    this.responses = responses;
    this.rights = rights;
  }

  @GetMapping(USERS)
  Map<String, Object> list(@PathVariable String user) {
    return list(readable(users.get(user)));
  }

  @GetMapping(USERS + "/{id}")
  Map<String, Object> get(@PathVariable String user, @PathVariable String id) {
    return entity(readable(users.get(user)), id);
  }

  @DeleteMapping(USERS + "/{id}")
  ResponseEntity<Void> delete(@PathVariable String user, @PathVariable String id) {
    passkeys.delete(users.get(user), id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping(ME)
  Map<String, Object> listMine() {
    return list(users.currentUser());
  }

  @GetMapping(ME + "/{id}")
  Map<String, Object> getMine(@PathVariable String id) {
    return entity(users.currentUser(), id);
  }

  @DeleteMapping(ME + "/{id}")
  ResponseEntity<Void> deleteMine(@PathVariable String id) {
    passkeys.delete(users.currentUser(), id);
    return ResponseEntity.noContent().build();
  }

  private User readable(User owner) {
    rights.require(AdminAction.READ_METHODS, owner.id());
    return owner;
  }

  private Map<String, Object> list(User owner) {
    return responses.collection("users('" + owner.id() + "')/authentication/fido2Methods",
        passkeys.passkeysOf(owner).stream().map(Fido2MethodJson::toGraph).toList());
  }

  private Map<String, Object> entity(User owner, String id) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", responses.context("users('" + owner.id() + "')/authentication/fido2Methods/$entity"));
    body.putAll(Fido2MethodJson.toGraph(passkeys.get(owner, id)));
    return body;
  }

}

package dev.latchkey.server.tap;

import dev.latchkey.core.pass.IssuedPass;
import dev.latchkey.core.pass.PassRequest;
import dev.latchkey.core.pass.UsabilityReason;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.GraphResponses;
import dev.latchkey.server.graph.JsonBody;
import dev.latchkey.server.graph.SecretBearingBody;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /users/{id|upn}/authentication/temporaryAccessPassMethods} (create, list, get, delete) and the
 * read and delete routes under {@code /me}.
 */
@RestController
class PassController {

  private static final String USERS = "{root:v1\\.0|beta}/users/{user}/authentication/temporaryAccessPassMethods";
  private static final String ME = "{root:v1\\.0|beta}/me/authentication/temporaryAccessPassMethods";
  private static final Set<String> WRITABLE = Set.of("startDateTime", "lifetimeInMinutes", "isUsableOnce");

  private final PassService passes;
  private final UserService users;
  private final GraphResponses responses;
  private final AdminRights rights;

  PassController(PassService passes, UserService users, GraphResponses responses, AdminRights rights) {
    this.passes = passes;
    this.users = users;
    this.responses = responses;
    this.rights = rights;
  }

  @PostMapping("/" + USERS)
  ResponseEntity<Map<String, Object>> create(@PathVariable String user, @RequestBody(required = false) JsonNode body) {
    JsonBody json = JsonBody.of(body).allowOnly("temporaryAccessPassAuthenticationMethod", WRITABLE);
    PassRequest request = new PassRequest(json.optionalInstant("startDateTime"), json.optionalInt("lifetimeInMinutes"),
        json.optionalBoolean("isUsableOnce"));
    User owner = users.get(user);
    PassService.NewPass issued = passes.issue(owner, request);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new SecretBearingBody(entity(owner, issued.pass(), issued.secret(), issued.usability())));
  }

  @GetMapping("/" + USERS)
  Map<String, Object> list(@PathVariable String user) {
    User owner = users.get(user);
    rights.require(AdminAction.READ_METHODS, owner.id());
    return list(owner);
  }

  @GetMapping("/" + USERS + "/{id}")
  Map<String, Object> get(@PathVariable String user, @PathVariable String id) {
    User owner = users.get(user);
    rights.require(AdminAction.READ_METHODS, owner.id());
    PassService.PassView view = passes.get(owner, id);
    return entity(owner, view.pass(), null, view.usability());
  }

  @DeleteMapping("/" + USERS + "/{id}")
  ResponseEntity<Void> delete(@PathVariable String user, @PathVariable String id) {
    passes.delete(users.get(user), id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/" + ME)
  Map<String, Object> listMine() {
    return list(users.currentUser());
  }

  @GetMapping("/" + ME + "/{id}")
  Map<String, Object> getMine(@PathVariable String id) {
    User owner = users.currentUser();
    PassService.PassView view = passes.get(owner, id);
    return entity(owner, view.pass(), null, view.usability());
  }

  @DeleteMapping("/" + ME + "/{id}")
  ResponseEntity<Void> deleteMine(@PathVariable String id) {
    passes.delete(users.currentUser(), id);
    return ResponseEntity.noContent().build();
  }

  private Map<String, Object> list(User owner) {
    List<Map<String, Object>> items = passes.find(owner)
        .map(view -> List.of(PassJson.toGraph(view.pass(), null, view.usability()))).orElse(List.of());
    return responses.collection("users('" + owner.id() + "')/authentication/temporaryAccessPassMethods", items);
  }


  private Map<String, Object> entity(User owner, IssuedPass pass, String secret, UsabilityReason usability) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", responses.context(
        "users('" + owner.id() + "')/authentication/temporaryAccessPassMethods/$entity"));
    body.putAll(PassJson.toGraph(pass, secret, usability));
    return body;
  }
}

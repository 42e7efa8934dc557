package dev.latchkey.server.directory;

import dev.latchkey.server.graph.GraphResponses;
import dev.latchkey.server.graph.GraphTime;
import dev.latchkey.server.graph.JsonBody;
import dev.latchkey.server.graph.ODataQuery;
import dev.latchkey.server.graph.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /users}: create, list, get, update and delete users. */
@RestController
@RequestMapping({"/v1.0/users", "/beta/users"})
class UserController {

  static final String ODATA_TYPE = "#microsoft.graph.user";
  private static final Set<String> WRITABLE = Set.of("accountEnabled", "displayName", "userPrincipalName",
      "mailNickname", "userType", "passwordProfile");
  private static final Set<String> PROPERTIES = Set.of("id", "businessPhones", "displayName", "givenName",
      "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName",
      "accountEnabled", "mailNickname", "userType", "createdDateTime");
  private static final Set<String> FILTERABLE = Set.of("userPrincipalName", "displayName", "id");

  private final UserService users;
  private final GraphResponses responses;

  UserController(UserService users, GraphResponses responses) {
    this.users = users;
    this.responses = responses;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
    JsonBody json = JsonBody.of(body).allowOnly("user", WRITABLE);
    User user = users.create(new UserService.NewUser(json.requiredString("userPrincipalName"),
        json.requiredString("displayName"), json.optionalString("mailNickname"), json.optionalString("userType"),
        json.requiredBoolean("accountEnabled"), password(json)));
    return ResponseEntity.status(HttpStatus.CREATED).body(entity(user, "users/$entity"));
  }

  @GetMapping
  Map<String, Object> list(HttpServletRequest request) {
    ODataQuery query = ODataQuery.from(request).allowFilterOn(FILTERABLE).allowSelectOf(PROPERTIES);
    Page<User> page = Page.of(users.find(query.filter(), query.skipToken(), query.top() + 1), query.top(), User::id);
    List<Map<String, Object>> items = page.items().stream()
        .map(user -> GraphResponses.select(toGraph(user), query.select())).toList();
    return responses.page("users", items, page.nextPosition(), request);
  }

  @GetMapping("/{idOrUpn}")
  Map<String, Object> get(@PathVariable String idOrUpn, HttpServletRequest request) {
    ODataQuery query = ODataQuery.from(request).allowSelectOf(PROPERTIES);
    Map<String, Object> user = GraphResponses.select(toGraph(users.get(idOrUpn)), query.select());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", responses.context("users/$entity"));
    body.putAll(user);
    return body;
  }

  @PatchMapping("/{idOrUpn}")
  ResponseEntity<Void> update(@PathVariable String idOrUpn, @RequestBody(required = false) JsonNode body) {
    JsonBody json = JsonBody.of(body).allowOnly("user", WRITABLE);
    users.update(idOrUpn, new UserService.UserChanges(json.optionalString("userPrincipalName"),
        json.optionalString("displayName"), json.optionalString("mailNickname"), json.optionalString("userType"),
        json.optionalBoolean("accountEnabled"), password(json)));
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/{idOrUpn}")
  ResponseEntity<Void> delete(@PathVariable String idOrUpn) {
    users.delete(idOrUpn);
    return ResponseEntity.noContent().build();
  }

  private static String password(JsonBody json) {
    if (!json.has("passwordProfile") || json.raw("passwordProfile").isNull()) {
      return null;
    }
    JsonBody profile = JsonBody.of(json.raw("passwordProfile"))
        .allowOnly("passwordProfile", Set.of("password", "forceChangePasswordNextSignIn",
            "forceChangePasswordNextSignInWithMfa"));
    return profile.requiredString("password");
  }

  private Map<String, Object> entity(User user, String context) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", responses.context(context));
    body.putAll(toGraph(user));
    return body;
  }

  static Map<String, Object> toGraph(User user) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", ODATA_TYPE);
    graph.put("id", user.id());
    graph.put("businessPhones", List.of());
    graph.put("displayName", user.displayName());
    graph.put("givenName", null);
    graph.put("jobTitle", null);
    graph.put("mail", null);
    graph.put("mobilePhone", null);
    graph.put("officeLocation", null);
    graph.put("preferredLanguage", null);
    graph.put("surname", null);
    graph.put("userPrincipalName", user.userPrincipalName());
    graph.put("accountEnabled", user.accountEnabled());
    graph.put("mailNickname", user.mailNickname());
    graph.put("userType", user.userType());
    graph.put("createdDateTime", GraphTime.format(user.createdAt()));
    return graph;
  }
}

package dev.latchkey.server.directory;

import dev.latchkey.server.graph.GraphException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /groups}: create, list, get and delete groups, and manage their members. */
@RestController
@RequestMapping({"/v1.0/groups", "/beta/groups"})
class GroupController {

  private static final Set<String> WRITABLE = Set.of("displayName", "description", "mailNickname",
      "securityEnabled", "mailEnabled", "groupTypes");
  private static final Set<String> FILTERABLE = Set.of("displayName", "id");
  private static final Pattern MEMBER_REF = Pattern.compile(".*/(?:directoryObjects|users)/([^/]+)$");

  private final GroupService groups;
  private final GraphResponses responses;

  GroupController(GroupService groups, GraphResponses responses) {
    this.groups = groups;
    this.responses = responses;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
    JsonBody json = JsonBody.of(body).allowOnly("group", WRITABLE);
    Boolean securityEnabled = json.optionalBoolean("securityEnabled");
    Boolean mailEnabled = json.optionalBoolean("mailEnabled");
    Group group = groups.create(json.requiredString("displayName"), json.optionalString("description"),
        json.optionalString("mailNickname"), securityEnabled == null || securityEnabled,
        mailEnabled != null && mailEnabled);
    Map<String, Object> entity = new LinkedHashMap<>();
    entity.put("@odata.context", responses.context("groups/$entity"));
    entity.putAll(toGraph(group));
    return ResponseEntity.status(HttpStatus.CREATED).body(entity);
  }

  @GetMapping
  Map<String, Object> list(HttpServletRequest request) {
    ODataQuery query = ODataQuery.from(request).allowFilterOn(FILTERABLE);
    Page<Group> page = Page.of(groups.find(query.filter(), query.skipToken(), query.top() + 1), query.top(), Group::id);
    return responses.page("groups", page.items().stream().map(GroupController::toGraph).toList(),
        page.nextPosition(), request);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    Map<String, Object> entity = new LinkedHashMap<>();
    entity.put("@odata.context", responses.context("groups/$entity"));
    entity.putAll(toGraph(groups.get(id)));
    return entity;
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    groups.delete(id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{id}/members")
  Map<String, Object> members(@PathVariable String id, HttpServletRequest request) {
    ODataQuery query = ODataQuery.from(request);
    Page<User> page = Page.of(groups.members(id, query.skipToken(), query.top() + 1), query.top(), User::id);
    return responses.page("directoryObjects", page.items().stream().map(UserController::toGraph).toList(),
        page.nextPosition(), request);
  }

  @PostMapping("/{id}/members/$ref")
  ResponseEntity<Void> addMember(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
    String reference = JsonBody.of(body).allowOnly("a reference", Set.of()).odataId();
    Matcher matcher = MEMBER_REF.matcher(reference == null ? "" : reference);
    if (!matcher.matches()) {
      throw GraphException.badRequest("The body must be {\"@odata.id\": \"<base>/v1.0/directoryObjects/{userId}\"}.");
    }
    groups.addMember(id, matcher.group(1));
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/{id}/members/{userId}/$ref")
  ResponseEntity<Void> removeMember(@PathVariable String id, @PathVariable String userId) {
    groups.removeMember(id, userId);
    return ResponseEntity.noContent().build();
  }

  private static Map<String, Object> toGraph(Group group) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", "#microsoft.graph.group");
    graph.put("id", group.id());
    graph.put("displayName", group.displayName());
    graph.put("description", group.description());
    graph.put("mailNickname", group.mailNickname());
    graph.put("securityEnabled", group.securityEnabled());
    graph.put("mailEnabled", group.mailEnabled());
    graph.put("groupTypes", List.of());
    graph.put("createdDateTime", GraphTime.format(group.createdAt()));
    return graph;
  }
}

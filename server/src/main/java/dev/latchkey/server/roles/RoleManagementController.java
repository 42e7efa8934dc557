package dev.latchkey.server.roles;

import dev.latchkey.server.graph.GraphResponses;
import dev.latchkey.server.graph.JsonBody;
import dev.latchkey.server.graph.ODataQuery;
import dev.latchkey.server.graph.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /roleManagement/directory}: the built-in role definitions, and role assignments (list, get,
 * create, delete).
 */
@RestController
@RequestMapping({"/v1.0/roleManagement/directory", "/beta/roleManagement/directory"})
class RoleManagementController {

  private static final Set<String> WRITABLE = Set.of("roleDefinitionId", "principalId", "directoryScopeId");
  private static final Set<String> FILTERABLE = Set.of("principalId", "roleDefinitionId", "id");

  private final RoleService roles;
  private final GraphResponses responses;

  RoleManagementController(RoleService roles, GraphResponses responses) {
    this.roles = roles;
    this.responses = responses;
  }

  @GetMapping("/roleDefinitions")
  Map<String, Object> definitions() {
    return responses.collection("roleManagement/directory/roleDefinitions",
        Arrays.stream(DirectoryRole.values()).map(RoleManagementController::toGraph).toList());
  }

  @GetMapping("/roleDefinitions/{id}")
  Map<String, Object> definition(@PathVariable String id) {
    return entity("roleManagement/directory/roleDefinitions/$entity", toGraph(roles.definition(id)));
  }

  @GetMapping("/roleAssignments")
  Map<String, Object> assignments(HttpServletRequest request) {
    ODataQuery query = ODataQuery.from(request).allowFilterOn(FILTERABLE);
    Page<RoleAssignment> page = Page.of(roles.assignments(query.filter(), query.skipToken(), query.top() + 1),
        query.top(), RoleAssignment::id);
    return responses.page("roleManagement/directory/roleAssignments",
        page.items().stream().map(RoleManagementController::toGraph).toList(), page.nextPosition(), request);
  }

  @GetMapping("/roleAssignments/{id}")
  Map<String, Object> assignment(@PathVariable String id) {
    return entity("roleManagement/directory/roleAssignments/$entity", toGraph(roles.assignment(id)));
  }

  @PostMapping("/roleAssignments")
  ResponseEntity<Map<String, Object>> assign(@RequestBody(required = false) JsonNode body) {
    JsonBody json = JsonBody.of(body).allowOnly("unifiedRoleAssignment", WRITABLE);
    RoleAssignment assignment = roles.assign(json.requiredString("roleDefinitionId"),
        json.requiredString("principalId"), json.optionalString("directoryScopeId"));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(entity("roleManagement/directory/roleAssignments/$entity", toGraph(assignment)));
  }

  @DeleteMapping("/roleAssignments/{id}")
  ResponseEntity<Void> remove(@PathVariable String id) {
    roles.remove(id);
    return ResponseEntity.noContent().build();
  }

  private Map<String, Object> entity(String context, Map<String, Object> graph) {
    Map<String, Object> entity = new LinkedHashMap<>();
    entity.put("@odata.context", responses.context(context));
    entity.putAll(graph);
    return entity;
  }

  private static Map<String, Object> toGraph(DirectoryRole role) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", "#microsoft.graph.unifiedRoleDefinition");
    graph.put("id", role.id());
    graph.put("displayName", role.displayName());
    graph.put("description", role.description());
    graph.put("isBuiltIn", true);
    graph.put("isEnabled", true);
    graph.put("templateId", role.id());
    graph.put("version", "1");
    graph.put("resourceScopes", List.of(RoleAssignment.DIRECTORY_SCOPE));
    graph.put("rolePermissions", List.of(Map.of("allowedResourceActions", role.resourceActions())));
    return graph;
  }

  private static Map<String, Object> toGraph(RoleAssignment assignment) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", "#microsoft.graph.unifiedRoleAssignment");
    graph.put("id", assignment.id());
    graph.put("roleDefinitionId", assignment.role().id());
    graph.put("principalId", assignment.principalId());
    graph.put("directoryScopeId", RoleAssignment.DIRECTORY_SCOPE);
    return graph;
  }
}

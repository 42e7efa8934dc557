package dev.latchkey.server.oidc;

import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import dev.latchkey.server.graph.GraphResponses;
import dev.latchkey.server.graph.GraphTime;
import dev.latchkey.server.graph.JsonBody;
import dev.latchkey.server.graph.ODataQuery;
import dev.latchkey.server.graph.Page;
import dev.latchkey.server.graph.SecretBearingBody;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /applications}: register the applications that sign people in through Latchkey, and mint or
 * remove their client secrets ({@code addPassword}, {@code removePassword}). Two properties are Latchkey's
 * own: {@code requiredAuthenticationStrength} and {@code delegatedPermissions}.
 */
@RestController
@RequestMapping({"/v1.0/applications", "/beta/applications"})
class ApplicationController {

  private static final Set<String> WRITABLE = Set.of("displayName", "web", "publicClient", "spa",
      "isFallbackPublicClient", "requiredAuthenticationStrength", "delegatedPermissions", "signInAudience");

  private final ApplicationService applications;
  private final GraphResponses responses;
  private final AdminRights rights;

  ApplicationController(ApplicationService applications, GraphResponses responses, AdminRights rights) {
    this.applications = applications;
    this.responses = responses;
    this.rights = rights;
  }

  /**
   * Whoever registers an application decides what it may ask people for, so a signed-in person needs the
   * Global Administrator role even to read them; an application needs its Application permission alone.
   */
  @ModelAttribute
  void requireRole() {
    rights.require(AdminAction.MANAGE_APPLICATIONS, null);
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
    Application application = applications.register(registration(body));
    return ResponseEntity.status(HttpStatus.CREATED).body(entity(application));
  }

  @GetMapping
  Map<String, Object> list(HttpServletRequest request) {
    ODataQuery query = ODataQuery.from(request);
    Page<Application> page = Page.of(applications.list(query.skipToken(), query.top() + 1), query.top(),
        Application::id);
    return responses.page("applications", page.items().stream().map(this::toGraph).toList(), page.nextPosition(),
        request);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    return entity(applications.get(id));
  }

  @PatchMapping("/{id}")
  ResponseEntity<Void> update(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
    applications.update(id, registration(body));
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    applications.delete(id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/addPassword")
  Map<String, Object> addPassword(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
    JsonBody json = JsonBody.of(body).allowOnly("addPassword", Set.of("passwordCredential"));
    String displayName = null;
    java.time.Instant endAt = null;
    if (json.has("passwordCredential") && !json.raw("passwordCredential").isNull()) {
      JsonBody credential = JsonBody.of(json.raw("passwordCredential"))
          .allowOnly("passwordCredential", Set.of("displayName", "endDateTime", "startDateTime"));
      displayName = credential.optionalString("displayName");
      endAt = credential.optionalInstant("endDateTime");
    }
    PasswordCredential created = applications.addPassword(id, displayName, endAt);
    Map<String, Object> entity = new LinkedHashMap<>();
    entity.put("@odata.context", responses.context("microsoft.graph.passwordCredential"));
    entity.putAll(toGraph(created));
    return new SecretBearingBody(entity);
  }

  @PostMapping("/{id}/removePassword")
  ResponseEntity<Void> removePassword(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
    applications.removePassword(id, JsonBody.of(body).allowOnly("removePassword", Set.of("keyId")).requiredString("keyId"));
    return ResponseEntity.noContent().build();
  }

  private static ApplicationService.Registration registration(JsonNode body) {
    JsonBody json = JsonBody.of(body).allowOnly("application", WRITABLE);
    return new ApplicationService.Registration(json.optionalString("displayName"),
        redirectUris(json, "web"), union(redirectUris(json, "publicClient"), redirectUris(json, "spa")),
        json.optionalBoolean("isFallbackPublicClient"), json.optionalString("requiredAuthenticationStrength"),
        strings(json, "delegatedPermissions"));
  }

  private static List<String> redirectUris(JsonBody json, String platform) {
    if (!json.has(platform) || json.raw(platform).isNull()) {
      return null;
    }
    JsonBody settings = JsonBody.of(json.raw(platform)).allowOnly(platform, Set.of("redirectUris", "logoutUrl",
        "homePageUrl", "implicitGrantSettings", "redirectUriSettings"));
    return strings(settings, "redirectUris");
  }

  private static List<String> strings(JsonBody json, String name) {
    if (!json.has(name) || json.raw(name).isNull()) {
      return null;
    }
    JsonNode array = json.raw(name);
    if (!array.isArray()) {
      throw GraphException.badRequest("'" + name + "' must be an array of strings.");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : array) {
      if (!value.isString()) {
        throw GraphException.badRequest("'" + name + "' must be an array of strings.");
      }
      values.add(value.stringValue());
    }
    return values;
  }

  private static List<String> union(List<String> first, List<String> second) {
    if (first == null && second == null) {
      return null;
    }
    List<String> union = new ArrayList<>(first == null ? List.of() : first);
    union.addAll(second == null ? List.of() : second);
    return union;
  }

  private Map<String, Object> entity(Application application) {
    Map<String, Object> entity = new LinkedHashMap<>();
    entity.put("@odata.context", responses.context("applications/$entity"));
    entity.putAll(toGraph(application));
    return entity;
  }

  private Map<String, Object> toGraph(Application application) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", "#microsoft.graph.application");
    graph.put("id", application.id());
    graph.put("appId", application.appId());
    graph.put("displayName", application.displayName());
    graph.put("createdDateTime", GraphTime.format(application.createdAt()));
    graph.put("signInAudience", "AzureADMyOrg");
    graph.put("isFallbackPublicClient", application.publicClient());
    graph.put("web", Map.of("redirectUris", application.webRedirectUris()));
    graph.put("publicClient", Map.of("redirectUris", application.publicRedirectUris()));
    graph.put("spa", Map.of("redirectUris", List.of()));
    graph.put("passwordCredentials", applications.passwordsOf(application).stream()
        .map(ApplicationController::toGraph).toList());
    graph.put("requiredAuthenticationStrength", application.requiredStrength().acr());
    graph.put("delegatedPermissions", application.delegatedPermissions());
    return graph;
  }

  private static Map<String, Object> toGraph(PasswordCredential credential) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("customKeyIdentifier", null);
    graph.put("displayName", credential.displayName());
    graph.put("endDateTime", GraphTime.format(credential.endAt()));
    graph.put("hint", credential.hint());
    graph.put("keyId", credential.keyId());
    graph.put("secretText", credential.secretText());
    graph.put("startDateTime", GraphTime.format(credential.startAt()));
    return graph;
  }
}

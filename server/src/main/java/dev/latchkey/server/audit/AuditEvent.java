package dev.latchkey.server.audit;

import java.util.List;
import java.util.Objects;

/**
 * What a change did, as Graph's {@code directoryAudit} describes it. The actor, time and correlation id
 * are added when it is recorded.
 *
 * @param category e.g. {@code UserManagement}, {@code GroupManagement}, {@code Policy}
 * @param activityDisplayName e.g. {@code Admin registered security info}
 * @param operationType {@code Add}, {@code Update} or {@code Delete}
 * @param resultReason e.g. {@code Admin registered temporary access pass method for user}; may be empty
 * @param loggedByService e.g. {@code Core Directory}, {@code Authentication Methods}
 * @param targetResources what was changed
 */
public record AuditEvent(String category, String activityDisplayName, String operationType, String resultReason,
    String loggedByService, List<TargetResource> targetResources) {

  public AuditEvent {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(activityDisplayName, "activityDisplayName");
    Objects.requireNonNull(operationType, "operationType");
    resultReason = resultReason == null ? "" : resultReason;
    Objects.requireNonNull(loggedByService, "loggedByService");
    targetResources = List.copyOf(targetResources);
  }

  /**
   * One object a change touched.
   *
   * @param id its id
   * @param displayName its name; may be null
   * @param type {@code User}, {@code Group} or {@code Policy}
   * @param userPrincipalName for users; null otherwise
   * @param modifiedProperties what changed; empty when nothing is said
   */
  public record TargetResource(String id, String displayName, String type, String userPrincipalName,
      List<ModifiedProperty> modifiedProperties) {

    public TargetResource {
      modifiedProperties = List.copyOf(modifiedProperties);
    }
  }

  /**
   * A property a change set, with its old and new values as JSON text, as Graph writes them.
   *
   * @param displayName e.g. {@code TemporaryAccessPass.StartDateTime}
   * @param oldValue JSON text, or null when there was none
   * @param newValue JSON text, or null when it was removed
   */
  public record ModifiedProperty(String displayName, String oldValue, String newValue) {

    /** A property set to the string {@code value}, written as a JSON string. */
    public static ModifiedProperty added(String displayName, String value) {
      return new ModifiedProperty(displayName, null, jsonString(value));
    }

    /** A property whose string {@code value} was removed, written as a JSON string. */
    public static ModifiedProperty removed(String displayName, String value) {
      return new ModifiedProperty(displayName, jsonString(value), null);
    }

    private static String jsonString(String value) {
      StringBuilder json = new StringBuilder("\"");
      for (char c : value.toCharArray()) {
        if (c == '"' || c == '\\') {
          json.append('\\').append(c);
        } else if (c < 0x20) {
          json.append(String.format("\\u%04x", (int) c));
        } else {
          json.append(c);
        }
      }
      return json.append('"').toString();
    }
  }
}

package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.GraphClient.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /auditLogs/directoryAudits}: what was done, by whom, to what; never the pass. */
public interface AuditApiContract extends ApiTest {

  @Test
  default void createAndDeletePassWhenDoneThenBothAuditedWithContractFieldsAndNoPass() {
    String upn = newUpn("uma");
    String user = createUser(upn);
    Response created = admin().post(passesOf(upn), "{\"isUsableOnce\": true, \"lifetimeInMinutes\": 120}");
    String secret = created.json().get("temporaryAccessPass").stringValue();
    String passId = created.json().get("id").stringValue();
    admin().delete(passesOf(upn) + "/" + passId);

    Response audits = admin().get("/v1.0/auditLogs/directoryAudits?$top=50");

    assertThat(audits.status()).isEqualTo(200);
    assertThat(audits.text()).doesNotContain(secret);
    JsonNode registered = entryFor(audits.json(), "Admin registered security info", user);
    assertThat(registered.get("resultReason").stringValue()).isEqualTo("Admin registered temporary access pass method for user");
    assertThat(registered.get("category").stringValue()).isEqualTo("UserManagement");
    assertThat(registered.get("loggedByService").stringValue()).isEqualTo("Authentication Methods");
    assertThat(registered.get("result").stringValue()).isEqualTo("success");
    assertThat(registered.at("/initiatedBy/app/appId").stringValue()).isEqualTo(GraphApiSuite.ADMIN_ID);
    JsonNode modified = registered.at("/targetResources/0/modifiedProperties");
    assertThat(modified.findValuesAsString("displayName")).containsExactly("TemporaryAccessPass.Id",
        "TemporaryAccessPass.StartDateTime", "TemporaryAccessPass.EndDateTime", "TemporaryAccessPass.AccessPassUsage");
    assertThat(modified.get(0).get("newValue").stringValue()).contains(passId);
    assertThat(modified.get(3).get("newValue").stringValue()).contains("Once");
    JsonNode deleted = entryFor(audits.json(), "Admin deleted security info", user);
    assertThat(deleted.get("resultReason").stringValue()).isEqualTo("Admin deleted temporary access pass method for user");
  }

  @Test
  default void listAuditsWhenFilteredByTimeThenOnlyNewerEntriesNewestFirst() {
    Instant since = clock().instant();
    String first = createUser(newUpn("vera"));
    String second = createUser(newUpn("walt"));

    Response audits = admin().get("/v1.0/auditLogs/directoryAudits?$filter=activityDateTime%20ge%20"
        + since + "%20and%20activityDisplayName%20eq%20'Add%20user'");

    assertThat(audits.status()).as(audits.text()).isEqualTo(200);
    List<String> targets = new ArrayList<>();
    audits.json().get("value").forEach(entry -> targets.add(entry.at("/targetResources/0/id").stringValue()));
    assertThat(targets).containsExactly(second, first);
    assertThat(admin().get("/v1.0/auditLogs/directoryAudits?$filter=activityDateTime%20ge%20yesterday").status())
        .isEqualTo(400);
  }

  @Test
  default void listAuditsWhenPagedThenNextLinkContinuesWithoutRepeats() {
    for (int i = 0; i < 3; i++) {
      createUser(newUpn("xena"));
    }
    Response first = admin().get("/v1.0/auditLogs/directoryAudits?$top=2");
    String next = first.json().get("@odata.nextLink").stringValue();
    Response second = admin().get(pathOf(next));

    assertThat(second.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>(first.json().findValuesAsString("correlationId"));
    ids.retainAll(second.json().findValuesAsString("correlationId"));
    assertThat(ids).isEmpty();
  }

  private static JsonNode entryFor(JsonNode audits, String activity, String userId) {
    for (JsonNode entry : audits.get("value")) {
      if (entry.get("activityDisplayName").stringValue().equals(activity)
          && entry.at("/targetResources/0/id").stringValue().equals(userId)) {
        return entry;
      }
    }
    throw new AssertionError("No audit entry '" + activity + "' for " + userId + " in " + audits);
  }
}

package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.GraphClient.Response;
import org.junit.jupiter.api.Test;

/** {@code /groups} and their members. */
public interface GroupApiContract extends ApiTest {

  private String createGroup(String name) {
    Response created = admin().post("/v1.0/groups", """
        {"displayName": "%s", "mailEnabled": false, "mailNickname": "g", "securityEnabled": true}""".formatted(name));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("@odata.type").stringValue()).isEqualTo("#microsoft.graph.group");
    return created.json().get("id").stringValue();
  }

  private String reference(String userId) {
    return "{\"@odata.id\": \"https://graph.microsoft.com/v1.0/directoryObjects/" + userId + "\"}";
  }

  @Test
  default void addMemberWhenReferencedThenListedOnceAndRemovable() {
    String group = createGroup("Onboarding wave 1");
    String user = createUser(newUpn("member"));

    assertThat(admin().post("/v1.0/groups/" + group + "/members/$ref", reference(user)).status()).isEqualTo(204);
    Response again = admin().post("/v1.0/groups/" + group + "/members/$ref", reference(user));
    assertThat(again.status()).isEqualTo(409);

    Response members = admin().get("/v1.0/groups/" + group + "/members");
    assertThat(members.status()).isEqualTo(200);
    assertThat(members.json().get("value")).hasSize(1);
    assertThat(members.json().at("/value/0/id").stringValue()).isEqualTo(user);

    assertThat(admin().delete("/v1.0/groups/" + group + "/members/" + user + "/$ref").status()).isEqualTo(204);
    assertThat(admin().get("/v1.0/groups/" + group + "/members").json().get("value")).isEmpty();
    assertThat(admin().delete("/v1.0/groups/" + group + "/members/" + user + "/$ref").status()).isEqualTo(404);
  }

  @Test
  default void addMemberWhenBodyIsNotAReferenceThenBadRequest() {
    String group = createGroup("Wave 2");

    Response response = admin().post("/v1.0/groups/" + group + "/members/$ref", "{\"id\": \"x\"}");

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  default void addMemberWhenUserUnknownThenItemNotFound() {
    String group = createGroup("Wave 3");

    Response response = admin().post("/v1.0/groups/" + group + "/members/$ref",
        reference("5a0f9d63-3d4b-4c8e-9a0e-1f2b3c4d5e6f"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("itemNotFound");
  }

  @Test
  default void listGroupsWhenFilteredByNameThenFound() {
    String name = "Helpdesk " + System.nanoTime();
    String group = createGroup(name);

    Response response = admin().get("/v1.0/groups?$filter=displayName%20eq%20'" + name.replace(" ", "%20") + "'");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().at("/value/0/id").stringValue()).isEqualTo(group);
    assertThat(admin().get("/v1.0/groups/" + group).status()).isEqualTo(200);
    assertThat(admin().get("/v1.0/groups/not-a-guid").status()).isEqualTo(400);
  }
}

package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.security.Permissions;
import dev.latchkey.server.support.GraphClient;
import dev.latchkey.server.support.GraphClient.Response;
import org.junit.jupiter.api.Test;

/** {@code /me} routes with a signed-in user's token, and the rule that nobody issues a pass to themselves. */
public interface MeApiContract extends ApiTest {

  @Test
  default void meWhenUserReadsAndDeletesOwnPassThenAllowedAndAudited() {
    String upn = newUpn("self");
    String id = createUser(upn);
    String passId = admin().post(passesOf(upn), "{}").json().get("id").stringValue();
    GraphClient me = asUser(id, upn, "UserAuthenticationMethod.ReadWrite");

    Response list = me.get("/v1.0/me/authentication/temporaryAccessPassMethods");
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    assertThat(list.json().at("/value/0/id").stringValue()).isEqualTo(passId);
    assertThat(list.json().at("/value/0/temporaryAccessPass").isNull()).isTrue();
    assertThat(me.get("/v1.0/me/authentication/temporaryAccessPassMethods/" + passId).status()).isEqualTo(200);

    assertThat(me.delete("/v1.0/me/authentication/temporaryAccessPassMethods/" + passId).status()).isEqualTo(204);

    assertThat(admin().get(passesOf(upn)).json().get("value")).isEmpty();
    Response audit = admin().get("/v1.0/auditLogs/directoryAudits?$top=5");
    assertThat(audit.json().get("value").valueStream()
        .filter(entry -> entry.at("/initiatedBy/user/id").isString())
        .filter(entry -> id.equals(entry.at("/initiatedBy/user/id").stringValue()))
        .map(entry -> entry.get("activityDisplayName").stringValue()))
        .containsExactly("User deleted security info");
  }

  @Test
  default void issuePassWhenAdminTargetsThemselvesThenAccessDenied() {
    String upn = newUpn("selfissue");
    String id = createUser(upn);
    GraphClient me = asUser(id, upn, Permissions.METHODS_READWRITE_ALL);

    Response response = me.post(passesOf(id), "{}");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("accessDenied");
    assertThat(response.errorMessage()).contains("yourself");
  }

  @Test
  default void meWhenUserTokenLacksPermissionForOthersThenForbidden() {
    String upn = newUpn("plain");
    String id = createUser(upn);
    String other = newUpn("other");
    createUser(other);

    Response response = asUser(id, upn, "User.Read").get(passesOf(other));

    assertThat(response.status()).isEqualTo(403);
  }
}

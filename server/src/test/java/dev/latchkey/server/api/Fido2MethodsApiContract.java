package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.security.Permissions;
import dev.latchkey.server.support.GraphClient.Response;
import org.junit.jupiter.api.Test;

/** {@code .../authentication/fido2Methods} routes and their permissions (registration is in the browser tests). */
public interface Fido2MethodsApiContract extends ApiTest {

  @Test
  default void listPasskeysWhenUserHasNoneThenEmptyCollection() {
    String upn = newUpn("nokeys");
    createUser(upn);

    Response list = admin().get("/v1.0/users/" + upn + "/authentication/fido2Methods");

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("value")).isEmpty();
    assertThat(list.json().get("@odata.context").stringValue()).contains("fido2Methods");
  }

  @Test
  default void getOrDeletePasskeyWhenUnknownThenItemNotFound() {
    String upn = newUpn("unknownkey");
    createUser(upn);

    Response get = admin().get("/v1.0/users/" + upn + "/authentication/fido2Methods/AAAA");
    Response delete = admin().delete("/v1.0/users/" + upn + "/authentication/fido2Methods/AAAA");

    assertThat(get.status()).isEqualTo(404);
    assertThat(get.errorCode()).isEqualTo("itemNotFound");
    assertThat(delete.status()).isEqualTo(404);
  }

  @Test
  default void deletePasskeyWhenTokenOnlyReadsThenForbidden() {
    String upn = newUpn("readonlykeys");
    createUser(upn);

    Response response = clientWith(Permissions.METHODS_READ_ALL)
        .delete("/v1.0/users/" + upn + "/authentication/fido2Methods/AAAA");

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  default void mePasskeysWhenAppTokenThenBadRequest() {
    assertThat(admin().get("/v1.0/me/authentication/fido2Methods").status()).isEqualTo(400);
  }
}

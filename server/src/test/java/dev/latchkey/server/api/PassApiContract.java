package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.pass.PassGenerator;
import dev.latchkey.server.support.GraphClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code .../authentication/temporaryAccessPassMethods}, {@code /me}, and {@code authentication/methods}. */
public interface PassApiContract extends ApiTest {

  String TAP_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethod";

  @Test
  default void createPassWhenDefaultsThenPassShownOnceAndReadsNullAfterwards() {
    String upn = newUpn("ivy");
    createUser(upn);

    Response created = admin().post(passesOf(upn), "{}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode pass = created.json();
    assertThat(pass.get("@odata.type").stringValue()).isEqualTo(TAP_TYPE);
    String secret = pass.get("temporaryAccessPass").stringValue();
    assertThat(secret).hasSize(8);
    assertThat(secret.chars()).allMatch(c -> PassGenerator.ALPHABET.indexOf(c) >= 0);
    assertThat(pass.get("lifetimeInMinutes").intValue()).isEqualTo(60);
    assertThat(pass.get("isUsableOnce").booleanValue()).isFalse();
    assertThat(pass.get("isUsable").booleanValue()).isTrue();
    assertThat(pass.get("methodUsabilityReason").stringValue()).isEqualTo("EnabledByPolicy");
    assertThat(pass.get("startDateTime").stringValue()).isEqualTo(pass.get("createdDateTime").stringValue());

    String id = pass.get("id").stringValue();
    Response list = admin().get(passesOf(upn));
    assertThat(list.json().get("value")).hasSize(1);
    JsonNode listed = list.json().get("value").get(0);
    assertThat(listed.has("temporaryAccessPass")).isTrue();
    assertThat(listed.get("temporaryAccessPass").isNull()).isTrue();
    Response one = admin().get(passesOf(upn) + "/" + id);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("temporaryAccessPass").isNull()).isTrue();
    assertThat(one.text()).doesNotContain(secret);
    assertThat(list.text()).doesNotContain(secret);
  }

  @Test
  default void createPassWhenLifetimeOutsidePolicyThenBadRequestWithRange() {
    String upn = newUpn("jack");
    createUser(upn);

    Response tooLong = admin().post(passesOf(upn), "{\"lifetimeInMinutes\": 600}");
    Response tooShort = admin().post(passesOf(upn), "{\"lifetimeInMinutes\": 30}");

    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.errorCode()).isEqualTo("badRequest");
    assertThat(tooLong.errorMessage())
        .isEqualTo("Invalid LifetimeInMinutes specified. The valid range between 60 and 480.");
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(admin().get(passesOf(upn)).json().get("value")).isEmpty();
  }

  @Test
  default void createPassWhenOneAlreadyUsableThenConflictUntilDeleted() {
    String upn = newUpn("kate");
    createUser(upn);
    String first = admin().post(passesOf(upn), "{\"isUsableOnce\": true}").json().get("id").stringValue();

    Response second = admin().post(passesOf(upn), "{}");

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("conflict");
    assertThat(second.errorMessage()).contains("Delete it");
    assertThat(admin().delete(passesOf(upn) + "/" + first).status()).isEqualTo(204);
    assertThat(admin().post(passesOf(upn), "{}").status()).isEqualTo(201);
  }

  @Test
  default void createPassWhenStartLaterThenNotYetValidThenUsableThenExpiredAsClockMoves() {
    String upn = newUpn("liam");
    createUser(upn);
    Instant start = clock().instant().plus(Duration.ofHours(2));

    Response created = admin().post(passesOf(upn), """
        {"startDateTime": "%s", "lifetimeInMinutes": 90, "isUsableOnce": false}"""
        .formatted(DateTimeFormatter.ISO_INSTANT.format(start)));

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("methodUsabilityReason").stringValue()).isEqualTo("NotYetValid");
    assertThat(created.json().get("isUsable").booleanValue()).isFalse();
    assertThat(reason(upn)).isEqualTo("NotYetValid");

    clock().advance(Duration.ofHours(2));
    assertThat(reason(upn)).isEqualTo("EnabledByPolicy");

    clock().advance(Duration.ofMinutes(89));
    assertThat(reason(upn)).isEqualTo("EnabledByPolicy");

    clock().advance(Duration.ofMinutes(1));
    assertThat(reason(upn)).isEqualTo("Expired");

    Response replacement = admin().post(passesOf(upn), "{}");
    assertThat(replacement.status()).as("an expired pass is replaced silently").isEqualTo(201);
    assertThat(admin().get(passesOf(upn)).json().get("value")).hasSize(1);
    assertThat(reason(upn)).isEqualTo("EnabledByPolicy");
  }

  @Test
  default void createPassWhenStartInThePastThenBadRequest() {
    String upn = newUpn("mia");
    createUser(upn);
    Instant start = clock().instant().minus(Duration.ofHours(1));

    Response response = admin().post(passesOf(upn),
        "{\"startDateTime\": \"" + DateTimeFormatter.ISO_INSTANT.format(start) + "\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage()).contains("startDateTime");
  }

  @Test
  default void createPassWhenUserIsGuestThenAccessDenied() {
    String upn = newUpn("guest");
    Response guest = admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "Guest", "userPrincipalName": "%s", "userType": "Guest"}"""
        .formatted(upn));
    assertThat(guest.status()).isEqualTo(201);

    Response response = admin().post(passesOf(upn), "{}");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("accessDenied");
  }

  @Test
  default void createPassWhenUserUnknownThenItemNotFound() {
    Response response = admin().post(passesOf("nobody-" + System.nanoTime() + "@example.com"), "{}");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("itemNotFound");
  }

  @Test
  default void readPassWhenMethodIdUnknownOrInvalidThenNotFoundOrBadRequest() {
    String upn = newUpn("noah");
    createUser(upn);

    assertThat(admin().get(passesOf(upn)).json().get("value")).isEmpty();
    Response unknown = admin().get(passesOf(upn) + "/5a0f9d63-3d4b-4c8e-9a0e-1f2b3c4d5e6f");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("itemNotFound");
    assertThat(admin().get(passesOf(upn) + "/xyz").status()).isEqualTo(400);
    assertThat(admin().delete(passesOf(upn) + "/5a0f9d63-3d4b-4c8e-9a0e-1f2b3c4d5e6f").status()).isEqualTo(404);
  }

  @Test
  default void readPassWhenUserExcludedByPolicyGroupThenDisabledByPolicy() {
    String upn = newUpn("olga");
    String user = createUser(upn);
    String group = admin().post("/v1.0/groups", "{\"displayName\": \"No passes\"}").json().get("id").stringValue();
    admin().post("/v1.0/groups/" + group + "/members/$ref",
        "{\"@odata.id\": \"https://x/v1.0/directoryObjects/" + user + "\"}");
    admin().post(passesOf(upn), "{}");

    String exclusion = """
        {"@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
         "excludeTargets": [{"targetType": "group", "id": "%s"}]}""".formatted(group);
    assertThat(admin().patch(tapPolicy(), exclusion).status()).isEqualTo(204);
    try {
      assertThat(reason(upn)).isEqualTo("DisabledByPolicy");
    } finally {
      admin().patch(tapPolicy(), """
          {"@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
           "excludeTargets": []}""");
    }
    assertThat(reason(upn)).isEqualTo("EnabledByPolicy");
  }

  @Test
  default void createPassWhenPolicyForcesOneTimeThenMultiUseRefusedAndDefaultIsOneTime() {
    String upn = newUpn("pete");
    createUser(upn);
    String forceOnce = """
        {"@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration", "isUsableOnce": %s}""";
    assertThat(admin().patch(tapPolicy(), forceOnce.formatted(true)).status()).isEqualTo(204);
    try {
      Response multi = admin().post(passesOf(upn), "{\"isUsableOnce\": false}");
      assertThat(multi.status()).isEqualTo(400);
      assertThat(multi.errorMessage()).contains("one-time");

      Response once = admin().post(passesOf(upn), "{}");
      assertThat(once.status()).isEqualTo(201);
      assertThat(once.json().get("isUsableOnce").booleanValue()).isTrue();
    } finally {
      admin().patch(tapPolicy(), forceOnce.formatted(false));
    }
  }

  @Test
  default void createPassWhenPolicyLengthChangedThenPassHasThatLength() {
    String upn = newUpn("quinn");
    createUser(upn);
    String length = """
        {"@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration", "defaultLength": %d}""";
    assertThat(admin().patch(tapPolicy(), length.formatted(48)).status()).isEqualTo(204);
    try {
      assertThat(admin().post(passesOf(upn), "{}").json().get("temporaryAccessPass").stringValue()).hasSize(48);
    } finally {
      admin().patch(tapPolicy(), length.formatted(8));
    }
  }

  @Test
  default void meRoutesWhenCalledWithAppTokenThenBadRequest() {
    Response response = admin().get("/v1.0/me/authentication/temporaryAccessPassMethods");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage()).contains("delegated");
  }

  @Test
  default void listMethodsWhenUserHasPasswordAndPassThenBothWithTheirTypes() {
    String upn = newUpn("rita");
    Response created = admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "Rita", "userPrincipalName": "%s",
         "passwordProfile": {"password": "correct horse battery staple", "forceChangePasswordNextSignIn": false}}"""
        .formatted(upn));
    assertThat(created.status()).isEqualTo(201);
    admin().post(passesOf(upn), "{}");

    Response methods = admin().get("/v1.0/users/" + upn + "/authentication/methods");

    assertThat(methods.status()).isEqualTo(200);
    JsonNode value = methods.json().get("value");
    assertThat(value).hasSize(2);
    assertThat(value.get(0).get("@odata.type").stringValue()).isEqualTo("#microsoft.graph.passwordAuthenticationMethod");
    assertThat(value.get(0).get("id").stringValue()).isEqualTo("28c10230-6103-485e-b985-444c60001490");
    assertThat(value.get(0).get("password").isNull()).isTrue();
    assertThat(value.get(1).get("@odata.type").stringValue()).isEqualTo(TAP_TYPE);
    assertThat(methods.text()).doesNotContain("correct horse");
  }

  @Test
  default void listMethodsWhenPasswordlessUserThenNoPasswordMethod() {
    String upn = newUpn("sam");
    createUser(upn);

    Response methods = admin().get("/v1.0/users/" + upn + "/authentication/methods");

    assertThat(methods.json().get("value")).isEmpty();
  }

  private String reason(String upn) {
    Response list = admin().get(passesOf(upn));
    assertThat(list.status()).isEqualTo(200);
    return list.json().get("value").get(0).get("methodUsabilityReason").stringValue();
  }
}

package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.GraphClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /policies/authenticationMethodsPolicy} and its TemporaryAccessPass and Fido2 configurations. */
public interface PolicyApiContract extends ApiTest {

  String TAP_CONFIG = "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";
  String FIDO2_CONFIG = "#microsoft.graph.fido2AuthenticationMethodConfiguration";

  @Test
  default void readTapPolicyWhenFreshThenContractDefaultsAndIdMatchesInAnyCase() {
    for (String id : new String[] {"TemporaryAccessPass", "temporaryaccesspass", "TEMPORARYACCESSPASS"}) {
      Response response = admin().get("/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/" + id);
      assertThat(response.status()).isEqualTo(200);
      JsonNode policy = response.json();
      assertThat(policy.get("@odata.type").stringValue()).isEqualTo(TAP_CONFIG);
      assertThat(policy.get("id").stringValue()).isEqualTo("TemporaryAccessPass");
      assertThat(policy.get("state").stringValue()).isEqualTo("enabled");
      assertThat(policy.get("minimumLifetimeInMinutes").intValue()).isEqualTo(60);
      assertThat(policy.get("maximumLifetimeInMinutes").intValue()).isEqualTo(480);
      assertThat(policy.get("defaultLength").intValue()).isEqualTo(8);
      assertThat(policy.at("/includeTargets/0/id").stringValue()).isEqualTo("all_users");
      assertThat(policy.at("/includeTargets/0/targetType").stringValue()).isEqualTo("group");
    }
  }

  @Test
  default void patchTapPolicyWhenValidThenMergedAndAudited() {
    Response patched = admin().patch(tapPolicy(), """
        {"@odata.type": "%s", "maximumLifetimeInMinutes": 600, "defaultLifetimeInMinutes": 120}""".formatted(TAP_CONFIG));
    try {
      assertThat(patched.status()).isEqualTo(204);
      JsonNode policy = admin().get(tapPolicy()).json();
      assertThat(policy.get("maximumLifetimeInMinutes").intValue()).isEqualTo(600);
      assertThat(policy.get("defaultLifetimeInMinutes").intValue()).isEqualTo(120);
      assertThat(policy.get("minimumLifetimeInMinutes").intValue()).isEqualTo(60);
      JsonNode audit = admin().get("/v1.0/auditLogs/directoryAudits?$filter=category%20eq%20'Policy'").json();
      assertThat(audit.at("/value/0/activityDisplayName").stringValue()).isEqualTo("Authentication Methods Policy Update");
    } finally {
      admin().patch(tapPolicy(), """
          {"@odata.type": "%s", "maximumLifetimeInMinutes": 480, "defaultLifetimeInMinutes": 60}""".formatted(TAP_CONFIG));
    }
  }

  @Test
  default void patchTapPolicyWhenRangeBrokenThenBadRequestAndNothingChanges() {
    String before = admin().get(tapPolicy()).text();

    Response minAboveMax = admin().patch(tapPolicy(), """
        {"@odata.type": "%s", "minimumLifetimeInMinutes": 500, "defaultLength": 12}""".formatted(TAP_CONFIG));
    Response lengthTooShort = admin().patch(tapPolicy(), """
        {"@odata.type": "%s", "defaultLength": 7}""".formatted(TAP_CONFIG));
    Response badTarget = admin().patch(tapPolicy(), """
        {"@odata.type": "%s", "includeTargets": [{"targetType": "group", "id": "nope"}]}""".formatted(TAP_CONFIG));
    Response badState = admin().patch(tapPolicy(), """
        {"@odata.type": "%s", "state": "maybe"}""".formatted(TAP_CONFIG));
    Response wrongType = admin().patch(tapPolicy(), """
        {"@odata.type": "%s", "defaultLength": "twelve"}""".formatted(TAP_CONFIG));
    Response unknownProperty = admin().patch(tapPolicy(), """
        {"@odata.type": "%s", "colour": "blue"}""".formatted(TAP_CONFIG));

    for (Response response : new Response[] {minAboveMax, lengthTooShort, badTarget, badState, wrongType, unknownProperty}) {
      assertThat(response.status()).as(response.text()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("badRequest");
    }
    assertThat(minAboveMax.errorMessage()).contains("minimumLifetimeInMinutes");
    assertThat(admin().get(tapPolicy()).text()).isEqualTo(before);
  }

  @Test
  default void patchTapPolicyWhenODataTypeMissingOrWrongThenBadRequest() {
    Response missing = admin().patch(tapPolicy(), "{\"defaultLength\": 12}");
    Response wrong = admin().patch(tapPolicy(), "{\"@odata.type\": \"" + FIDO2_CONFIG + "\", \"defaultLength\": 12}");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorMessage()).contains("@odata.type");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(admin().get(tapPolicy()).json().get("defaultLength").intValue()).isEqualTo(8);
  }

  @Test
  default void fido2PolicyWhenPatchedThenStoredAndValidated() {
    String fido2 = "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Fido2";
    JsonNode defaults = admin().get(fido2).json();
    assertThat(defaults.get("@odata.type").stringValue()).isEqualTo(FIDO2_CONFIG);
    assertThat(defaults.get("isSelfServiceRegistrationAllowed").booleanValue()).isTrue();
    assertThat(defaults.at("/keyRestrictions/isEnforced").booleanValue()).isFalse();

    Response patched = admin().patch(fido2, """
        {"@odata.type": "%s", "isAttestationEnforced": true,
         "keyRestrictions": {"isEnforced": true, "enforcementType": "allow",
                             "aaGuids": ["CB69481E-8FF7-4039-93EC-0A2729A154A8"]}}""".formatted(FIDO2_CONFIG));
    Response invalid = admin().patch(fido2, """
        {"@odata.type": "%s", "keyRestrictions": {"aaGuids": ["not-an-aaguid"]}}""".formatted(FIDO2_CONFIG));
    try {
      assertThat(patched.status()).isEqualTo(204);
      JsonNode policy = admin().get(fido2).json();
      assertThat(policy.get("isAttestationEnforced").booleanValue()).isTrue();
      assertThat(policy.at("/keyRestrictions/enforcementType").stringValue()).isEqualTo("allow");
      assertThat(policy.at("/keyRestrictions/aaGuids/0").stringValue()).isEqualTo("cb69481e-8ff7-4039-93ec-0a2729a154a8");
      assertThat(invalid.status()).isEqualTo(400);
      assertThat(invalid.errorMessage()).contains("not-an-aaguid");
    } finally {
      admin().patch(fido2, """
          {"@odata.type": "%s", "isAttestationEnforced": false,
           "keyRestrictions": {"isEnforced": false, "enforcementType": "block", "aaGuids": []}}""".formatted(FIDO2_CONFIG));
    }
  }

  @Test
  default void readWholePolicyWhenAskedThenEveryConfigurationListed() {
    Response response = admin().get("/v1.0/policies/authenticationMethodsPolicy");

    assertThat(response.status()).isEqualTo(200);
    JsonNode configurations = response.json().get("authenticationMethodConfigurations");
    assertThat(configurations.findValuesAsString("id")).contains("TemporaryAccessPass", "Fido2");
    assertThat(admin().get("/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Sms").status())
        .isEqualTo(404);
  }
}

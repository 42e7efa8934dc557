package dev.latchkey.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.server.support.BrowserSession;
import dev.latchkey.server.support.BrowserSession.Page;
import dev.latchkey.server.support.GraphClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Signing in with a password over HTTP: offered only where the person has one and the policy allows it,
 * uniform failures with their true reasons logged, its own lock, a single-factor session that can't
 * change methods, and the session's end when the password goes.
 */
public interface PasswordSignInContract extends ApiTest {

  String PASSWORD = "Correct horse 1";
  String PASSWORD_REFUSED = "That password didn&#39;t work.";
  String PASSWORD_POLICY = "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Password";

  private String createUserWithPassword(String upn) {
    Response created = admin().post("/v1.0/users", """
        {"accountEnabled": true, "displayName": "%s", "userPrincipalName": "%s",
         "passwordProfile": {"password": "%s"}}""".formatted(upn, upn, PASSWORD));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  /** Username first; returns where the username step sent the browser. */
  private static String enterUsername(BrowserSession browser, String upn) {
    browser.get("/signin");
    return browser.post("/signin", Map.of("username", upn)).location();
  }

  private static Page signInWithPassword(BrowserSession browser, String upn, String password) {
    enterUsername(browser, upn);
    browser.get("/signin/password");
    return browser.post("/signin/password", Map.of("password", password));
  }

  private List<String> failureReasonsOf(String upn) {
    JsonNode log = admin().get("/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'" + upn + "'&$top=50").json();
    return log.findValuesAsString("failureReason");
  }

  @Test
  default void signInWhenPasswordRightThenASingleFactorSessionThatCantChangeMethods() {
    String upn = newUpn("pwsignin");
    createUserWithPassword(upn);
    BrowserSession browser = browser();
    assertThat(enterUsername(browser, upn)).isEqualTo("/signin/password");
    String before = browser.sessionId();
    Page prompt = browser.get("/signin/password");
    assertThat(prompt.body()).contains("Enter your password").contains("a Temporary")
        .contains("autocomplete=\"current-password\"");

    Page answer = browser.post("/signin/password", Map.of("password", PASSWORD));

    assertThat(answer.status()).as(answer.body()).isEqualTo(302);
    assertThat(answer.location()).isEqualTo("/security-info");
    assertThat(browser.sessionId()).as("no session fixation").isNotNull().isNotEqualTo(before);
    Page info = browser.get("/security-info");
    assertThat(info.body()).contains("Signed in with <span>Password</span>")
        .contains("The time to add or change sign-in methods in this session is over").doesNotContain("Add passkey")
        .doesNotContain(PASSWORD);
    JsonNode signIn = admin().get("/v1.0/auditLogs/signIns?$filter=userPrincipalName%20eq%20'" + upn + "'&$top=1")
        .json().at("/value/0");
    assertThat(signIn.at("/authenticationDetails/0/authenticationMethod").stringValue()).isEqualTo("Password");
    assertThat(signIn.at("/status/errorCode").intValue()).isZero();
  }

  @Test
  default void usernameWhenUnknownOrPasswordlessThenThePassPromptAndNoPasswordOffered() {
    String passwordless = newUpn("nopw");
    createUser(passwordless);

    for (String upn : List.of(passwordless, newUpn("nobody"))) {
      BrowserSession browser = browser();
      assertThat(enterUsername(browser, upn)).as(upn).isEqualTo("/signin/pass");
      assertThat(browser.get("/signin/pass").body()).as(upn).doesNotContain("/signin/password");
    }
  }

  @Test
  default void signInWhenWrongUnknownPasswordlessOrForbiddenThenTheSameAnswerAndTheTrueReasonLogged() {
    String wrong = newUpn("wrongpw");
    createUserWithPassword(wrong);
    String none = newUpn("haspwnot");
    createUser(none);
    String forbidden = newUpn("forbiddenpw");
    String forbiddenId = createUserWithPassword(forbidden);
    String unknown = newUpn("ghostpw");
    assertThat(admin().patch(PASSWORD_POLICY, """
        {"@odata.type": "#microsoft.graph.passwordAuthenticationMethodConfiguration",
         "excludeTargets": [{"targetType": "user", "id": "%s"}]}""".formatted(forbiddenId)).status()).isEqualTo(204);

    Page wrongAnswer = signInWithPassword(browser(), wrong, "Not the password");
    Page noneAnswer = signInWithPassword(browser(), none, PASSWORD);
    Page forbiddenAnswer = signInWithPassword(browser(), forbidden, PASSWORD);
    Page unknownAnswer = signInWithPassword(browser(), unknown, PASSWORD);

    for (Page answer : List.of(wrongAnswer, noneAnswer, forbiddenAnswer, unknownAnswer)) {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).contains(PASSWORD_REFUSED);
    }
    assertThat(failureReasonsOf(wrong)).containsExactly("WrongPassword");
    assertThat(failureReasonsOf(none)).containsExactly("NoPassword");
    assertThat(failureReasonsOf(forbidden)).containsExactly("PasswordDisabledByPolicy");
    assertThat(failureReasonsOf(unknown)).containsExactly("UserNotFound");
    assertThat(admin().patch(PASSWORD_POLICY, """
        {"@odata.type": "#microsoft.graph.passwordAuthenticationMethodConfiguration", "excludeTargets": []}""")
        .status()).isEqualTo(204);
  }

  @Test
  default void signInWhenTenWrongPasswordsThenLockedTheRightOneRefusedAndThePassStillWorks() {
    String upn = newUpn("pwlock");
    createUserWithPassword(upn);
    for (int i = 0; i < 10; i++) {
      assertThat(signInWithPassword(browser(), upn, "Wrong password " + i).body()).contains(PASSWORD_REFUSED);
    }

    Page locked = signInWithPassword(browser(), upn, PASSWORD);

    assertThat(locked.body()).contains(PASSWORD_REFUSED);
    assertThat(failureReasonsOf(upn).get(0)).isEqualTo("PasswordSignInLocked");
    assertThat(failureReasonsOf(upn)).contains("PasswordSignInLockedAfterRepeatedFailures");
    Response pass = admin().post(passesOf(upn), "{}");
    Page withPass = browser().signInWithPass(upn, pass.json().get("temporaryAccessPass").stringValue());
    assertThat(withPass.location()).as("the password lock doesn't hold the pass").isEqualTo("/security-info");
  }

  @Test
  default void securityInfoWhenThePasswordIsRemovedThenThePasswordSessionEnds() {
    String upn = newUpn("pwgone");
    createUserWithPassword(upn);
    BrowserSession browser = browser();
    assertThat(signInWithPassword(browser, upn, PASSWORD).location()).isEqualTo("/security-info");
    assertThat(browser.get("/security-info").status()).isEqualTo(200);

    assertThat(admin().delete("/v1.0/users/" + upn
        + "/authentication/passwordMethods/28c10230-6103-485e-b985-444c60001490").status()).isEqualTo(204);

    Page after = browser.get("/security-info");
    assertThat(after.status()).isEqualTo(302);
    assertThat(after.location()).endsWith("/signin?ended");
  }

  @Test
  default void signInWithPasswordWhenNoCsrfTokenThenForbiddenAndNothingLogged() {
    String upn = newUpn("pwcsrf");
    createUserWithPassword(upn);
    BrowserSession browser = browser();
    enterUsername(browser, upn);

    Page answer = browser.postRaw("/signin/password", Map.of("password", PASSWORD));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(failureReasonsOf(upn)).isEmpty();
  }
}

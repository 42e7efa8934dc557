package dev.latchkey.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;

/**
 * What a person does on Latchkey's sign-in pages and My Security Info, for the browser journeys: sign in
 * with a pass, add a passkey, sign in with it, sign out. Each step waits for the page it leads to and, when
 * the page shows an error instead, fails with what the page says.
 */
final class SignInPages {

  static final By ADD_PASSKEY = By.xpath("//button[@type='submit'][normalize-space()='Add passkey']");
  static final By REGISTER_STATUS = By.id("passkey-register-status");
  static final By PASSKEY_STATUS = By.id("passkey-status");

  private SignInPages() {}

  /**
   * A loopback port that was free a moment ago, for a server whose URL must be known before it starts
   * (WebAuthn's origin, a redirect URI); it binds the port right after, before anything else asks.
   */
  static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Signs in at {@code origin} with a pass, username first, and lands on My Security Info. */
  static void signInWithPass(Chromium browser, String origin, String upn, String pass) {
    browser.open(origin + "/signin");
    browser.type(By.id("username"), upn);
    browser.submit("Next");
    browser.awaitPath("/signin/pass");
    enterPass(browser, pass);
    browser.awaitPath("/security-info");
  }

  static void enterPass(Chromium browser, String pass) {
    browser.type(By.id("pass"), pass);
    browser.submit("Sign in");
  }

  /**
   * Names the passkey and presses "Add passkey"; the script runs the ceremony with the virtual
   * authenticator and reloads the page. When the page shows an error instead, that error is the failure.
   */
  static void addPasskey(Chromium browser, String name) {
    browser.type(By.id("passkey-name"), name);
    browser.visible(ADD_PASSKEY).click();
    browser.await().ignoring(WebDriverException.class)
        .withMessage(() -> "the passkey to be added, but the page says '" + says(browser, REGISTER_STATUS) + "'")
        .until(driver -> browser.currentPath().equals("/security-info?added")
            || driver.findElement(REGISTER_STATUS).isDisplayed());
    assertThat(browser.currentPath()).as(() -> "after adding the passkey the page says '"
        + says(browser, REGISTER_STATUS) + "'").isEqualTo("/security-info?added");
  }

  /**
   * Presses "Sign in with a passkey" on the page shown and waits until the browser has left the passkey
   * prompt for wherever the sign-in continues. When the page shows an error instead, that is the failure.
   */
  static void usePasskey(Chromium browser) {
    browser.visible(By.id("passkey-signin")).click();
    browser.await().ignoring(WebDriverException.class)
        .withMessage(() -> "the passkey to sign in, but the page says '" + says(browser, PASSKEY_STATUS) + "'")
        .until(driver -> !onPasskeyPrompt(browser) || driver.findElement(PASSKEY_STATUS).isDisplayed());
    assertThat(onPasskeyPrompt(browser)).as(() -> "after the passkey sign-in the page says '"
        + says(browser, PASSKEY_STATUS) + "'").isFalse();
  }

  /** Presses "Sign in with a passkey" on the page shown and lands on My Security Info. */
  static void signInWithPasskey(Chromium browser) {
    usePasskey(browser);
    browser.awaitPath("/security-info");
    assertThat(browser.textOf(By.tagName("h1"))).isEqualTo("My Security Info");
  }

  static void signOut(Chromium browser) {
    browser.submit("Sign out");
    browser.awaitPath("/signin?signedout");
  }

  /** The text of an element for a failure message, or what kept it from being read. */
  static String says(Chromium browser, By locator) {
    try {
      return browser.driver().findElement(locator).getText();
    } catch (WebDriverException e) {
      return "(" + e.getClass().getSimpleName() + " on " + browser.currentPath() + ")";
    }
  }

  private static boolean onPasskeyPrompt(Chromium browser) {
    String path = browser.currentPath();
    return path.equals("/signin") || path.startsWith("/signin/passkey") || path.startsWith("/signin?");
  }
}

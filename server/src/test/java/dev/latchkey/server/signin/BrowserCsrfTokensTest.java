package dev.latchkey.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;

/** The cookie's name and attributes, and where a token goes; the HTTP contract tests cover the flows. */
class BrowserCsrfTokensTest {

  @Test
  void saveWhenHttpsAndNoSessionThenAHostOnlySecureCookieAndNoSession() {
    BrowserCsrfTokens tokens = new BrowserCsrfTokens(true, true);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/signin");
    MockHttpServletResponse response = new MockHttpServletResponse();

    tokens.saveToken(tokens.generateToken(request), request, response);

    assertThat(request.getSession(false)).isNull();
    Cookie cookie = response.getCookie("__Host-LATCHKEY_CSRF");
    assertThat(cookie).isNotNull();
    assertThat(cookie.getPath()).isEqualTo("/");
    assertThat(cookie.getSecure()).isTrue();
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getAttribute("SameSite")).isEqualTo("Lax");
    assertThat(cookie.getDomain()).isNull();
  }

  @Test
  void saveWhenPlainHttpLocalhostThenTheCookieIsNotSecureAndHasNoPrefix() {
    BrowserCsrfTokens tokens = new BrowserCsrfTokens(false, true);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/signin");
    MockHttpServletResponse response = new MockHttpServletResponse();

    tokens.saveToken(tokens.generateToken(request), request, response);

    assertThat(response.getHeader("Set-Cookie")).startsWith("LATCHKEY_CSRF=").doesNotContain("Secure");
  }

  @Test
  void saveWhenTheCookieIsSwitchedOffThenASessionHoldsTheTokenAndACookieIsStillRead() {
    BrowserCsrfTokens tokens = new BrowserCsrfTokens(true, false);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/signin");
    MockHttpServletResponse response = new MockHttpServletResponse();
    CsrfToken token = tokens.generateToken(request);

    tokens.saveToken(token, request, response);

    assertThat(request.getSession(false)).isNotNull();
    assertThat(response.getHeader("Set-Cookie")).isNull();
    assertThat(tokens.loadToken(request).getToken()).isEqualTo(token.getToken());
    MockHttpServletRequest fromANewNode = new MockHttpServletRequest("POST", "/signin");
    fromANewNode.setCookies(new Cookie("__Host-LATCHKEY_CSRF", "from-a-node-with-the-cookie"));
    assertThat(tokens.loadToken(fromANewNode).getToken()).isEqualTo("from-a-node-with-the-cookie");
  }

  @Test
  void loadWhenTheSessionIsSignedInThenACookieTokenIsIgnored() {
    BrowserCsrfTokens tokens = new BrowserCsrfTokens(true, true);
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/signout");
    request.setCookies(new Cookie("__Host-LATCHKEY_CSRF", "planted"));
    assertThat(tokens.loadToken(request).getToken()).as("before a session").isEqualTo("planted");

    request.getSession().setAttribute("unrelated", "value");
    assertThat(tokens.loadToken(request).getToken()).as("a session not signed in, without a token").isEqualTo("planted");

    request.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
        new SecurityContextImpl());
    assertThat(tokens.loadToken(request)).as("a signed-in session").isNull();
  }
}

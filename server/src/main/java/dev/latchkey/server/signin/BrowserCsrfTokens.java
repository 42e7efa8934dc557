package dev.latchkey.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Where a browser's CSRF token is kept: in its session when it has one, and in a cookie before that, so that
 * opening the sign-in page writes nothing to the database. Anyone can open that page as often as they like;
 * with the token in the session, each visit was a session row in the shared store until the sweep.
 *
 * <p>The cookie's token counts only until the person signs in. A session that is signed in uses the token in
 * the session alone, and every sign-in removes it ({@code saveToken(null, …)}), so the first page after it
 * makes a new one. Before signing in, a session without a token of its own (the username step made it, or
 * the passkey prompt did) goes on using the cookie's, which its pages show.
 *
 * <p>Over HTTPS the cookie is {@code __Host-LATCHKEY_CSRF}: the browser accepts that name only with
 * {@code Secure}, {@code Path=/} and no {@code Domain}, from this host itself, so a page on a sibling
 * subdomain or a plain-HTTP response can't plant a token of its choosing for the username and pass steps.
 * On a plain-HTTP localhost (a laptop) it is {@code LATCHKEY_CSRF}. Either way it is HttpOnly (pages carry
 * the token in their forms and a meta tag) and SameSite=Lax, as the session cookie is
 * ({@link WebSecurityConfiguration#cookieSerializer}).
 *
 * <p>With {@code cookie} false, a token is saved in the session as before the cookie existed (a session is made
 * for it), while both places are still read: nodes of an earlier version, which read only the session, can
 * then serve the same browsers during a rolling upgrade.
 */
final class BrowserCsrfTokens implements CsrfTokenRepository {

  static final String COOKIE = "LATCHKEY_CSRF";
  static final String SECURE_COOKIE = "__Host-" + COOKIE;

  private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
  private final CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();
  private final boolean cookie;

  BrowserCsrfTokens(boolean secure, boolean cookie) {
    this.cookie = cookie;
    cookies.setCookieName(secure ? SECURE_COOKIE : COOKIE);
    // The same header name either way, so that a page's meta tag names the header its token is checked in.
    cookies.setHeaderName("X-CSRF-TOKEN");
    sessions.setHeaderName("X-CSRF-TOKEN");
    cookies.setCookiePath("/");
    cookies.setCookieCustomizer(builder -> builder.httpOnly(true).sameSite("Lax").secure(secure));
  }

  @Override
  public CsrfToken generateToken(HttpServletRequest request) {
    return sessions.generateToken(request);
  }

  /** Saves to the session when there is one, else to the cookie; {@code null} removes the token from both. */
  @Override
  public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
    if (token == null) {
      sessions.saveToken(null, request, response);
      cookies.saveToken(null, request, response);
    } else if (request.getSession(false) != null || !cookie) {
      sessions.saveToken(token, request, response);
      if (cookies.loadToken(request) != null) {
        cookies.saveToken(null, request, response);
      }
    } else {
      cookies.saveToken(token, request, response);
    }
  }

  /** The session's token; before sign-in, when the session has none (or there is no session), the cookie's. */
  @Override
  public CsrfToken loadToken(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      CsrfToken token = sessions.loadToken(request);
      if (token != null || signedIn(session)) {
        return token;
      }
    }
    return cookies.loadToken(request);
  }

  private static boolean signedIn(HttpSession session) {
    return session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null;
  }
}

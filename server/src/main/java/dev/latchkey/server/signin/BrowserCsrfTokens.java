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
 * <p>The cookie holds the token only until the person signs in. A session that is signed in uses the token in
 * the session alone (one is made at the first page after signing in, so signing in always changes the token),
 * and a token in a cookie is never accepted for it. Before signing in, a session that has no token of its own
 * (the username step made it, or the passkey options did) goes on using the cookie's token, which the page
 * shows. An attacker who can plant cookies in the victim's browser (a sibling domain) could plant this cookie
 * and its token, but no more than they already could with the session cookie before sign-in, and the session's
 * id and token both change when the person signs in.
 *
 * <p>The cookie has the session cookie's attributes: HttpOnly (pages carry the token in their forms and a meta
 * tag), SameSite=Lax, and Secure unless the base URL is a plain-HTTP localhost; see
 * {@link WebSecurityConfiguration#cookieSerializer}.
 */
final class BrowserCsrfTokens implements CsrfTokenRepository {

  static final String COOKIE = "LATCHKEY_CSRF";

  private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
  private final CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();

  BrowserCsrfTokens(boolean secure) {
    cookies.setCookieName(COOKIE);
    // The same header name either way, so that a page's meta tag names the header its token is checked in.
    cookies.setHeaderName("X-CSRF-TOKEN");
    sessions.setHeaderName("X-CSRF-TOKEN");
    cookies.setCookiePath("/");
    cookies.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax").secure(secure));
  }

  @Override
  public CsrfToken generateToken(HttpServletRequest request) {
    return sessions.generateToken(request);
  }

  /** Saves to the session when there is one, else to the cookie; {@code null} removes the token from both. */
  @Override
  public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = request.getSession(false);
    if (token == null) {
      sessions.saveToken(null, request, response);
      cookies.saveToken(null, request, response);
    } else if (session != null) {
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

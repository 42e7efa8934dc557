package dev.latchkey.server.signin;

import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.RequestIds;
import dev.latchkey.server.passkey.PasskeyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in pages: username first, then a passkey when the person has one, else their password when
 * they have one and the password policy allows it, else the pass; each page switches to the others that
 * fit. An unknown username gets the same pass prompt as a person with a pass, so the first step doesn't
 * tell which accounts exist. GET requests never consume anything.
 */
@Controller
class SignInController {

  static final String USERNAME = SignInController.class.getName() + ".username";
  /** Whether the username step found a password the person may use, so the pages offer it. */
  static final String PASSWORD_OFFERED = SignInController.class.getName() + ".passwordOffered";
  static final String FAILED = "That pass didn't work. Check it and try again, or ask your administrator for a new one.";
  static final String PASSWORD_FAILED = "That password didn't work. Check it and try again, or use another method.";
  static final String THROTTLED = "Too many attempts from your network. Try again in a few minutes.";
  private static final int MAX_USERNAME = 320;

  private final PassSignIn passSignIn;
  private final PasswordSignIn passwordSignIn;
  private final UserService users;
  private final PasskeyService passkeys;
  private final SignInProperties properties;
  private final BrowserCsrfTokens csrfTokens;
  private final Clock clock;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

  SignInController(PassSignIn passSignIn, PasswordSignIn passwordSignIn, UserService users, PasskeyService passkeys,
      SignInProperties properties, BrowserCsrfTokens csrfTokens, Clock clock) {
    this.passSignIn = passSignIn;
    this.passwordSignIn = passwordSignIn;
    this.users = users;
    this.passkeys = passkeys;
    this.properties = properties;
    this.csrfTokens = csrfTokens;
    this.clock = clock;
  }

  @GetMapping("/")
  String home() {
    return "redirect:/security-info";
  }

  @GetMapping("/signin")
  String username() {
    return "signin/username";
  }

  /** Where a refused CSRF token is forwarded, whatever the method, with its 403 kept. */
  @RequestMapping(WebSecurityConfiguration.PAGE_EXPIRED)
  String expired() {
    return "expired";
  }

  @PostMapping("/signin")
  String chooseUser(@RequestParam(defaultValue = "") String username, HttpServletRequest request, Model model) {
    String name = username.strip();
    if (name.isEmpty() || name.length() > MAX_USERNAME) {
      model.addAttribute("error", "Enter the username your administrator gave you, such as alice@example.com.");
      return "signin/username";
    }
    Optional<User> user = users.findByUpn(name);
    boolean passkeyFirst = user.filter(u -> !passkeys.passkeysOf(u).isEmpty() && passkeys.mayUsePasskeys(u)).isPresent();
    boolean passwordOffered = user.filter(passwordSignIn::offers).isPresent();
    UsernameStep.store(request.getSession(), new UsernameStep(name, passwordOffered));
    if (passkeyFirst) {
      return "redirect:/signin/passkey";
    }
    return passwordOffered ? "redirect:/signin/password" : "redirect:/signin/pass";
  }

  @GetMapping("/signin/passkey")
  String passkeyPrompt(HttpSession session, Model model) {
    return prompt(session, model, "signin/passkey");
  }

  @GetMapping("/signin/pass")
  String passPrompt(HttpSession session, Model model) {
    return prompt(session, model, "signin/pass");
  }

  @GetMapping("/signin/password")
  String passwordPrompt(HttpSession session, Model model) {
    return prompt(session, model, "signin/password");
  }

  private static String prompt(HttpSession session, Model model, String page) {
    UsernameStep step = UsernameStep.of(session);
    if (step == null) {
      return "redirect:/signin";
    }
    step.show(model);
    return page;
  }

  @PostMapping("/signin/password")
  String signInWithPassword(@RequestParam(defaultValue = "") String password, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    UsernameStep step = UsernameStep.of(request.getSession(false));
    if (step == null) {
      return "redirect:/signin";
    }
    PasswordSignIn.Outcome outcome = passwordSignIn.signIn(step.username(), password, client(request));
    if (outcome instanceof PasswordSignIn.Outcome.SignedIn signedIn) {
      startSession(signedIn.session(), request, response);
      return "redirect:" + SignInContinuation.next(request);
    }
    step.show(model);
    if (outcome instanceof PasswordSignIn.Outcome.Throttled throttled) {
      throttle(throttled.retryAt(), response, model);
    } else {
      model.addAttribute("error", PASSWORD_FAILED);
    }
    return "signin/password";
  }

  @PostMapping("/signin/pass")
  String signInWithPass(@RequestParam(defaultValue = "") String pass, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    UsernameStep step = UsernameStep.of(request.getSession(false));
    if (step == null) {
      return "redirect:/signin";
    }
    PassSignIn.Outcome outcome = passSignIn.signIn(step.username(), pass, client(request));
    if (outcome instanceof PassSignIn.Outcome.SignedIn signedIn) {
      startSession(signedIn.session(), request, response);
      return "redirect:" + SignInContinuation.next(request);
    }
    step.show(model);
    if (outcome instanceof PassSignIn.Outcome.Throttled throttled) {
      throttle(throttled.retryAt(), response, model);
    } else {
      model.addAttribute("error", FAILED);
    }
    return "signin/pass";
  }

  /**
   * Stores the new session under a new session id (no fixation) and forgets the username step and the CSRF
   * token: the next page gets a new one.
   */
  private void startSession(SignInSession signedIn, HttpServletRequest request, HttpServletResponse response) {
    request.changeSessionId();
    csrfTokens.saveToken(null, request, response);
    request.getSession().removeAttribute(USERNAME);
    request.getSession().removeAttribute(PASSWORD_OFFERED);
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(signedIn);
    holder.setContext(context);
    contexts.saveContext(context, request, response);
  }

  /**
   * Who is signing in, as typed at the username step, and whether that step found a password the person
   * may use, so that the pages offer it. Kept in the session as a plain string and boolean, which every
   * version of Latchkey reads: during a rolling upgrade a sign-in may continue on a node of another version.
   */
  record UsernameStep(String username, boolean passwordOffered) {

    static UsernameStep of(HttpSession session) {
      Object username = session == null ? null : session.getAttribute(USERNAME);
      return username instanceof String name
          ? new UsernameStep(name, Boolean.TRUE.equals(session.getAttribute(PASSWORD_OFFERED)))
          : null;
    }

    static void store(HttpSession session, UsernameStep step) {
      session.setAttribute(USERNAME, step.username());
      session.setAttribute(PASSWORD_OFFERED, step.passwordOffered());
    }

    void show(Model model) {
      model.addAttribute("username", username);
      model.addAttribute("passwordOffered", passwordOffered);
    }
  }

  private void throttle(Instant retryAt, HttpServletResponse response, Model model) {
    long seconds = Math.max(1, Duration.between(clock.instant(), retryAt).toSeconds());
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    model.addAttribute("error", THROTTLED);
  }

  private PassSignIn.Client client(HttpServletRequest request) {
    return new PassSignIn.Client(ClientAddress.of(request, properties.trustedProxies()), request.getHeader("User-Agent"),
        RequestIds.requestId(request));
  }
}

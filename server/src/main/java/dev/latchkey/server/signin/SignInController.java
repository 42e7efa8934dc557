package dev.latchkey.server.signin;

import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.RequestIds;
import dev.latchkey.server.passkey.PasskeyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in pages: username first, then a passkey when the person has one (with a switch to the pass),
 * else the pass. An unknown username gets the same pass prompt as a person with a pass, so the first step
 * doesn't tell which accounts exist. GET requests never consume anything.
 */
@Controller
class SignInController {

  static final String USERNAME = SignInController.class.getName() + ".username";
  static final String FAILED = "That pass didn't work. Check it and try again, or ask your administrator for a new one.";
  private static final int MAX_USERNAME = 320;

  private final PassSignIn passSignIn;
  private final UserService users;
  private final PasskeyService passkeys;
  private final SignInProperties properties;
  private final Clock clock;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

  SignInController(PassSignIn passSignIn, UserService users, PasskeyService passkeys, SignInProperties properties,
      Clock clock) {
    this.passSignIn = passSignIn;
    this.users = users;
    this.passkeys = passkeys;
    this.properties = properties;
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

  @PostMapping("/signin")
  String chooseUser(@RequestParam(defaultValue = "") String username, HttpServletRequest request, Model model) {
    String name = username.strip();
    if (name.isEmpty() || name.length() > MAX_USERNAME) {
      model.addAttribute("error", "Enter the username your administrator gave you, such as alice@example.com.");
      return "signin/username";
    }
    request.getSession().setAttribute(USERNAME, name);
    boolean passkeyFirst = users.findByUpn(name)
        .filter(user -> passkeys.mayUsePasskeys(user) && !passkeys.passkeysOf(user).isEmpty()).isPresent();
    return passkeyFirst ? "redirect:/signin/passkey" : "redirect:/signin/pass";
  }

  @GetMapping("/signin/passkey")
  String passkeyPrompt(HttpSession session, Model model) {
    Object username = session.getAttribute(USERNAME);
    if (username == null) {
      return "redirect:/signin";
    }
    model.addAttribute("username", username);
    return "signin/passkey";
  }

  @GetMapping("/signin/pass")
  String passPrompt(HttpSession session, Model model) {
    Object username = session.getAttribute(USERNAME);
    if (username == null) {
      return "redirect:/signin";
    }
    model.addAttribute("username", username);
    return "signin/pass";
  }

  @PostMapping("/signin/pass")
  String signInWithPass(@RequestParam(defaultValue = "") String pass, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    HttpSession session = request.getSession(false);
    Object username = session == null ? null : session.getAttribute(USERNAME);
    if (username == null) {
      return "redirect:/signin";
    }
    PassSignIn.Outcome outcome = passSignIn.signIn(username.toString(), pass, client(request));
    if (outcome instanceof PassSignIn.Outcome.SignedIn signedIn) {
      request.changeSessionId();
      request.getSession().removeAttribute(USERNAME);
      SecurityContext context = holder.createEmptyContext();
      context.setAuthentication(signedIn.session());
      holder.setContext(context);
      contexts.saveContext(context, request, response);
      return "redirect:" + SignInContinuation.next(request);
    }
    model.addAttribute("username", username);
    if (outcome instanceof PassSignIn.Outcome.Throttled throttled) {
      long seconds = Math.max(1, Duration.between(clock.instant(), throttled.retryAt()).toSeconds());
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      model.addAttribute("error", "Too many attempts from your network. Try again in a few minutes.");
    } else {
      model.addAttribute("error", FAILED);
    }
    return "signin/pass";
  }

  private PassSignIn.Client client(HttpServletRequest request) {
    return new PassSignIn.Client(ClientAddress.of(request, properties.trustedProxies()), request.getHeader("User-Agent"),
        RequestIds.requestId(request));
  }
}

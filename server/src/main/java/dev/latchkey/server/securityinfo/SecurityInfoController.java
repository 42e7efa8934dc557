package dev.latchkey.server.securityinfo;

import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.passkey.Passkey;
import dev.latchkey.server.passkey.PasskeyService;
import dev.latchkey.server.roles.RoleService;
import dev.latchkey.server.signin.PasskeySession;
import dev.latchkey.server.signin.SignInContinuation;
import dev.latchkey.server.signin.SignInSession;
import dev.latchkey.server.tap.PassService;
import java.time.Clock;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * My Security Info: the signed-in person's own sign-in methods. Adding, renaming and deleting methods
 * needs a recent sign-in (the session's registration window); reading never does.
 */
@Controller
class SecurityInfoController {

  private final UserService users;
  private final PassService passes;
  private final PasskeyService passkeys;
  private final RoleService roles;
  private final Clock clock;

  SecurityInfoController(UserService users, PassService passes, PasskeyService passkeys, RoleService roles,
      Clock clock) {
    this.users = users;
    this.passes = passes;
    this.passkeys = passkeys;
    this.roles = roles;
    this.clock = clock;
  }

  @GetMapping("/security-info")
  String page(jakarta.servlet.http.HttpServletRequest request, Model model) {
    SignInSession session = session();
    User user = users.get(session.userId());
    List<Passkey> registered = passkeys.passkeysOf(user);
    model.addAttribute("user", user);
    model.addAttribute("signIn", session);
    model.addAttribute("pass", passes.find(user).orElse(null));
    model.addAttribute("passkeys", registered);
    model.addAttribute("hasPasskey", !registered.isEmpty());
    model.addAttribute("continuing", SignInContinuation.pending(request));
    model.addAttribute("registrationOpen", mayChangeMethods(session));
    model.addAttribute("registrationRefusal", passkeys.registrationRefusal(user).orElse(null));
    model.addAttribute("adminPortal", session instanceof PasskeySession && !roles.rolesOf(user.id()).isEmpty());
    return "security-info";
  }

  @PostMapping("/security-info/pass/delete")
  String deletePass(@RequestParam String passId) {
    SignInSession session = session();
    passes.delete(users.get(session.userId()), passId);
    return "redirect:/security-info";
  }

  @PostMapping("/security-info/passkeys/rename")
  String renamePasskey(@RequestParam String id, @RequestParam String name) {
    SignInSession session = requireRecentSignIn();
    passkeys.rename(users.get(session.userId()), id, name);
    return "redirect:/security-info";
  }

  @PostMapping("/security-info/passkeys/delete")
  String deletePasskey(@RequestParam String id) {
    SignInSession session = requireRecentSignIn();
    passkeys.delete(users.get(session.userId()), id);
    return "redirect:/security-info";
  }

  private boolean mayChangeMethods(SignInSession session) {
    return clock.instant().isBefore(session.registrationUntil());
  }

  private SignInSession requireRecentSignIn() {
    SignInSession session = session();
    if (!mayChangeMethods(session)) {
      throw new RecentSignInRequiredException();
    }
    return session;
  }

  private static SignInSession session() {
    return (SignInSession) SecurityContextHolder.getContext().getAuthentication();
  }
}

package dev.latchkey.server.securityinfo;

import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.signin.PassSession;
import dev.latchkey.server.tap.PassService;
import java.time.Clock;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** My Security Info: the signed-in person's own sign-in methods. */
@Controller
class SecurityInfoController {

  private final UserService users;
  private final PassService passes;
  private final Clock clock;

  SecurityInfoController(UserService users, PassService passes, Clock clock) {
    this.users = users;
    this.passes = passes;
    this.clock = clock;
  }

  @GetMapping("/security-info")
  String page(Model model) {
    PassSession session = session();
    User user = users.get(session.userId());
    model.addAttribute("user", user);
    model.addAttribute("session", session);
    model.addAttribute("pass", passes.find(user).orElse(null));
    model.addAttribute("registrationOpen", clock.instant().isBefore(session.registrationUntil()));
    model.addAttribute("hasPasskey", false);
    return "security-info";
  }

  @PostMapping("/security-info/pass/delete")
  String deletePass(@RequestParam String passId) {
    PassSession session = session();
    passes.delete(users.get(session.userId()), passId);
    return "redirect:/security-info";
  }

  private static PassSession session() {
    return (PassSession) SecurityContextHolder.getContext().getAuthentication();
  }
}

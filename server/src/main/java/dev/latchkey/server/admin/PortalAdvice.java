package dev.latchkey.server.admin;

import dev.latchkey.core.RuleViolation;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.roles.DirectoryRole;
import dev.latchkey.server.roles.RoleService;
import dev.latchkey.server.security.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every portal page shares: only people holding an admin role get in, every page knows who is signed
 * in, and a refusal or a missing item is a page with the service's message (the same message the API
 * gives), not JSON.
 */
@ControllerAdvice(basePackageClasses = PortalAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalAdvice {

  private final RoleService roles;

  PortalAdvice(RoleService roles) {
    this.roles = roles;
  }

  /** The signed-in admin; refuses people without any admin role before any page runs. */
  @ModelAttribute
  void signedInAdmin(Model model) {
    Caller caller = Caller.current();
    Set<DirectoryRole> held = roles.rolesOf(caller.id());
    if (held.isEmpty()) {
      throw GraphException.accessDenied("The admin portal is for people who hold an admin role; you hold none. "
          + "Ask a Global Administrator.");
    }
    model.addAttribute("me", caller);
    model.addAttribute("myRoles", held.stream().map(DirectoryRole::displayName).sorted().toList());
  }

  @ExceptionHandler(GraphException.class)
  String refused(GraphException e, Model model, HttpServletResponse response) {
    return error(e.status(), e.getMessage(), model, response);
  }

  @ExceptionHandler(RuleViolation.class)
  String broken(RuleViolation e, Model model, HttpServletResponse response) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), model, response);
  }

  private static String error(HttpStatus status, String message, Model model, HttpServletResponse response) {
    response.setStatus(status.value());
    model.addAttribute("title", switch (status) {
      case FORBIDDEN -> "Not allowed";
      case NOT_FOUND -> "Not found";
      default -> "That didn't work";
    });
    model.addAttribute("message", message);
    return "admin/error";
  }
}

package dev.latchkey.server.signin;

import dev.latchkey.core.pass.PassRequest;
import dev.latchkey.server.config.LatchkeyProperties;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.roles.DirectoryRole;
import dev.latchkey.server.roles.RoleAssignment;
import dev.latchkey.server.roles.RoleService;
import dev.latchkey.server.security.SystemAuthentication;
import dev.latchkey.server.tap.PassService;
import java.io.PrintStream;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The first start of an empty directory creates its first administrator, without a password and holding
 * the Global Administrator role, and prints once, to the console (not the log), their username and a
 * one-time Temporary Access Pass with the sign-in URL: the product bootstraps itself with its own feature. A directory that has any user is left
 * alone, so restarting creates nothing and prints nothing.
 */
@Component
@Order(20)
class BootstrapAdmin implements ApplicationRunner {

  private final UserService users;
  private final PassService passes;
  private final RoleService roles;
  private final LatchkeyProperties properties;
  private final String adminUpn;
  private final PrintStream console = System.out;

  BootstrapAdmin(UserService users, PassService passes, RoleService roles, LatchkeyProperties properties,
      @Value("${latchkey.bootstrap.admin-upn:admin@latchkey.local}") String adminUpn) {
    this.users = users;
    this.passes = passes;
    this.roles = roles;
    this.properties = properties;
    this.adminUpn = adminUpn;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!users.find(List.of(), null, 1).isEmpty()) {
      return;
    }
    SecurityContext previous = SecurityContextHolder.getContext();
    SecurityContext system = SecurityContextHolder.createEmptyContext();
    system.setAuthentication(new SystemAuthentication());
    SecurityContextHolder.setContext(system);
    try {
      User admin = users.create(new UserService.NewUser(adminUpn, "Latchkey administrator", "admin", User.MEMBER,
          true, null));
      roles.assign(DirectoryRole.GLOBAL_ADMINISTRATOR.id(), admin.id(), RoleAssignment.DIRECTORY_SCOPE);
      PassService.NewPass pass = passes.issue(admin, new PassRequest(null, null, true));
      console.println("""

          ==================================================================================
           Latchkey created its first administrator, without a password. Sign them in with
           this one-time Temporary Access Pass; it is shown this once only.

             sign in at:  %s
             username:    %s
             pass:        %s
             valid until: %s

           Then add a passkey on My Security Info. If the pass expires unused, issue a new one
           with the bootstrap API client.
          ==================================================================================
          """.formatted(properties.link("/"), admin.userPrincipalName(), pass.secret(), pass.pass().terms().end()));
    } catch (DuplicateKeyException | GraphException anotherNodeWasFaster) {
      // another node created the first administrator at the same moment; it printed the pass
    } finally {
      SecurityContextHolder.setContext(previous);
    }
  }
}

package dev.latchkey.server.admin;

import dev.latchkey.server.audit.SignInLog;
import dev.latchkey.server.directory.Group;
import dev.latchkey.server.directory.GroupService;
import dev.latchkey.server.directory.User;
import dev.latchkey.server.directory.UserService;
import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.graph.Page;
import dev.latchkey.server.passkey.PasskeyService;
import dev.latchkey.server.roles.DirectoryRole;
import dev.latchkey.server.roles.RoleService;
import dev.latchkey.server.security.AdminAction;
import dev.latchkey.server.security.AdminRights;
import dev.latchkey.server.security.Caller;
import dev.latchkey.server.tap.PassService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The users pages: search and page through users, one user's details, create and edit, add to a group. */
@Controller
@RequestMapping("/admin")
class UsersPageController {

  private static final int PAGE_SIZE = 25;
  private static final int RECENT_SIGN_INS = 10;

  private final UserService users;
  private final GroupService groups;
  private final PassService passes;
  private final PasskeyService passkeys;
  private final RoleService roles;
  private final SignInLog signIns;
  private final AdminRights rights;

  UsersPageController(UserService users, GroupService groups, PassService passes, PasskeyService passkeys,
      RoleService roles, SignInLog signIns, AdminRights rights) {
    this.users = users;
    this.groups = groups;
    this.passes = passes;
    this.passkeys = passkeys;
    this.roles = roles;
    this.signIns = signIns;
    this.rights = rights;
  }

  @GetMapping
  String home() {
    return "redirect:/admin/users";
  }

  @GetMapping("/users")
  String list(@RequestParam(required = false) String q, @RequestParam(required = false) String after, Model model) {
    String search = q == null ? "" : q.strip();
    List<FilterClause> filter = search.isEmpty() ? List.of()
        : List.of(new FilterClause(search.contains("@") ? "userPrincipalName" : "displayName",
            FilterClause.Operator.STARTS_WITH, search));
    Page<User> page = Page.of(users.find(filter, after, PAGE_SIZE + 1), PAGE_SIZE, User::id);
    model.addAttribute("q", search);
    model.addAttribute("users", page.items());
    model.addAttribute("next", page.nextPosition());
    model.addAttribute("mayCreate", rights.allows(AdminAction.MANAGE_USERS, null));
    return "admin/users";
  }

  @GetMapping("/users/{id}")
  String detail(@PathVariable String id, Model model) {
    User user = users.get(id);
    boolean self = Caller.current().id().equals(user.id());
    model.addAttribute("user", user);
    model.addAttribute("roles", roles.rolesOf(user.id()).stream().map(DirectoryRole::displayName).sorted().toList());
    model.addAttribute("groups", users.member(user).groupIds().stream().map(groups::get).toList());
    boolean mayReadMethods = rights.allows(AdminAction.READ_METHODS, user.id());
    model.addAttribute("mayReadMethods", mayReadMethods);
    model.addAttribute("pass", mayReadMethods ? passes.find(user).orElse(null) : null);
    model.addAttribute("passkeys", mayReadMethods ? passkeys.passkeysOf(user) : List.of());
    model.addAttribute("mayManageMethods", !self && rights.allows(AdminAction.MANAGE_METHODS, user.id()));
    model.addAttribute("mayEdit", rights.allows(AdminAction.MANAGE_USERS, user.id()));
    boolean mayManageGroups = rights.allows(AdminAction.MANAGE_GROUPS, null);
    model.addAttribute("mayManageGroups", mayManageGroups);
    model.addAttribute("allGroups", mayManageGroups ? groups.find(List.of(), null, 200) : List.<Group>of());
    boolean mayReadLog = rights.allows(AdminAction.READ_AUDIT, null);
    model.addAttribute("mayReadLog", mayReadLog);
    model.addAttribute("signIns", mayReadLog ? signIns.find(List.of(new FilterClause("userId",
        FilterClause.Operator.EQ, user.id())), null, RECENT_SIGN_INS) : List.of());
    return "admin/user";
  }

  @GetMapping("/users/new")
  String newUser(Model model) {
    model.addAttribute("form", new UserForm("", "", true));
    return "admin/user-form";
  }

  @PostMapping("/users")
  String create(UserForm form, Model model) {
    try {
      User user = users.create(new UserService.NewUser(form.userPrincipalName(), form.displayName(), null, User.MEMBER,
          form.enabled(), null));
      return "redirect:/admin/users/" + user.id() + "?created";
    } catch (GraphException e) {
      return againWithTheReason(e, form, model);
    }
  }

  @GetMapping("/users/{id}/edit")
  String edit(@PathVariable String id, Model model) {
    User user = users.get(id);
    model.addAttribute("user", user);
    model.addAttribute("form", new UserForm(user.userPrincipalName(), user.displayName(), user.accountEnabled()));
    return "admin/user-form";
  }

  @PostMapping("/users/{id}/edit")
  String update(@PathVariable String id, UserForm form, Model model) {
    try {
      users.update(id, new UserService.UserChanges(form.userPrincipalName(), form.displayName(), null, null,
          form.enabled(), null));
      return "redirect:/admin/users/" + users.get(id).id() + "?saved";
    } catch (GraphException e) {
      model.addAttribute("user", users.get(id));
      return againWithTheReason(e, form, model);
    }
  }

  @PostMapping("/users/{id}/groups")
  String addToGroup(@PathVariable String id, @RequestParam String groupId) {
    User user = users.get(id);
    groups.addMember(groupId, user.id());
    return "redirect:/admin/users/" + user.id() + "?grouped";
  }

  /** Shows the form again with what was wrong (a bad or taken username, say); a refusal is its own page. */
  private static String againWithTheReason(GraphException e, UserForm form, Model model) {
    if (e.status() == HttpStatus.FORBIDDEN || !e.status().is4xxClientError()) {
      throw e;
    }
    model.addAttribute("form", form);
    model.addAttribute("error", e.getMessage());
    return "admin/user-form";
  }

  /**
   * The fields of the create and edit forms.
   *
   * @param accountEnabled a checkbox: null when not ticked
   */
  record UserForm(String userPrincipalName, String displayName, Boolean accountEnabled) {

    public boolean enabled() {
      return Boolean.TRUE.equals(accountEnabled);
    }
  }
}

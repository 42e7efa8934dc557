package dev.latchkey.server.admin;

import dev.latchkey.server.audit.AuditEntry;
import dev.latchkey.server.audit.AuditLog;
import dev.latchkey.server.audit.SignInLog;
import dev.latchkey.server.audit.SignInRecord;
import dev.latchkey.server.graph.FilterClause;
import dev.latchkey.server.graph.FilterClause.Operator;
import dev.latchkey.server.graph.GraphException;
import dev.latchkey.server.graph.GraphTime;
import dev.latchkey.server.graph.Page;
import dev.latchkey.server.persistence.SqlWhere;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log and the sign-in log, newest first, filtered by time, user, activity and result. */
@Controller
@RequestMapping("/admin")
class LogPageController {

  private static final int PAGE_SIZE = 50;

  private final AuditLog audit;
  private final SignInLog signIns;

  LogPageController(AuditLog audit, SignInLog signIns) {
    this.audit = audit;
    this.signIns = signIns;
  }

  /**
   * The filters of both viewers; an empty one is not applied.
   *
   * @param from, to {@code datetime-local} values in UTC
   * @param user a userPrincipalName: who acted (audit) or who signed in
   * @param activity the activity (audit) or the authentication method (sign-ins)
   * @param result {@code success} or {@code failure}
   * @param after where the previous page ended
   */
  record LogFilter(String from, String to, String user, String activity, String result, String after) {}

  @GetMapping("/audit")
  String audit(LogFilter filter, Model model) {
    List<FilterClause> clauses = times("activityDateTime", filter);
    add(clauses, AuditLog.INITIATED_BY_UPN, filter.user());
    add(clauses, "activityDisplayName", filter.activity());
    add(clauses, AuditLog.RESULT, filter.result());
    Page<AuditEntry> page = Page.of(audit.find(clauses, blankToNull(filter.after()), PAGE_SIZE + 1), PAGE_SIZE,
        entry -> SqlWhere.position(entry.activityDateTime(), entry.id()));
    model.addAttribute("filter", filter);
    model.addAttribute("entries", page.items());
    model.addAttribute("next", page.nextPosition());
    return "admin/audit";
  }

  @GetMapping("/signins")
  String signIns(LogFilter filter, Model model) {
    List<FilterClause> clauses = times("createdDateTime", filter);
    add(clauses, "userPrincipalName", filter.user());
    add(clauses, SignInLog.METHOD, filter.activity());
    if (filter.result() != null && !filter.result().isBlank()) {
      add(clauses, SignInLog.SUCCEEDED, String.valueOf("success".equals(filter.result())));
    }
    Page<SignInRecord> page = Page.of(signIns.find(clauses, blankToNull(filter.after()), PAGE_SIZE + 1), PAGE_SIZE,
        entry -> SqlWhere.position(entry.createdAt(), entry.id()));
    model.addAttribute("filter", filter);
    model.addAttribute("entries", page.items());
    model.addAttribute("next", page.nextPosition());
    return "admin/signins";
  }

  private static List<FilterClause> times(String property, LogFilter filter) {
    List<FilterClause> clauses = new ArrayList<>();
    if (filter.from() != null && !filter.from().isBlank()) {
      clauses.add(new FilterClause(property, Operator.GE, time(filter.from())));
    }
    if (filter.to() != null && !filter.to().isBlank()) {
      clauses.add(new FilterClause(property, Operator.LE, time(filter.to())));
    }
    return clauses;
  }

  private static void add(List<FilterClause> clauses, String property, String value) {
    if (value != null && !value.isBlank()) {
      clauses.add(new FilterClause(property, Operator.EQ, value.strip()));
    }
  }

  private static String time(String value) {
    try {
      return GraphTime.format(LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw GraphException.badRequest("'" + value + "' is not a date and time such as 2026-12-01T08:00 (UTC).");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}

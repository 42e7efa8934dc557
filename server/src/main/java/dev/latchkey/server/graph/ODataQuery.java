package dev.latchkey.server.graph;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query options of a collection request: {@code $top}, {@code $filter}, {@code $select} and the
 * opaque {@code $skiptoken} of a {@code @odata.nextLink}. Options Latchkey doesn't support are refused
 * with 400 rather than silently ignored.
 *
 * @param top how many items a page holds, 1..999 (100 when not given)
 * @param filter the comparisons, all of which must hold; empty for none
 * @param select the properties to return; empty for all
 * @param skipToken where the previous page ended, decoded; null on the first page
 */
public record ODataQuery(int top, List<FilterClause> filter, Set<String> select, String skipToken) {

  public static final int DEFAULT_TOP = 100;
  public static final int MAX_TOP = 999;
  private static final Set<String> UNSUPPORTED = Set.of("$orderby", "$search", "$expand", "$skip", "$count",
      "$format");

  /** Reads the query options of {@code request}. */
  public static ODataQuery from(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    for (String name : params.keySet()) {
      if (UNSUPPORTED.contains(name)) {
        throw GraphException.badRequest(name + " is not supported here; use $filter, $select, $top and "
            + "@odata.nextLink.");
      }
    }
    return new ODataQuery(top(request.getParameter("$top")), filter(request.getParameter("$filter")),
        select(request.getParameter("$select")), decodeToken(request.getParameter("$skiptoken")));
  }

  /** Refuses filter properties outside {@code allowed}. */
  public ODataQuery allowFilterOn(Set<String> allowed) {
    for (FilterClause clause : filter) {
      if (!allowed.contains(clause.property())) {
        throw GraphException.badRequest("Invalid $filter: '" + clause.property() + "' can't be filtered on; "
            + "use one of " + allowed + ".");
      }
    }
    return this;
  }

  /** Refuses selected properties outside {@code allowed}. */
  public ODataQuery allowSelectOf(Set<String> allowed) {
    for (String property : select) {
      if (!allowed.contains(property)) {
        throw GraphException.badRequest("Invalid $select: '" + property + "' is not a property; use "
            + allowed + ".");
      }
    }
    return this;
  }

  /** The opaque form of a position, for {@code $skiptoken}. */
  public static String encodeToken(String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    if (token == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw GraphException.badRequest("Invalid $skiptoken: use the @odata.nextLink of the previous page as is.");
    }
  }

  private static int top(String value) {
    if (value == null) {
      return DEFAULT_TOP;
    }
    try {
      int top = Integer.parseInt(value.trim());
      if (top >= 1 && top <= MAX_TOP) {
        return top;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GraphException.badRequest("Invalid $top '" + value + "': it must be a whole number from 1 to " + MAX_TOP + ".");
  }

  private static List<FilterClause> filter(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.copyOf(new ArrayList<>(ODataFilterParser.parse(value)));
  }

  private static Set<String> select(String value) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    Set<String> properties = new LinkedHashSet<>();
    for (String property : value.split(",")) {
      if (!property.isBlank()) {
        properties.add(property.trim());
      }
    }
    return properties;
  }
}

package dev.latchkey.server.graph;

import dev.latchkey.server.config.LatchkeyProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Builds Graph response bodies: collections with {@code @odata.context} and {@code @odata.nextLink},
 * with links made from the configured base URL only.
 */
@Component
public class GraphResponses {

  private final LatchkeyProperties properties;

  public GraphResponses(LatchkeyProperties properties) {
    this.properties = properties;
  }

  /** {@code <base>/v1.0/$metadata#<fragment>}. */
  public String context(String fragment) {
    return properties.link("/v1.0/$metadata#" + fragment);
  }

  /** A collection without paging. */
  public Map<String, Object> collection(String contextFragment, List<Map<String, Object>> items) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", context(contextFragment));
    body.put("value", items);
    return body;
  }

  /** A page of a collection; a next link repeats the request's query with the new {@code $skiptoken}. */
  public Map<String, Object> page(String contextFragment, List<Map<String, Object>> items, String nextPosition,
      HttpServletRequest request) {
    Map<String, Object> body = collection(contextFragment, items);
    if (nextPosition != null) {
      body.put("@odata.nextLink", nextLink(request, nextPosition));
    }
    return body;
  }

  /** Keeps only the {@code select}ed properties of an entity (all when {@code select} is empty). */
  public static Map<String, Object> select(Map<String, Object> entity, Set<String> select) {
    if (select.isEmpty()) {
      return entity;
    }
    Map<String, Object> selected = new LinkedHashMap<>();
    for (String property : select) {
      selected.put(property, entity.get(property));
    }
    return selected;
  }

  private String nextLink(HttpServletRequest request, String nextPosition) {
    StringBuilder link = new StringBuilder(properties.link(request.getRequestURI()));
    char separator = '?';
    for (Map.Entry<String, String[]> param : request.getParameterMap().entrySet()) {
      if (param.getKey().equals("$skiptoken")) {
        continue;
      }
      for (String value : param.getValue()) {
        link.append(separator).append(encode(param.getKey())).append('=').append(encode(value));
        separator = '&';
      }
    }
    link.append(separator).append("$skiptoken=").append(ODataQuery.encodeToken(nextPosition));
    return link.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
  }
}

package dev.latchkey.server.passkey;

import dev.latchkey.server.graph.GraphTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A passkey as Graph's {@code fido2AuthenticationMethod}. */
public final class Fido2MethodJson {

  public static final String ODATA_TYPE = "#microsoft.graph.fido2AuthenticationMethod";

  private Fido2MethodJson() {}

  public static Map<String, Object> toGraph(Passkey passkey) {
    Map<String, Object> graph = new LinkedHashMap<>();
    graph.put("@odata.type", ODATA_TYPE);
    graph.put("id", passkey.id());
    graph.put("displayName", passkey.displayName());
    graph.put("createdDateTime", GraphTime.format(passkey.createdAt()));
    graph.put("aaGuid", passkey.aaGuid());
    graph.put("model", null);
    graph.put("attestationCertificates", List.of());
    graph.put("attestationLevel", passkey.attested() ? "attested" : "notAttested");
    return graph;
  }
}

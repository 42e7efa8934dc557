package dev.latchkey.server.security;

import dev.latchkey.core.hashing.KeyedHash;
import dev.latchkey.server.persistence.SqlTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API clients in the {@code api_clients} table. */
@Repository
class ApiClientRepository {

  private final JdbcClient jdbc;

  ApiClientRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ApiClient> find(String clientId) {
    return jdbc.sql("select * from api_clients where client_id = :id")
        .param("id", clientId)
        .query((rs, n) -> new ApiClient(rs.getString("client_id"), rs.getString("display_name"),
            new KeyedHash(rs.getString("secret_key_id"), rs.getBytes("secret_hash")),
            Arrays.stream(rs.getString("permissions").split(" ")).filter(p -> !p.isBlank()).toList(),
            SqlTime.read(rs, "created_at")))
        .optional();
  }

  boolean isEmpty() {
    return jdbc.sql("select count(*) from api_clients").query(Long.class).single() == 0;
  }

  void insert(ApiClient client) {
    jdbc.sql("""
            insert into api_clients (client_id, display_name, secret_key_id, secret_hash, permissions, created_at)
            values (:id, :name, :keyId, :hash, :permissions, :createdAt)""")
        .param("id", client.clientId())
        .param("name", client.displayName())
        .param("keyId", client.secretHash().keyId())
        .param("hash", client.secretHash().digest())
        .param("permissions", String.join(" ", client.permissions()))
        .param("createdAt", SqlTime.bind(client.createdAt()))
        .update();
  }

  void updateSecret(String clientId, KeyedHash secretHash) {
    jdbc.sql("update api_clients set secret_key_id = :keyId, secret_hash = :hash where client_id = :id")
        .param("keyId", secretHash.keyId())
        .param("hash", secretHash.digest())
        .param("id", clientId)
        .update();
  }

  void updatePermissions(String clientId, List<String> permissions) {
    jdbc.sql("update api_clients set permissions = :permissions where client_id = :id")
        .param("permissions", String.join(" ", permissions))
        .param("id", clientId)
        .update();
  }
}

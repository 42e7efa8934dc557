package dev.latchkey.server.oidc;

import dev.latchkey.core.hashing.KeyedHash;
import dev.latchkey.core.strength.AuthenticationStrength;
import dev.latchkey.server.persistence.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code applications} and {@code application_passwords} tables. */
@Repository
class ApplicationRepository {

  private static final String LIST_SEPARATOR = " ";

  private final JdbcClient jdbc;

  ApplicationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Application application) {
    jdbc.sql("""
            insert into applications (id, app_id, display_name, web_redirect_uris, public_redirect_uris,
              public_client, required_strength, delegated_permissions, created_at)
            values (:id, :appId, :displayName, :web, :public, :publicClient, :strength, :permissions, :createdAt)""")
        .param("id", application.id())
        .param("appId", application.appId())
        .param("createdAt", SqlTime.bind(application.createdAt()))
        .params(changeable(application))
        .update();
  }

  boolean update(Application application) {
    return jdbc.sql("""
            update applications set display_name = :displayName, web_redirect_uris = :web,
              public_redirect_uris = :public, public_client = :publicClient, required_strength = :strength,
              delegated_permissions = :permissions
            where id = :id""")
        .param("id", application.id())
        .params(changeable(application))
        .update() == 1;
  }

  private static java.util.Map<String, Object> changeable(Application application) {
    return java.util.Map.of(
        "displayName", application.displayName(),
        "web", String.join(LIST_SEPARATOR, application.webRedirectUris()),
        "public", String.join(LIST_SEPARATOR, application.publicRedirectUris()),
        "publicClient", application.publicClient(),
        "strength", application.requiredStrength().policyId(),
        "permissions", String.join(LIST_SEPARATOR, application.delegatedPermissions()));
  }

  Optional<Application> find(String id) {
    return jdbc.sql("select * from applications where id = :id").param("id", id).query(this::map).optional();
  }

  Optional<Application> findByAppId(String appId) {
    return jdbc.sql("select * from applications where app_id = :appId").param("appId", appId)
        .query(this::map).optional();
  }

  List<Application> list(String afterId, int limit) {
    String after = afterId == null ? "" : " where id > :after";
    var statement = jdbc.sql("select * from applications" + after + " order by id limit :limit").param("limit", limit);
    if (afterId != null) {
      statement = statement.param("after", afterId);
    }
    return statement.query(this::map).list();
  }

  boolean delete(String id) {
    return jdbc.sql("delete from applications where id = :id").param("id", id).update() == 1;
  }

  void insertPassword(ApplicationPassword password) {
    jdbc.sql("""
            insert into application_passwords (key_id, application_id, display_name, hint, secret_key_id,
              secret_hash, start_at, end_at)
            values (:keyId, :applicationId, :displayName, :hint, :secretKeyId, :secretHash, :startAt, :endAt)""")
        .param("keyId", password.keyId())
        .param("applicationId", password.applicationId())
        .param("displayName", password.displayName())
        .param("hint", password.hint())
        .param("secretKeyId", password.hash().keyId())
        .param("secretHash", password.hash().digest())
        .param("startAt", SqlTime.bind(password.startAt()))
        .param("endAt", SqlTime.bind(password.endAt()))
        .update();
  }

  List<ApplicationPassword> passwordsOf(String applicationId) {
    return jdbc.sql("select * from application_passwords where application_id = :id order by start_at, key_id")
        .param("id", applicationId).query(ApplicationRepository::mapPassword).list();
  }

  boolean deletePassword(String applicationId, String keyId) {
    return jdbc.sql("delete from application_passwords where application_id = :id and key_id = :keyId")
        .param("id", applicationId).param("keyId", keyId).update() == 1;
  }

  private Application map(ResultSet rs, int row) throws SQLException {
    return new Application(rs.getString("id"), rs.getString("app_id"), rs.getString("display_name"),
        split(rs.getString("web_redirect_uris")), split(rs.getString("public_redirect_uris")),
        rs.getBoolean("public_client"),
        AuthenticationStrength.find(rs.getString("required_strength")).orElseThrow(),
        split(rs.getString("delegated_permissions")), SqlTime.read(rs, "created_at"));
  }

  private static ApplicationPassword mapPassword(ResultSet rs, int row) throws SQLException {
    return new ApplicationPassword(rs.getString("key_id"), rs.getString("application_id"),
        rs.getString("display_name"), rs.getString("hint"),
        new KeyedHash(rs.getString("secret_key_id"), rs.getBytes("secret_hash")),
        SqlTime.read(rs, "start_at"), SqlTime.read(rs, "end_at"));
  }

  private static List<String> split(String joined) {
    return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(LIST_SEPARATOR));
  }
}

package dev.latchkey.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.latchkey.core.hashing.KeyedHasher;
import dev.latchkey.server.persistence.SqlTime;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token-signing keys, kept in the database so that every node signs with the same key and tokens
 * outlive restarts. Private keys are sealed with AES-GCM under a key derived from the server's hashing
 * key, so the database alone can't sign tokens; when the hashing key rotates, seals are renewed under the
 * new one at start-up. All keys verify and are published; only the newest signs. A key id this node
 * doesn't know (another node made it) triggers one reload.
 */
class SigningKeys implements JWKSource<SecurityContext> {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
  private static final String SEAL_LABEL = "latchkey/signing-key-seal/v1";
  private static final int GCM_NONCE_BYTES = 12;

  private final JdbcClient jdbc;
  private final KeyedHasher hasher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile JWKSet keys = new JWKSet();
  private volatile JWKSet publicKeys = new JWKSet();

  SigningKeys(JdbcClient jdbc, KeyedHasher hasher, Clock clock) {
    this.jdbc = jdbc;
    this.hasher = hasher;
    this.clock = clock;
  }

  /**
   * Starts signing with a new key once the newest is older than {@code age}; the old key stays published
   * for verification until {@link #retire} drops it. Two nodes rotating at once make two new keys, which is
   * harmless: the newest signs and both verify. Returns whether a key was made.
   */
  synchronized boolean rotateIfOlderThan(Duration age) {
    Instant newest = jdbc.sql("select max(created_at) as newest from signing_keys")
        .query((rs, n) -> SqlTime.read(rs, "newest")).single();
    if (newest != null && clock.instant().isBefore(newest.plus(age))) {
      return false;
    }
    create();
    reload();
    log.info("Started signing tokens with a new key; the previous one still verifies until its tokens expire");
    return true;
  }

  /**
   * Drops the keys that a newer key replaced before {@code replacedBefore}: every token they signed has
   * expired by then. The newest key is never dropped. Returns how many were dropped.
   */
  synchronized int retire(Instant replacedBefore) {
    int dropped = jdbc.sql("""
            delete from signing_keys
            where exists (select 1 from signing_keys newer
                          where newer.created_at > signing_keys.created_at and newer.created_at < :cutoff)""")
        .param("cutoff", SqlTime.bind(replacedBefore))
        .update();
    if (dropped > 0) {
      reload();
    }
    return dropped;
  }

  /** Loads the keys, renews stale seals, and creates a signing key when none can sign. */
  void initialize() {
    reseal();
    reload();
    if (signingKey() == null) {
      create();
      reload();
    }
  }

  /**
   * Every key's public part, for verification and the JWK Set endpoint. Public parts only, because Nimbus
   * turns each key it is handed into Java keys on every verification, and opening a private RSA key costs
   * more than checking the signature.
   */
  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    List<JWK> matches = selector.select(publicKeys);
    if (matches.isEmpty()) {
      reload();
      matches = selector.select(publicKeys);
    }
    return matches;
  }

  /** Whether tokens signed with this key id still verify: false once the key is retired. */
  boolean publishes(String kid) {
    return publicKeys.getKeyByKeyId(kid) != null;
  }

  /** Only the key that signs new tokens: the newest one whose private part this node can open. */
  JWKSource<SecurityContext> signingSource() {
    return (selector, context) -> {
      JWK key = signingKey();
      return key == null ? List.of() : selector.select(new JWKSet(key));
    };
  }

  private JWK signingKey() {
    return keys.getKeys().stream().filter(JWK::isPrivate).findFirst().orElse(null);
  }

  /** Reads the keys again, to sign with a key another node made and to forget retired ones. */
  synchronized void reload() {
    JWKSet loaded = new JWKSet(jdbc.sql(
            "select kid, public_jwk, sealed_private_key, seal_key_id from signing_keys order by created_at desc, kid")
        .query((rs, n) -> open(rs.getString("public_jwk"), rs.getBytes("sealed_private_key"),
            rs.getString("seal_key_id")))
        .list());
    keys = loaded;
    publicKeys = loaded.toPublicJWKSet();
  }

  private void reseal() {
    jdbc.sql("select kid, sealed_private_key, seal_key_id from signing_keys where seal_key_id <> :current")
        .param("current", hasher.currentKeyId())
        .query((rs, n) -> new Object[] {rs.getString("kid"), rs.getBytes("sealed_private_key"), rs.getString("seal_key_id")})
        .list()
        .forEach(row -> {
          try {
            byte[] plain = unseal((byte[]) row[1], (String) row[2]);
            jdbc.sql("update signing_keys set sealed_private_key = :sealed, seal_key_id = :current "
                    + "where kid = :kid and seal_key_id = :old")
                .param("sealed", seal(plain, hasher.currentKeyId()))
                .param("current", hasher.currentKeyId())
                .param("kid", row[0])
                .param("old", row[2])
                .update();
          } catch (GeneralSecurityException | IllegalArgumentException e) {
            log.warn("Token-signing key {} is sealed under hashing key '{}', which this node doesn't hold; it "
                + "still verifies tokens but can't sign", row[0], row[2]);
          }
        });
  }

  private void create() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      String kid = UUID.randomUUID().toString();
      RSAKey publicJwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build();
      String sealKeyId = hasher.currentKeyId();
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      jdbc.sql("""
              insert into signing_keys (kid, public_jwk, sealed_private_key, seal_key_id, created_at)
              values (:kid, :jwk, :sealed, :sealKeyId, :createdAt)""")
          .param("kid", kid)
          .param("jwk", publicJwk.toJSONString())
          .param("sealed", seal(pair.getPrivate().getEncoded(), sealKeyId))
          .param("sealKeyId", sealKeyId)
          .param("createdAt", SqlTime.bind(now))
          .update();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not create a token-signing key", e);
    }
  }

  /** The key with its private part when this node holds the sealing key, its public part otherwise. */
  private JWK open(String publicJwk, byte[] sealed, String sealKeyId) {
    try {
      RSAKey publicKey = RSAKey.parse(publicJwk);
      byte[] pkcs8;
      try {
        pkcs8 = unseal(sealed, sealKeyId);
      } catch (IllegalArgumentException unknownSealKey) {
        return publicKey;
      }
      RSAPrivateKey privateKey =
          (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return new RSAKey.Builder(publicKey.toRSAPublicKey()).privateKey(privateKey).keyID(publicKey.getKeyID()).build();
    } catch (ParseException | JOSEException | GeneralSecurityException e) {
      throw new IllegalStateException("The token-signing key sealed under hashing key '" + sealKeyId
          + "' can't be opened: is latchkey.hashing.keys." + sealKeyId + " the key it was sealed with?", e);
    }
  }

  private byte[] seal(byte[] plain, String sealKeyId) throws GeneralSecurityException {
    byte[] nonce = new byte[GCM_NONCE_BYTES];
    random.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, sealingKey(sealKeyId), new GCMParameterSpec(128, nonce));
    byte[] encrypted = cipher.doFinal(plain);
    return ByteBuffer.allocate(nonce.length + encrypted.length).put(nonce).put(encrypted).array();
  }

  private byte[] unseal(byte[] sealed, String sealKeyId) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, sealingKey(sealKeyId), new GCMParameterSpec(128, sealed, 0, GCM_NONCE_BYTES));
    return cipher.doFinal(sealed, GCM_NONCE_BYTES, sealed.length - GCM_NONCE_BYTES);
  }

  private SecretKeySpec sealingKey(String sealKeyId) {
    return new SecretKeySpec(hasher.hashUnder(sealKeyId, SEAL_LABEL).digest(), "AES");
  }
}

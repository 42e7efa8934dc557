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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token-signing keys, kept in the database so that every node signs with the same key and tokens
 * outlive restarts. Private keys are sealed with AES-GCM under a key derived from the server's hashing
 * key, so the database alone can't sign tokens. The newest key signs; all keys verify. A key id this node
 * doesn't know (another node made it) triggers one reload.
 */
class SigningKeys implements JWKSource<SecurityContext> {

  private static final String SEAL_LABEL = "latchkey/signing-key-seal/v1";
  private static final int GCM_NONCE_BYTES = 12;

  private final JdbcClient jdbc;
  private final KeyedHasher hasher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile JWKSet keys = new JWKSet();

  SigningKeys(JdbcClient jdbc, KeyedHasher hasher, Clock clock) {
    this.jdbc = jdbc;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** Loads the keys, creating the first one when there is none. */
  void initialize() {
    reload();
    if (keys.isEmpty()) {
      create();
      reload();
    }
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    List<JWK> matches = selector.select(keys);
    if (matches.isEmpty()) {
      reload();
      matches = selector.select(keys);
    }
    return matches;
  }

  private synchronized void reload() {
    List<JWK> loaded = new ArrayList<>(jdbc.sql(
            "select kid, public_jwk, sealed_private_key, seal_key_id from signing_keys order by created_at desc, kid")
        .query((rs, n) -> open(rs.getString("public_jwk"), rs.getBytes("sealed_private_key"),
            rs.getString("seal_key_id")))
        .list());
    keys = new JWKSet(loaded);
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
    } catch (DuplicateKeyException e) {
      // another node created one at the same moment; the reload picks it up
    }
  }

  private JWK open(String publicJwk, byte[] sealed, String sealKeyId) {
    try {
      RSAKey publicKey = RSAKey.parse(publicJwk);
      byte[] pkcs8 = unseal(sealed, sealKeyId);
      RSAPrivateKey privateKey =
          (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return new RSAKey.Builder(publicKey.toRSAPublicKey()).privateKey(privateKey).keyID(publicKey.getKeyID()).build();
    } catch (ParseException | JOSEException | GeneralSecurityException e) {
      throw new IllegalStateException("A token-signing key can't be opened: was the hashing key that sealed it ('"
          + sealKeyId + "') removed from latchkey.hashing.keys?", e);
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

package dev.latchkey.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
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
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * The token-signing keys, kept in the database so that every node signs with the same key and tokens
 * outlive restarts. Private keys are sealed with AES-GCM under a key derived from the server's hashing
 * key, so the database alone can't sign tokens; when the hashing key rotates, seals are renewed under the
 * new one at start-up. All keys verify and are published; only the newest of each type signs: an RSA key
 * always (RS256, for ID tokens and by default for access tokens), and a P-256 key when access tokens are
 * signed with ES256. Each type is rotated and retired on its own. A key id this node doesn't know (another
 * node made it) triggers one reload.
 */
class SigningKeys implements JWKSource<SecurityContext> {

  /** The algorithms keys can be made for. */
  static final Set<SignatureAlgorithm> SUPPORTED = Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256);

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
  private static final String SEAL_LABEL = "latchkey/signing-key-seal/v1";
  private static final int GCM_NONCE_BYTES = 12;

  private final JdbcClient jdbc;
  private final KeyedHasher hasher;
  private final Clock clock;
  private final Set<SignatureAlgorithm> algorithms;
  private final SecureRandom random = new SecureRandom();
  private volatile JWKSet keys = new JWKSet();
  private volatile JWKSet publicKeys = new JWKSet();
  /** Of each type in use, the newest key this node can sign with; chosen at each reload, not per token. */
  private volatile JWKSet signingKeys = new JWKSet();

  /** Keys that sign RS256, and also ES256 when {@code accessTokens} is ES256. */
  SigningKeys(JdbcClient jdbc, KeyedHasher hasher, Clock clock, SignatureAlgorithm accessTokens) {
    if (!SUPPORTED.contains(accessTokens)) {
      throw new IllegalArgumentException("latchkey.signing.access-token-algorithm is " + accessTokens
          + "; use RS256 (the default, what Entra ID signs with) or ES256.");
    }
    this.jdbc = jdbc;
    this.hasher = hasher;
    this.clock = clock;
    this.algorithms = new LinkedHashSet<>(List.of(SignatureAlgorithm.RS256, accessTokens));
  }

  /**
   * Starts signing with a new key once the newest is older than {@code age}; the old key stays published
   * for verification until {@link #retire} drops it. Two nodes rotating at once make two new keys, which is
   * harmless: the newest signs and both verify. Returns whether a key was made.
   */
  synchronized boolean rotateIfOlderThan(Duration age) {
    List<Stored> stored = stored();
    boolean made = false;
    for (SignatureAlgorithm algorithm : algorithms) {
      Instant newest = stored.stream().filter(key -> key.type().equals(keyType(algorithm))).map(Stored::createdAt)
          .max(Instant::compareTo).orElse(null);
      if (newest == null || !clock.instant().isBefore(newest.plus(age))) {
        create(algorithm);
        made = true;
        log.info("Started signing {} tokens with a new key; the previous one still verifies until its tokens expire",
            algorithm);
      }
    }
    if (made) {
      reload();
    }
    return made;
  }

  /**
   * Drops the keys that a newer key replaced before {@code replacedBefore}: every token they signed has
   * expired by then. The newest key is never dropped. Returns how many were dropped.
   */
  synchronized int retire(Instant replacedBefore) {
    List<Stored> stored = stored();
    int dropped = 0;
    for (Stored key : stored) {
      boolean replaced = stored.stream().anyMatch(newer -> newer.type().equals(key.type())
          && newer.createdAt().isAfter(key.createdAt()) && newer.createdAt().isBefore(replacedBefore));
      if (replaced) {
        dropped += jdbc.sql("delete from signing_keys where kid = :kid").param("kid", key.kid()).update();
      }
    }
    if (dropped > 0) {
      reload();
    }
    return dropped;
  }

  /** Each stored key's id, type and age, read again from the database: another node may have made one. */
  private List<Stored> stored() {
    return jdbc.sql("select kid, public_jwk, created_at from signing_keys")
        .query((rs, n) -> new Stored(rs.getString("kid"), parseType(rs.getString("public_jwk")),
            SqlTime.read(rs, "created_at")))
        .list();
  }

  private static KeyType parseType(String publicJwk) {
    try {
      return JWK.parse(publicJwk).getKeyType();
    } catch (ParseException e) {
      throw new IllegalStateException("A stored token-signing key is not a JWK", e);
    }
  }

  private static KeyType keyType(SignatureAlgorithm algorithm) {
    return algorithm == SignatureAlgorithm.ES256 ? KeyType.EC : KeyType.RSA;
  }

  private record Stored(String kid, KeyType type, Instant createdAt) {}

  /** Loads the keys, renews stale seals, and creates a signing key when none can sign. */
  void initialize() {
    reseal();
    reload();
    for (SignatureAlgorithm algorithm : algorithms) {
      if (signingKey(keyType(algorithm)) == null) {
        create(algorithm);
        reload();
      }
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

  /**
   * Only the keys that sign new tokens: of each type in use, the newest one whose private part this node
   * can open. The encoder picks the one of the token's algorithm.
   */
  JWKSource<SecurityContext> signingSource() {
    return (selector, context) -> selector.select(signingKeys);
  }

  private JWK signingKey(KeyType type) {
    return keys.getKeys().stream().filter(key -> key.isPrivate() && key.getKeyType().equals(type))
        .findFirst().orElse(null);
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
    List<JWK> signing = new ArrayList<>();
    for (SignatureAlgorithm algorithm : algorithms) {
      JWK key = signingKey(keyType(algorithm));
      if (key != null) {
        signing.add(key);
      }
    }
    signingKeys = new JWKSet(signing);
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

  private void create(SignatureAlgorithm algorithm) {
    try {
      String kid = UUID.randomUUID().toString();
      KeyPair pair;
      JWK publicJwk;
      if (algorithm == SignatureAlgorithm.ES256) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        pair = generator.generateKeyPair();
        publicJwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).keyID(kid).build();
      } else {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        publicJwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build();
      }
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
      JWK publicKey = JWK.parse(publicJwk);
      byte[] pkcs8;
      try {
        pkcs8 = unseal(sealed, sealKeyId);
      } catch (IllegalArgumentException unknownSealKey) {
        return publicKey;
      }
      if (publicKey instanceof ECKey ec) {
        ECPrivateKey privateKey =
            (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return new ECKey.Builder(ec).privateKey(privateKey).build();
      }
      RSAKey rsa = publicKey.toRSAKey();
      RSAPrivateKey privateKey =
          (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return new RSAKey.Builder(rsa.toRSAPublicKey()).privateKey(privateKey).keyID(rsa.getKeyID()).build();
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

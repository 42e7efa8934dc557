package dev.latchkey.bench.http;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks once per run, before the load, that an ID token's RS256 signature verifies against a key of the
 * server's JWKS, so the cheap checks of the timed part look at a token a relying party would accept. The
 * JDK's RSA does the work; the JSON of a JWKS document is read with patterns, enough for the RSA keys
 * Latchkey publishes.
 */
final class IdTokenSignature {

  private static final Pattern KID = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern MODULUS = Pattern.compile("\"n\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern EXPONENT = Pattern.compile("\"e\"\\s*:\\s*\"([^\"]+)\"");
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

  private IdTokenSignature() {}

  /**
   * Verifies {@code idToken} against the key named by its {@code kid} in {@code jwks} (the body of
   * {@code GET /oauth2/jwks}).
   *
   * @throws GeneralSecurityException naming what is wrong: another algorithm, an unknown key, a bad signature
   */
  static void verify(String jwks, String idToken) throws GeneralSecurityException {
    String[] parts = idToken.split("\\.");
    if (parts.length != 3) {
      throw new GeneralSecurityException("The ID token is not a signed JWT");
    }
    String header = new String(B64URL.decode(parts[0]), StandardCharsets.UTF_8);
    Matcher alg = ALG.matcher(header);
    Matcher kid = KID.matcher(header);
    if (!alg.find() || !alg.group(1).equals("RS256") || !kid.find()) {
      throw new GeneralSecurityException("The ID token's header is not RS256 with a kid: " + header);
    }
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(publicKey(jwks, kid.group(1)));
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!verifier.verify(B64URL.decode(parts[2]))) {
      throw new GeneralSecurityException("The ID token's signature does not verify against key " + kid.group(1));
    }
  }

  private static PublicKey publicKey(String jwks, String kid) throws GeneralSecurityException {
    for (String key : jwks.split("\\}")) {
      Matcher keyId = KID.matcher(key);
      if (keyId.find() && keyId.group(1).equals(kid)) {
        Matcher n = MODULUS.matcher(key);
        Matcher e = EXPONENT.matcher(key);
        if (!n.find() || !e.find()) {
          throw new GeneralSecurityException("Key " + kid + " in the JWKS is not an RSA key");
        }
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
            new BigInteger(1, B64URL.decode(n.group(1))), new BigInteger(1, B64URL.decode(e.group(1)))));
      }
    }
    throw new GeneralSecurityException("No key " + kid + " in the JWKS: " + jwks);
  }
}

package dev.latchkey.bench.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A passkey authenticator in software, just enough for Latchkey's relying party: one EC P-256 (ES256)
 * credential, a {@code none} attestation at registration, and assertions signed over
 * {@code authenticatorData || SHA-256(clientDataJSON)} (a DER signature, as WebAuthn wants). It claims
 * user presence and user verification, no backup (a device-bound key), AAGUID zero, and a sign counter of
 * 0 (an authenticator without a counter), so that concurrent sign-ins with one credential stay valid.
 * The CBOR is written by hand: a handful of bytes.
 */
final class SoftwareAuthenticator {

  private static final byte UP = 0x01;
  private static final byte UV = 0x04;
  private static final byte AT = 0x40;
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final byte[] rpIdHash;
  private final String origin;
  private final byte[] credentialId = new byte[32];
  private final KeyPair keys;
  private String userHandle;

  /**
   * @param rpId the relying party id (Latchkey's base URL host, e.g. {@code localhost})
   * @param origin the page origin the client data names, e.g. {@code http://localhost:8080}
   */
  SoftwareAuthenticator(String rpId, String origin, SecureRandom random) throws GeneralSecurityException {
    this.rpIdHash = sha256(rpId.getBytes(StandardCharsets.UTF_8));
    this.origin = origin;
    random.nextBytes(credentialId);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    this.keys = generator.generateKeyPair();
  }

  String credentialIdBase64Url() {
    return B64URL.encodeToString(credentialId);
  }

  /**
   * The {@code PublicKeyCredential} JSON (as passkeys.js posts it inside {@code publicKey.credential})
   * answering creation options with {@code challenge} (base64url) for the user entity {@code userId}
   * (base64url), which later assertions return as their user handle.
   */
  String register(String challenge, String userId) {
    this.userHandle = userId;
    String clientData = "{\"type\":\"webauthn.create\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
        + "\",\"crossOrigin\":false}";
    ByteArrayOutputStream authData = new ByteArrayOutputStream(200);
    authData.writeBytes(rpIdHash);
    authData.write(UP | UV | AT);
    authData.writeBytes(new byte[4]);
    authData.writeBytes(new byte[16]);
    authData.write(credentialId.length >> 8);
    authData.write(credentialId.length & 0xff);
    authData.writeBytes(credentialId);
    authData.writeBytes(coseKey((ECPublicKey) keys.getPublic()));

    ByteArrayOutputStream attestation = new ByteArrayOutputStream(300);
    attestation.write(0xa3);
    text(attestation, "fmt");
    text(attestation, "none");
    text(attestation, "attStmt");
    attestation.write(0xa0);
    text(attestation, "authData");
    bytes(attestation, authData.toByteArray());

    String id = credentialIdBase64Url();
    return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"response\":{\"attestationObject\":\""
        + B64URL.encodeToString(attestation.toByteArray()) + "\",\"clientDataJSON\":\""
        + B64URL.encodeToString(clientData.getBytes(StandardCharsets.UTF_8)) + "\",\"transports\":[\"internal\"]},"
        + "\"type\":\"public-key\",\"clientExtensionResults\":{\"credProps\":{\"rk\":true}},"
        + "\"authenticatorAttachment\":\"platform\"}";
  }

  /** The assertion JSON that passkeys.js posts to {@code /login/webauthn} for {@code challenge} (base64url). */
  String assertion(String challenge) throws GeneralSecurityException {
    byte[] clientData = ("{\"type\":\"webauthn.get\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
        + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    byte[] authData = Arrays.copyOf(rpIdHash, 37);
    authData[32] = UP | UV;
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(authData);
    signer.update(sha256(clientData));
    byte[] signature = signer.sign();
    String id = credentialIdBase64Url();
    return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"response\":{\"authenticatorData\":\""
        + B64URL.encodeToString(authData) + "\",\"clientDataJSON\":\"" + B64URL.encodeToString(clientData)
        + "\",\"signature\":\"" + B64URL.encodeToString(signature) + "\",\"userHandle\":\"" + userHandle + "\"},"
        + "\"credType\":\"public-key\",\"clientExtensionResults\":{},\"authenticatorAttachment\":\"platform\"}";
  }

  /** COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}. */
  private static byte[] coseKey(ECPublicKey key) {
    ByteArrayOutputStream cose = new ByteArrayOutputStream(80);
    cose.write(0xa5);
    cose.write(0x01);
    cose.write(0x02);
    cose.write(0x03);
    cose.write(0x26);
    cose.write(0x20);
    cose.write(0x01);
    cose.write(0x21);
    bytes(cose, unsigned32(key.getW().getAffineX().toByteArray()));
    cose.write(0x22);
    bytes(cose, unsigned32(key.getW().getAffineY().toByteArray()));
    return cose.toByteArray();
  }

  /** A coordinate as exactly 32 bytes, big-endian (BigInteger may add a sign byte or drop leading zeros). */
  private static byte[] unsigned32(byte[] value) {
    byte[] fixed = new byte[32];
    int copy = Math.min(32, value.length);
    System.arraycopy(value, value.length - copy, fixed, 32 - copy, copy);
    return fixed;
  }

  private static void text(ByteArrayOutputStream out, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    header(out, 3, utf8.length);
    out.writeBytes(utf8);
  }

  private static void bytes(ByteArrayOutputStream out, byte[] value) {
    header(out, 2, value.length);
    out.writeBytes(value);
  }

  /** A CBOR head: major type and length. */
  private static void header(ByteArrayOutputStream out, int majorType, int length) {
    int major = majorType << 5;
    if (length < 24) {
      out.write(major | length);
    } else if (length < 256) {
      out.write(major | 24);
      out.write(length);
    } else {
      out.write(major | 25);
      out.writeBytes(ByteBuffer.allocate(2).putShort((short) length).array());
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

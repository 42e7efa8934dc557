package dev.latchkey.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.AttestationCertificatePath;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attestation trust without a browser: a made-up key maker (a root and an attestation certificate made
 * with the JDK's keytool) signs packed attestations, so that what Chromium can't produce is shown too: a
 * forged statement signature, a metadata BLOB that vouches for one model only, a revoked model.
 */
class Webauthn4jAttestationTest {

  private static final ObjectConverter OBJECTS = new ObjectConverter();
  private static final String PASSWORD = "changeit";
  private static final String RP_ID = "latchkey.example.test";
  private static final AAGUID MODEL = new AAGUID(UUID.fromString("5b6e4f2a-7c1d-4e8f-9a0b-3c2d1e0f9a8b"));
  private static final byte[] CLIENT_DATA = ("{\"type\":\"webauthn.create\",\"challenge\":\"AAAAAAAAAAAAAAAAAAAAAA\","
      + "\"origin\":\"https://" + RP_ID + "\"}").getBytes(StandardCharsets.UTF_8);

  @TempDir
  static Path vendor;
  private static X509Certificate root;
  private static X509Certificate attestationCertificate;
  private static PrivateKey attestationKey;

  @TempDir
  Path anchors;

  /** The maker: a self-signed root, and a batch attestation certificate it issued (basic constraints CA false). */
  @BeforeAll
  static void makeAKeyMaker() throws Exception {
    Path store = vendor.resolve("vendor.p12");
    keytool("-genkeypair", "-alias", "root", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
        "-dname", "CN=Test Maker Root, O=Test Maker, C=US", "-ext", "BC:c=ca:true", "-keystore", store.toString());
    keytool("-genkeypair", "-alias", "batch", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
        "-dname", "CN=Test Maker Batch, OU=Authenticator Attestation, O=Test Maker, C=US", "-keystore", store.toString());
    keytool("-certreq", "-alias", "batch", "-file", vendor.resolve("batch.csr").toString(), "-keystore", store.toString());
    keytool("-gencert", "-alias", "root", "-infile", vendor.resolve("batch.csr").toString(), "-outfile",
        vendor.resolve("batch.crt").toString(), "-ext", "BC:c=ca:false", "-validity", "3650", "-rfc",
        "-keystore", store.toString());
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      keyStore.load(in, PASSWORD.toCharArray());
    }
    root = (X509Certificate) keyStore.getCertificate("root");
    attestationKey = (PrivateKey) keyStore.getKey("batch", PASSWORD.toCharArray());
    try (InputStream in = Files.newInputStream(vendor.resolve("batch.crt"))) {
      attestationCertificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  void trustWhenTheChainEndsAtAPemAnchorThenTrusted() throws Exception {
    writeRootTo(anchors.resolve("maker.pem"));

    assertThat(new Webauthn4jAttestation(anchors, null).trust(packed(MODEL, CLIENT_DATA), CLIENT_DATA, RP_ID, Instant.now()))
        .isEqualTo(Webauthn4jAttestation.Trust.TRUSTED);
  }

  @Test
  void trustWhenNoAnchorIsConfiguredOrNoneMatchesThenUntrusted() throws Exception {
    byte[] attestation = packed(MODEL, CLIENT_DATA);

    assertThat(new Webauthn4jAttestation(null, null).trust(attestation, CLIENT_DATA, RP_ID, Instant.now()))
        .isEqualTo(Webauthn4jAttestation.Trust.UNTRUSTED);
    assertThat(new Webauthn4jAttestation(anchors, null).trust(attestation, CLIENT_DATA, RP_ID, Instant.now()))
        .isEqualTo(Webauthn4jAttestation.Trust.UNTRUSTED);
  }

  @Test
  void trustWhenTheStatementSignsOtherClientDataThenUntrustedThoughItsChainIsTrusted() throws Exception {
    writeRootTo(anchors.resolve("maker.pem"));
    byte[] other = new String(CLIENT_DATA, StandardCharsets.UTF_8).replace("AAAAAAAA", "BBBBBBBB")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(new Webauthn4jAttestation(anchors, null).trust(packed(MODEL, other), CLIENT_DATA, RP_ID, Instant.now()))
        .as("a copied certificate with a signature over something else").isEqualTo(Webauthn4jAttestation.Trust.UNTRUSTED);
  }

  @Test
  void trustWhenTheFormatIsNoneThenNone() {
    byte[] none = new AttestationObjectConverter(OBJECTS).convertToBytes(
        new AttestationObject(authenticatorData(MODEL), new NoneAttestationStatement()));

    assertThat(new Webauthn4jAttestation(null, null).trust(none, CLIENT_DATA, RP_ID, Instant.now()))
        .isEqualTo(Webauthn4jAttestation.Trust.NONE);
  }

  @Test
  void trustWhenAMetadataBlobVouchesForTheModelThenTrustedAndForAnotherModelOrRevokedThenNot() throws Exception {
    Path certified = anchors.resolve("certified.jwt");
    Files.writeString(certified, blob(MODEL, "FIDO_CERTIFIED"));
    Path revoked = anchors.resolve("revoked.jwt");
    Files.writeString(revoked, blob(MODEL, "REVOKED"));
    AAGUID otherModel = new AAGUID(UUID.fromString("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"));

    assertThat(new Webauthn4jAttestation(null, certified).trust(packed(MODEL, CLIENT_DATA), CLIENT_DATA, RP_ID,
        Instant.now())).isEqualTo(Webauthn4jAttestation.Trust.TRUSTED);
    assertThat(new Webauthn4jAttestation(null, certified).trust(packed(otherModel, CLIENT_DATA), CLIENT_DATA, RP_ID,
        Instant.now())).isEqualTo(Webauthn4jAttestation.Trust.UNTRUSTED);
    assertThat(new Webauthn4jAttestation(null, revoked).trust(packed(MODEL, CLIENT_DATA), CLIENT_DATA, RP_ID,
        Instant.now())).isEqualTo(Webauthn4jAttestation.Trust.UNTRUSTED);
  }

  @Test
  void startWhenAConfiguredPathIsMissingThenRefusedWithThePropertyNamed() {
    assertThatThrownBy(() -> new Webauthn4jAttestation(anchors.resolve("missing"), null))
        .hasMessageContaining("latchkey.passkeys.trust-anchors");
    assertThatThrownBy(() -> new Webauthn4jAttestation(null, anchors.resolve("missing.jwt")))
        .hasMessageContaining("latchkey.passkeys.metadata-blob");
  }

  /** A packed attestation by the maker's batch certificate, whose signature covers {@code signedClientData}. */
  private static byte[] packed(AAGUID model, byte[] signedClientData) throws Exception {
    AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data = authenticatorData(model);
    byte[] dataBytes = new AuthenticatorDataConverter(OBJECTS).convert(data);
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(attestationKey);
    signature.update(dataBytes);
    signature.update(MessageDigest.getInstance("SHA-256").digest(signedClientData));
    PackedAttestationStatement statement = new PackedAttestationStatement(COSEAlgorithmIdentifier.ES256,
        signature.sign(), new AttestationCertificatePath(List.of(attestationCertificate)));
    return new AttestationObjectConverter(OBJECTS).convertToBytes(new AttestationObject(data, statement));
  }

  private static AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData(AAGUID model) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair credential = generator.generateKeyPair();
      byte[] rpIdHash = MessageDigest.getInstance("SHA-256").digest(RP_ID.getBytes(StandardCharsets.UTF_8));
      byte flags = (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT);
      return new AuthenticatorData<>(rpIdHash, flags, 0, new AttestedCredentialData(model, new byte[] {1, 2, 3, 4},
          EC2COSEKey.create((ECPublicKey) credential.getPublic(), COSEAlgorithmIdentifier.ES256)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeRootTo(Path file) throws Exception {
    Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(root.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
  }

  /**
   * An MDS3 BLOB (a JWT; a local file's signature is not checked, so it is zeros) with one entry: the maker's root
   * for {@code model}, with the status report {@code status}.
   */
  private static String blob(AAGUID model, String status) throws Exception {
    String statement = """
        {"legalHeader": "test", "aaguid": "%s", "description": "Test Maker key", "authenticatorVersion": 1,
         "protocolFamily": "fido2", "schema": 3, "upv": [{"major": 1, "minor": 0}],
         "authenticationAlgorithms": ["secp256r1_ecdsa_sha256_raw"], "publicKeyAlgAndEncodings": ["cose"],
         "attestationTypes": ["basic_full"],
         "userVerificationDetails": [[{"userVerificationMethod": "presence_internal"}]],
         "keyProtection": ["hardware"], "matcherProtection": ["on_chip"], "attachmentHint": ["external"],
         "tcDisplay": [], "attestationRootCertificates": ["%s"]}""".formatted(model,
        Base64.getEncoder().encodeToString(root.getEncoded()));
    String payload = """
        {"legalHeader": "test", "no": 1, "nextUpdate": "2099-01-01", "entries": [{"aaguid": "%s",
         "metadataStatement": %s, "statusReports": [{"status": "%s", "effectiveDate": "2024-01-01"}],
         "timeOfLastStatusChange": "2024-01-01"}]}""".formatted(model, statement, status);
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"x5c\":[\""
        + Base64.getEncoder().encodeToString(root.getEncoded()) + "\"]}";
    return url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
        + url.encodeToString(new byte[64]);
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("keytool %s: %s", arguments[0], output).isZero();
  }
}

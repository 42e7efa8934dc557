package dev.latchkey.server.passkey;

import com.webauthn4j.anchor.TrustAnchorRepository;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.AttestationType;
import com.webauthn4j.data.attestation.statement.CertificateBaseAttestationStatement;
import com.webauthn4j.metadata.LocalFileMetadataBLOBProvider;
import com.webauthn4j.metadata.anchor.AggregatingTrustAnchorRepository;
import com.webauthn4j.metadata.anchor.MetadataBLOBBasedTrustAnchorRepository;
import com.webauthn4j.server.CoreServerProperty;
import com.webauthn4j.verifier.CoreRegistrationObject;
import com.webauthn4j.verifier.attestation.statement.AttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.androidkey.AndroidKeyAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.androidsafetynet.AndroidSafetyNetAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.apple.AppleAnonymousAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.tpm.TPMAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.u2f.FIDOU2FAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.DefaultCertPathTrustworthinessVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything Latchkey asks of webauthn4j about attestation, and the only class that touches it directly:
 * reading the model (AAGUID) and format of a stored attestation object, and deciding at registration
 * whether the attestation statement is genuine and its certificate chain ends at one of the operator's
 * trust anchors.
 *
 * <p>Spring Security's relying party verifies registrations without checking attestation statements, so
 * the statement's signature is verified here before its chain is trusted; a copied vendor certificate
 * with a forged signature is untrusted.
 */
final class Webauthn4jAttestation {

  private static final ObjectConverter OBJECTS = new ObjectConverter();
  private static final AttestationObjectConverter CONVERTER = new AttestationObjectConverter(OBJECTS);
  private static final CollectedClientDataConverter CLIENT_DATA = new CollectedClientDataConverter(OBJECTS);
  private static final List<AttestationStatementVerifier> STATEMENT_VERIFIERS = List.of(
      new NoneAttestationStatementVerifier(), new PackedAttestationStatementVerifier(),
      new FIDOU2FAttestationStatementVerifier(), new AndroidKeyAttestationStatementVerifier(),
      new AndroidSafetyNetAttestationStatementVerifier(), new TPMAttestationStatementVerifier(),
      new AppleAnonymousAttestationStatementVerifier());
  private static final Set<String> PEM_SUFFIXES = Set.of(".pem", ".crt", ".cer");
  static final String NO_AAGUID = "00000000-0000-0000-0000-000000000000";

  /**
   * @param aaGuid the model's AAGUID, all zeros when the authenticator doesn't say
   * @param format the attestation statement format, {@code none} when there is no attestation
   */
  record Attestation(String aaGuid, String format) {}

  /** What an attestation proves, as far as the operator's trust anchors go. */
  enum Trust {
    /** A genuine statement whose certificate chain ends at a trust anchor. */
    TRUSTED,
    /** No attestation at all (format {@code none}). */
    NONE,
    /** Self attestation, a chain to no configured anchor, or a statement that doesn't verify. */
    UNTRUSTED
  }

  private final Path trustAnchors;
  private final TrustAnchorRepository metadata;

  /**
   * @param trustAnchors a PEM file or a directory of PEM files, re-read at every registration so that an
   *     operator can change it without a restart; null for none
   * @param metadataBlob an MDS3 BLOB file; null for none
   * @throws IllegalStateException when a configured path doesn't exist or the BLOB can't be read
   */
  Webauthn4jAttestation(Path trustAnchors, Path metadataBlob) {
    if (trustAnchors != null && !Files.exists(trustAnchors)) {
      throw new IllegalStateException("latchkey.passkeys.trust-anchors is " + trustAnchors
          + ", which doesn't exist: give a PEM file of root certificates or a directory of them.");
    }
    this.trustAnchors = trustAnchors;
    this.metadata = metadataBlob == null ? null : metadataRepository(metadataBlob);
  }

  private static TrustAnchorRepository metadataRepository(Path blob) {
    if (!Files.isRegularFile(blob)) {
      throw new IllegalStateException("latchkey.passkeys.metadata-blob is " + blob
          + ", which is not a file: give the FIDO Metadata Service BLOB (blob.jwt) you downloaded.");
    }
    LocalFileMetadataBLOBProvider provider = new LocalFileMetadataBLOBProvider(OBJECTS, blob);
    try {
      provider.provide();
    } catch (RuntimeException unreadable) {
      throw new IllegalStateException("latchkey.passkeys.metadata-blob " + blob + " is not a readable FIDO metadata "
          + "BLOB: " + unreadable.getMessage(), unreadable);
    }
    return new MetadataBLOBBasedTrustAnchorRepository(provider);
  }

  /** The attestation of {@code attestationObject}; null or unreadable input reads as none. */
  static Attestation read(byte[] attestationObject) {
    if (attestationObject == null || attestationObject.length == 0) {
      return new Attestation(NO_AAGUID, "none");
    }
    try {
      AttestationObject object = CONVERTER.convert(attestationObject);
      AttestedCredentialData data = object.getAuthenticatorData().getAttestedCredentialData();
      String aaGuid = data == null || data.getAaguid() == null ? NO_AAGUID : data.getAaguid().toString();
      return new Attestation(aaGuid, object.getFormat());
    } catch (RuntimeException unreadable) {
      return new Attestation(NO_AAGUID, "none");
    }
  }

  /**
   * Whether a new credential's attestation is genuine and chains to a trust anchor at {@code now}.
   *
   * @param attestationObject the attestation object the authenticator returned; null reads as none
   * @param clientDataJson the client data of the same registration, whose hash the statement signs
   */
  Trust trust(byte[] attestationObject, byte[] clientDataJson, String rpId, Instant now) {
    if (attestationObject == null || attestationObject.length == 0 || "none".equals(read(attestationObject).format())) {
      return Trust.NONE;
    }
    if (clientDataJson == null) {
      return Trust.UNTRUSTED;
    }
    try {
      AttestationObject object = CONVERTER.convert(attestationObject);
      CoreRegistrationObject registration = new CoreRegistrationObject(object, attestationObject,
          sha256(clientDataJson), new CoreServerProperty(rpId, CLIENT_DATA.convert(clientDataJson).getChallenge()), now);
      AttestationType type = STATEMENT_VERIFIERS.stream().filter(verifier -> verifier.supports(registration))
          .findFirst().orElseThrow().verify(registration);
      if (type == AttestationType.NONE || type == AttestationType.SELF
          || !(object.getAttestationStatement() instanceof CertificateBaseAttestationStatement statement)) {
        return Trust.UNTRUSTED;
      }
      AttestedCredentialData data = object.getAuthenticatorData().getAttestedCredentialData();
      new DefaultCertPathTrustworthinessVerifier(anchors()).verify(data == null ? AAGUID.ZERO : data.getAaguid(),
          statement, now);
      return Trust.TRUSTED;
    } catch (RuntimeException untrusted) {
      return Trust.UNTRUSTED;
    }
  }

  /** The operator's roots, read now, for any model; and the metadata BLOB's roots for each model. */
  private TrustAnchorRepository anchors() {
    Set<TrustAnchor> roots = trustAnchors == null ? Set.of() : readRoots(trustAnchors);
    TrustAnchorRepository pem = new TrustAnchorRepository() {
      @Override
      public Set<TrustAnchor> find(AAGUID aaguid) {
        return roots;
      }

      @Override
      public Set<TrustAnchor> find(byte[] attestationCertificateKeyIdentifier) {
        return roots;
      }
    };
    return metadata == null ? pem : new AggregatingTrustAnchorRepository(pem, metadata);
  }

  private static Set<TrustAnchor> readRoots(Path location) {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> listing = Files.list(location)) {
        listing.filter(Webauthn4jAttestation::isPemFile).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("Can't list the trust anchors in " + location, e);
      }
    } else {
      files.add(location);
    }
    return files.stream().flatMap(Webauthn4jAttestation::certificates)
        .map(certificate -> new TrustAnchor(certificate, null)).collect(Collectors.toUnmodifiableSet());
  }

  private static boolean isPemFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file) && PEM_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  private static Stream<X509Certificate> certificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(X509Certificate.class::cast).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("Can't read the trust anchors in " + file, e);
    } catch (CertificateException e) {
      throw new IllegalStateException("The trust anchor file " + file + " holds no readable PEM certificate: "
          + e.getMessage(), e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

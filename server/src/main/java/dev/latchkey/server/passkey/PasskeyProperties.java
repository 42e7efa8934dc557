package dev.latchkey.server.passkey;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Passkey settings ({@code latchkey.passkeys.*}); README.md documents each one. Both are read from disk
 * only: nothing is downloaded at run time.
 *
 * @param trustAnchors a PEM file of root certificates, or a directory of such files ({@code .pem},
 *     {@code .crt}, {@code .cer}); null for none. An attestation chain ending at one of them is trusted.
 * @param metadataBlob a FIDO Metadata Service (MDS3) BLOB file as downloaded from the FIDO Alliance; null
 *     for none. Its entries' attestation roots are trusted for their own AAGUID only.
 */
@ConfigurationProperties("latchkey.passkeys")
record PasskeyProperties(Path trustAnchors, Path metadataBlob) {}

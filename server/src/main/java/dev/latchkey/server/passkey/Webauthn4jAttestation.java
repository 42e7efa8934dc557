package dev.latchkey.server.passkey;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;

/**
 * Reads what Latchkey needs from a stored attestation object (the authenticator model's AAGUID and the
 * attestation format), through webauthn4j: the only class that touches it directly.
 */
final class Webauthn4jAttestation {

  private static final AttestationObjectConverter CONVERTER = new AttestationObjectConverter(new ObjectConverter());
  static final String NO_AAGUID = "00000000-0000-0000-0000-000000000000";

  /**
   * @param aaGuid the model's AAGUID, all zeros when the authenticator doesn't say
   * @param format the attestation statement format, {@code none} when there is no attestation
   */
  record Attestation(String aaGuid, String format) {

    boolean attested() {
      return !"none".equals(format);
    }
  }

  private Webauthn4jAttestation() {}

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
}

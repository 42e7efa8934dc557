package dev.latchkey.server.audit;

import java.time.Instant;

/**
 * One sign-in attempt as the sign-in log keeps it.
 *
 * @param id the entry's id
 * @param createdAt when the attempt was decided
 * @param userId the user's id; null when the username matched nobody
 * @param userPrincipalName the username as typed (or the user's UPN)
 * @param userDisplayName null when unknown
 * @param authenticationMethod e.g. {@code Temporary Access Pass}, {@code Passkey}
 * @param succeeded whether a session was created
 * @param errorCode 0 on success, else the code of the failure
 * @param failureReason the true reason, e.g. {@code WrongPass}; null on success
 * @param ipAddress the client address
 * @param userAgent the browser's User-Agent, cut to 512 characters
 * @param correlationId the request id
 */
public record SignInRecord(String id, Instant createdAt, String userId, String userPrincipalName,
    String userDisplayName, String authenticationMethod, boolean succeeded, int errorCode, String failureReason,
    String ipAddress, String userAgent, String correlationId) {}

package dev.latchkey.server.directory;

import java.time.Instant;

/**
 * A group of users, which policies can target.
 *
 * @param id the object id (a GUID)
 * @param displayName the name shown to people
 * @param description may be null
 * @param mailNickname may be null
 * @param securityEnabled as in Graph; true by default
 * @param mailEnabled as in Graph; false by default
 * @param createdAt when the group was created
 */
public record Group(String id, String displayName, String description, String mailNickname,
    boolean securityEnabled, boolean mailEnabled, Instant createdAt) {}

package dev.latchkey.cli.onboard;

/**
 * One person to onboard, as read from the input CSV.
 *
 * @param line the line of the input file it came from
 * @param userPrincipalName as written, e.g. {@code alice@example.com}; may be empty in a bad row
 * @param displayName as written; may be empty in a bad row
 * @param mailNickname null when the file has none for this row
 * @param problem why the row can't be onboarded as it stands (a missing field, a duplicate), or null
 */
record InputRow(int line, String userPrincipalName, String displayName, String mailNickname, String problem) {}

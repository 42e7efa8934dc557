package dev.latchkey.bench.http;

import dev.latchkey.bench.http.HttpConnection.Response;
import java.io.IOException;

/** What the timed part of a run sends, and which status counts as a success. */
enum Scenario {

  /**
   * {@code POST …/authentication/temporaryAccessPassMethods}: one pass for each seeded user, each user once
   * (a second create for the same user answers 409 while the first pass is usable).
   */
  CREATE(201, false) {
    @Override
    Response send(LatchkeyApi api, HttpConnection connection, String user) throws IOException {
      return api.createPass(connection, user);
    }
  },

  /** {@code GET …/authentication/methods}, round-robin over seeded users who each hold a pass. */
  METHODS(200, true) {
    @Override
    Response send(LatchkeyApi api, HttpConnection connection, String user) throws IOException {
      return api.listMethods(connection, user);
    }
  };

  private final int successStatus;
  private final boolean reusesUsers;

  Scenario(int successStatus, boolean reusesUsers) {
    this.successStatus = successStatus;
    this.reusesUsers = reusesUsers;
  }

  abstract Response send(LatchkeyApi api, HttpConnection connection, String user) throws IOException;

  int successStatus() {
    return successStatus;
  }

  /** True when users are addressed round-robin, false when each user takes one request only. */
  boolean reusesUsers() {
    return reusesUsers;
  }
}

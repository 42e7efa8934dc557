package dev.latchkey.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * A load balancer for tests: one loopback port in front of several nodes, choosing the node for each HTTP
 * request by its path, so that one browser, at one origin, can have a ceremony start on one node and finish
 * on another. Each connection carries one request ({@code Connection: close}), which lets every request be
 * routed on its own; it records where each went.
 */
public final class RoutingProxy implements AutoCloseable {

  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket server;
  private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "routing-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final List<String> routed = new CopyOnWriteArrayList<>();
  private volatile ToIntFunction<String> route = path -> {
    throw new IllegalStateException("No route set");
  };

  private RoutingProxy(ServerSocket server) {
    this.server = server;
    workers.execute(this::acceptLoop);
  }

  /** Listens on a free loopback port. */
  public static RoutingProxy start() {
    try {
      ServerSocket socket = new ServerSocket();
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return new RoutingProxy(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** From now on, a request for a path (with its query) goes to the port {@code route} gives. */
  public void route(ToIntFunction<String> route) {
    this.route = route;
  }

  /** Every request so far as {@code "<port> <METHOD> <path>"}, in order of arrival. */
  public List<String> routed() {
    return List.copyOf(routed);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    workers.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        workers.execute(() -> relay(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void relay(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
      String[] requestLine = lines[0].split(" ");
      int port = route.applyAsInt(requestLine[1]);
      routed.add(port + " " + requestLine[0] + " " + requestLine[1]);
      StringBuilder rewritten = new StringBuilder(lines[0]).append("\r\n");
      long length = 0;
      for (int i = 1; i < lines.length; i++) {
        String lower = lines[i].toLowerCase(Locale.ROOT);
        if (lower.startsWith("connection:") || lower.startsWith("keep-alive:")) {
          continue;
        }
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lines[i].substring(lines[i].indexOf(':') + 1).trim());
        }
        rewritten.append(lines[i]).append("\r\n");
      }
      rewritten.append("Connection: close\r\n\r\n");
      try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), port)) {
        OutputStream toBackend = backend.getOutputStream();
        toBackend.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
        copy(in, toBackend, length);
        toBackend.flush();
        backend.getInputStream().transferTo(client.getOutputStream());
      }
    } catch (IOException e) {
      // the browser or the node went away; the browser sees a failed request
    }
  }

  /** The request line and headers up to the blank line, or null if the connection closed first. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int next = in.read();
      if (next < 0) {
        return null;
      }
      head.write(next);
      matched = (next == '\r' && (matched == 0 || matched == 2)) || (next == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (next == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD) {
        throw new IOException("Request head too large");
      }
    }
    byte[] bytes = head.toByteArray();
    return java.util.Arrays.copyOf(bytes, bytes.length - 4);
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[8192];
    long left = length;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        throw new IOException("Body ended early");
      }
      out.write(buffer, 0, read);
      left -= read;
    }
  }
}

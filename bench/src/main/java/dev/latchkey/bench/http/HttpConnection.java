package dev.latchkey.bench.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection over a blocking socket, used by one thread at a time. A load
 * generator that shares the server's two cores has to be cheap per request, and one socket per worker
 * keeps the number of connections exactly the {@code --concurrency} asked for. It reconnects when the
 * server closes the connection (Tomcat does after 100 requests by default).
 */
final class HttpConnection implements Closeable {

  /**
   * A response: its status, its whole body, its {@code Location} header (null when absent) and the
   * {@code name=value} part of each {@code Set-Cookie} header (empty when none).
   */
  record Response(int status, byte[] body, String location, List<String> setCookies) {

    Response(int status, byte[] body) {
      this(status, body, null, List.of());
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static final int NO_LENGTH = -1;

  private final String host;
  private final int port;
  private final String hostHeader;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  HttpConnection(URI base, Duration timeout) {
    this(base, timeout, null);
  }

  /**
   * @param hostHeader what the {@code Host} header says (e.g. {@code localhost:8080} while connecting to
   *     127.0.0.1); null for the host and port connected to
   */
  HttpConnection(URI base, Duration timeout, String hostHeader) {
    this.host = base.getHost();
    this.port = base.getPort() == -1 ? 80 : base.getPort();
    this.hostHeader = hostHeader != null ? hostHeader : host + ":" + port;
    this.timeoutMillis = Math.toIntExact(timeout.toMillis());
  }

  /**
   * Sends one request and reads the whole response.
   *
   * @param headers extra header lines, each ending in CRLF; may be empty
   * @param body null for none
   */
  Response send(String method, String path, String headers, byte[] body) throws IOException {
    if (socket == null) {
      connect();
    }
    StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(hostHeader).append("\r\n").append(headers);
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try {
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return readResponse(method);
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(timeoutMillis);
    socket.connect(new InetSocketAddress(host, port), timeoutMillis);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = new BufferedOutputStream(socket.getOutputStream(), 4 * 1024);
  }

  private Response readResponse(String method) throws IOException {
    String statusLine = readLine();
    if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
      throw new IOException("Not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = NO_LENGTH;
    boolean chunked = false;
    boolean closeAfter = statusLine.startsWith("HTTP/1.0");
    String location = null;
    List<String> setCookies = List.of();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Integer.parseInt(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
        case "location" -> location = value;
        case "set-cookie" -> {
          if (setCookies.isEmpty()) {
            setCookies = new ArrayList<>(2);
          }
          int semicolon = value.indexOf(';');
          setCookies.add(semicolon < 0 ? value : value.substring(0, semicolon));
        }
        default -> { }
      }
    }
    byte[] body;
    if (method.equals("HEAD") || status == 204 || status == 304 || status < 200) {
      body = new byte[0];
    } else if (chunked) {
      body = readChunked();
    } else if (length != NO_LENGTH) {
      body = in.readNBytes(length);
      if (body.length != length) {
        throw new EOFException("Connection closed in the middle of a response body");
      }
    } else {
      body = in.readAllBytes();
      closeAfter = true;
    }
    if (closeAfter) {
      close();
    }
    return new Response(status, body, location, setCookies);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailers, ignored
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("Connection closed in the middle of a chunk");
      }
      body.writeBytes(chunk);
      readLine();
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int c = in.read();
      if (c == -1) {
        throw new EOFException("Connection closed by the server");
      }
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      line.append((char) c);
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // the connection is being dropped anyway
      }
      socket = null;
    }
  }
}

package org.wangge.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver for tests: the JDK's HTTP server on a free port of 127.0.0.1, recording every
 * request (path, headers, body, when) and answering each path as told: 200, 500, or slowly. It can
 * be stopped (connections refused) and started again on the same port. De-duplicates as a real
 * receiver should: by {@code X-Wangge-Delivery}, counting how often each id came.
 */
public final class WebhookReceiver {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request as received. */
  public record Received(String path, Map<String, String> headers, byte[] body, Instant at) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String deliveryId() {
      return header("X-Wangge-Delivery");
    }

    public String event() {
      return header("X-Wangge-Event");
    }

    public JsonNode json() {
      return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    public String caseNumber() {
      return json().path("case").path("number").asString();
    }
  }

  private final int port;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;
  private HttpServer server;

  public WebhookReceiver() {
    try (ServerSocket probe = new ServerSocket(0)) {
      this.port = probe.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    start();
  }

  public int port() {
    return port;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Starts (again) on the same port. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
      s.createContext("/", this::handle);
      s.setExecutor(Executors.newFixedThreadPool(8));
      s.start();
      server = s;
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the receiver on port " + port, e);
    }
  }

  /** Stops: connections are refused until {@link #start}. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Answers this path with this status from now on (200 unless told). */
  public void answer(String path, int status) {
    statusByPath.put(path, status);
  }

  /** Waits this long before answering any request. */
  public void delay(Duration d) {
    delay = d;
  }

  /** Requests being answered right now (received, answer not yet sent). */
  public int inFlight() {
    return inFlight.get();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The requests for this path about this case and event, in the order they came. */
  public List<Received> about(String path, String caseNumber, String event) {
    return received.stream()
        .filter(r -> r.path().equals(path) && event.equals(r.event()) && caseNumber.equals(r.caseNumber()))
        .toList();
  }

  /** How often each delivery id came (the receiver's de-duplication). */
  public Map<String, Long> countsById() {
    return received.stream()
        .collect(java.util.stream.Collectors.groupingBy(Received::deliveryId, java.util.stream.Collectors.counting()));
  }

  private void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
      String path = exchange.getRequestURI().getPath();
      received.add(new Received(path, Map.copyOf(headers), body, Instant.now()));
      Duration d = delay;
      if (!d.isZero()) {
        // A slow receiver: the answer is held back on the server's own thread.
        LockSupport.parkNanos(d.toNanos());
      }
      int status = statusByPath.getOrDefault(path, 200);
      exchange.sendResponseHeaders(status, -1);
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
    }
  }
}

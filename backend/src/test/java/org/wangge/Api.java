package org.wangge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wangge.security.UserAccounts;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP client of the running service as one demo user (README, "Demo users"), or anonymous.
 * Signed-in clients send a personal API token, issued once per server and user by the demo admin
 * over HTTP Basic, as a real API client would.
 */
public final class Api {

  public static final String DEMO_PASSWORD = UserAccounts.DEMO_PASSWORD;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private final int port;
  private final String username;

  private Api(int port, String username) {
    this.port = port;
    this.username = username;
  }

  public static Api as(int port, String username) {
    return new Api(port, username);
  }

  public static Api anonymous(int port) {
    return new Api(port, null);
  }

  public static String basic(String username, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A request to the path, with this client's credentials. */
  public HttpRequest.Builder request(String path) {
    var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (username != null) {
      builder.header("Authorization", "Bearer " + token());
    }
    return builder;
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> post(String path, String json) {
    return post(path, json, Map.of());
  }

  public HttpResponse<String> post(String path, String json, Map<String, String> headers) {
    var builder =
        request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(builder::header);
    return send(builder.build());
  }

  public HttpResponse<String> put(String path, String json) {
    return send(
        request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE().build());
  }

  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return HTTP.send(request, handler);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** This user's API token on this server, issued by the demo admin on first use. */
  public String token() {
    return TOKENS.computeIfAbsent(
        port + "/" + username,
        key -> {
          var response =
              send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/users/" + username + "/tokens"))
                      .header("Authorization", basic("admin", DEMO_PASSWORD))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"integration tests\"}"))
                      .build());
          if (response.statusCode() != 201) {
            throw new IllegalStateException("Could not issue a token for " + username + ": " + response.statusCode() + " " + response.body());
          }
          return JSON.readTree(response.body()).get("secret").asString();
        });
  }
}

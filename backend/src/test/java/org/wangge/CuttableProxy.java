package org.wangge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback whose "cable" a test can pull: {@link #cut()} drops every open connection
 * and refuses new ones (as a lost network does to a browser, or a stopped database server to the
 * app), {@link #restore()} accepts again; {@link #freeze()} keeps every connection open but passes
 * nothing on (as a database server stopped with SIGSTOP), {@link #thaw()} passes on what was held.
 * Used in front of the app to test how the map behaves offline and how it resumes, and in front of
 * PostgreSQL to test how the app behaves when the database is away ({@code OutagePostgisIT}).
 */
final class CuttableProxy implements AutoCloseable {

  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private final int port;
  private final Object gate = new Object();
  private volatile boolean frozen;

  CuttableProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = listen(0);
    this.port = server.getLocalPort();
  }

  int port() {
    return port;
  }

  private ServerSocket listen(int onPort) throws IOException {
    var socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    Thread.ofVirtual().start(() -> accept(socket));
    return socket;
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException e) {
        // closed by cut() or close()
      }
    }
  }

  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        awaitThaw();
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the other side or cut() closed it
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Passes nothing on (connections stay open, new ones are accepted) until {@link #thaw()}. */
  void freeze() {
    frozen = true;
  }

  /** Passes on again, starting with what was held. */
  void thaw() {
    synchronized (gate) {
      frozen = false;
      gate.notifyAll();
    }
  }

  private void awaitThaw() throws IOException {
    synchronized (gate) {
      while (frozen) {
        try {
          gate.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
  }

  /** Drops every connection and refuses new ones (connection refused) until {@link #restore()}. */
  void cut() {
    closeQuietly(server);
    open.forEach(CuttableProxy::closeQuietly);
    open.clear();
  }

  /** Accepts connections again, on the same port. */
  void restore() throws IOException {
    server = listen(port);
  }

  @Override
  public void close() {
    thaw();
    cut();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // nothing to do
    }
  }
}

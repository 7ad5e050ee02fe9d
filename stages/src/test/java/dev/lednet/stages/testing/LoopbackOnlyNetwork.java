package dev.lednet.stages.testing;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces the JVM's {@link ProxySelector} so that connections which consult it, every {@code
 * HttpURLConnection} (Google's HTTP transport: Beam's GCS client, credential and metadata-server
 * lookups) and every plain {@code java.net.Socket}, may reach loopback only. Any other destination
 * is recorded and refused at once with an {@link IllegalStateException}, which Google's clients do
 * not retry, instead of waiting on a network timeout. NIO channels (gRPC's Netty) bypass it.
 */
public final class LoopbackOnlyNetwork extends ProxySelector implements AutoCloseable {
  private final ProxySelector previous;
  private final List<URI> refused = new ArrayList<>();

  private LoopbackOnlyNetwork(ProxySelector previous) {
    this.previous = previous;
  }

  public static LoopbackOnlyNetwork install() {
    LoopbackOnlyNetwork guard = new LoopbackOnlyNetwork(ProxySelector.getDefault());
    ProxySelector.setDefault(guard);
    return guard;
  }

  /** Destinations refused since {@link #install()}, in order. */
  public synchronized List<URI> refused() {
    return List.copyOf(refused);
  }

  @Override
  public List<Proxy> select(URI uri) {
    if (isLoopback(uri.getHost())) {
      return List.of(Proxy.NO_PROXY);
    }
    synchronized (this) {
      refused.add(uri);
    }
    throw new IllegalStateException("Test tried to reach " + uri + "; only loopback is allowed");
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {}

  @Override
  public void close() {
    ProxySelector.setDefault(previous);
  }

  // Literal checks only: resolving a name to test it would itself be a DNS lookup.
  private static boolean isLoopback(String host) {
    return host != null
        && (host.startsWith("127.")
            || host.equals("localhost")
            || host.equals("::1")
            || host.equals("[::1]"));
  }
}

package dev.lednet.stages.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

// Asks the selector directly: a failing guard must not turn this test into a real connection.
class LoopbackOnlyNetworkTest {
  @Test
  void loopbackGoesDirectAndTheMetadataServerIsRefusedAndRecorded() {
    URI fakeGcs = URI.create("http://127.0.0.1:8080/storage/v1/b/test-bucket");
    URI metadataServer = URI.create("http://169.254.169.254/computeMetadata/v1/project");
    URI rawSocket = URI.create("socket://storage.googleapis.com:443");

    try (LoopbackOnlyNetwork network = LoopbackOnlyNetwork.install()) {
      assertEquals(List.of(Proxy.NO_PROXY), ProxySelector.getDefault().select(fakeGcs));
      assertThrows(
          IllegalStateException.class, () -> ProxySelector.getDefault().select(metadataServer));
      assertThrows(
          IllegalStateException.class, () -> ProxySelector.getDefault().select(rawSocket));

      assertEquals(List.of(metadataServer, rawSocket), network.refused());
    }
  }

  @Test
  void closingRestoresTheSelectorThatWasInstalledBefore() {
    ProxySelector before = ProxySelector.getDefault();

    LoopbackOnlyNetwork.install().close();

    assertSame(before, ProxySelector.getDefault());
  }
}

package dev.lednet.stages.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PngConcurrencyTest {

  @Test
  void threadsDecodingAndEncodingAtOnceGetTheSameResults() throws Exception {
    List<Raster> frames = BenchmarkFrames.all(320, 160);
    List<byte[]> pngs = frames.stream().map(Png::encode).toList();
    Raster interlaced = Png.decode(PngFixtures.bytes("interlaced-rgb.png"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 64; task++) {
        int i = task % frames.size();
        results.add(pool.submit(() ->
            Png.decode(Png.encode(frames.get(i))).equals(frames.get(i))
                && Png.decode(pngs.get(i)).equals(frames.get(i))
                && Png.decode(PngFixtures.bytes("interlaced-rgb.png")).equals(interlaced)));
      }
      for (Future<Boolean> result : results) {
        assertEquals(true, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

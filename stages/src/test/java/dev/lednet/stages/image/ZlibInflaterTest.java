package dev.lednet.stages.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class ZlibInflaterTest {

  private static final int[] STRATEGIES = {
    Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY
  };

  @Test
  void inflatesWhatZlibDeflatesAtEveryLevelAndStrategy() throws DataFormatException {
    SplittableRandom random = new SplittableRandom(1);
    for (int level = 0; level <= 9; level++) {
      for (int strategy : STRATEGIES) {
        for (int kind = 0; kind < 4; kind++) {
          byte[] data = data(kind, random.nextInt(1, 70_000), random);
          byte[] z = deflate(data, level, strategy, 0);

          assertArrayEquals(data, inflate(z, data.length), "level " + level + ", kind " + kind);
        }
      }
    }
  }

  @Test
  void inflatesStoredFixedAndDynamicBlocksBetweenSyncFlushes() throws DataFormatException {
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 200; i++) {
      byte[] data = data(i % 4, random.nextInt(1, 20_000), random);
      // Sync flushes end blocks early and add empty stored blocks; short pieces give fixed blocks.
      byte[] z = deflate(data, random.nextInt(10), STRATEGIES[i % 3], random.nextInt(1, 3000));

      assertArrayEquals(data, inflate(z, data.length), "case " + i);
    }
  }

  @Test
  void inflatesInPiecesWithOnlyTheLast32KiBKept() throws DataFormatException {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 40; i++) {
      byte[] data = data(i % 4, random.nextInt(1, 300_000), random);
      byte[] z = deflate(data, random.nextInt(1, 10), STRATEGIES[i % 3], 0);
      ZlibInflater inflater = new ZlibInflater(z, 0, z.length);
      byte[] window = new byte[32768 + 5000];
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int end = 0;
      while (out.size() < data.length) {
        int piece = Math.min(random.nextInt(1, 5000), data.length - out.size());
        if (end + piece > window.length) {
          System.arraycopy(window, end - 32768, window, 0, 32768);
          end = 32768;
        }
        assertEquals(end + piece, inflater.inflate(window, end, end + piece));
        out.write(window, end, piece);
        end += piece;
      }

      assertArrayEquals(data, out.toByteArray(), "case " + i);
    }
  }

  @Test
  void stopsWhenTheOutputIsFullAndReportsAShortStream() throws DataFormatException {
    byte[] data = data(2, 10_000, new SplittableRandom(4));
    byte[] z = deflate(data, 6, Deflater.DEFAULT_STRATEGY, 0);

    byte[] half = new byte[5000];
    assertEquals(5000, ZlibInflater.inflate(z, 0, z.length, half));
    assertArrayEquals(Arrays.copyOf(data, 5000), half);
    assertEquals(10_000, ZlibInflater.inflate(z, 0, z.length, new byte[20_000]));
  }

  @Test
  void headerErrorsUseZlibsWords() {
    byte[] z = deflate(new byte[100], 6, Deflater.DEFAULT_STRATEGY, 0);

    assertEquals("incorrect header check", error(withBytes(z, 0x78, 0x9d)));
    assertEquals("unknown compression method", error(withBytes(z, 0x00, 0x00)));
    assertEquals("invalid window size", error(withBytes(z, 0x88, 0x98)));
    assertEquals("needs a preset dictionary", error(withBytes(z, 0x78, 0xbb)));
  }

  @Test
  void corruptBlocksUseZlibsWords() {
    // 0x78 0x9c, then BFINAL=1 and BTYPE=3.
    assertEquals("invalid block type", error(new byte[] {0x78, (byte) 0x9c, 0x07, 0, 0, 0, 0}));
    // A stored block whose NLEN is not the complement of LEN.
    assertEquals(
        "invalid stored block lengths", error(new byte[] {0x78, (byte) 0x9c, 0x01, 5, 0, 5, 0, 1, 2}));
    // A fixed block starting with a match (length 3, distance 1) before any output.
    assertEquals(
        "invalid distance too far back", error(new byte[] {0x78, (byte) 0x9c, 0x03, 0x02, 0, 0, 0}));
  }

  @Test
  void inputEndingInsideTheStreamIsIncomplete() {
    byte[] data = data(0, 5000, new SplittableRandom(5));
    byte[] z = deflate(data, 6, Deflater.DEFAULT_STRATEGY, 0);

    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> ZlibInflater.inflate(z, 0, z.length / 2, new byte[data.length]));
    assertTrue(e.getMessage().startsWith("incomplete zlib stream"), e.getMessage());
  }

  @Test
  void corruptedStreamsFailCleanlyOrGiveWhatZlibGives() {
    SplittableRandom random = new SplittableRandom(6);
    for (int i = 0; i < 2000; i++) {
      byte[] data = data(i % 4, random.nextInt(1, 3000), random);
      byte[] z = deflate(data, random.nextInt(10), STRATEGIES[i % 3], 0);
      for (int flips = random.nextInt(1, 4); flips > 0; flips--) {
        z[random.nextInt(2, z.length)] ^= (byte) (1 << random.nextInt(8));
      }
      byte[] ours = new byte[data.length];
      int n;
      try {
        n = ZlibInflater.inflate(z, 0, z.length, ours);
      } catch (DataFormatException e) {
        continue;
      }
      byte[] theirs = zlibInflate(z, data.length);
      // zlib may fail on the byte it was inflating (say at the Adler-32 after it), and keeps none.
      int compared = Math.min(n, theirs.length);
      assertTrue(compared >= n - 1, "case " + i + ": zlib gave " + theirs.length + " bytes, we " + n);
      assertArrayEquals(Arrays.copyOf(theirs, compared), Arrays.copyOf(ours, compared), "case " + i);
    }
  }

  private static String error(byte[] z) {
    return assertThrows(DataFormatException.class, () -> ZlibInflater.inflate(z, 0, z.length, new byte[100]))
        .getMessage();
  }

  private static byte[] withBytes(byte[] z, int first, int second) {
    byte[] changed = z.clone();
    changed[0] = (byte) first;
    changed[1] = (byte) second;
    return changed;
  }

  private static byte[] inflate(byte[] z, int length) throws DataFormatException {
    byte[] out = new byte[length];
    assertEquals(length, ZlibInflater.inflate(z, 0, z.length, out));
    return out;
  }

  /** What java.util.zip.Inflater gives before the stream ends, fails or fills {@code length}. */
  private static byte[] zlibInflate(byte[] z, int length) {
    Inflater inflater = new Inflater();
    byte[] out = new byte[length];
    int filled = 0;
    try {
      inflater.setInput(z);
      // A byte at a time: a call that fails reports none of the bytes it inflated.
      while (filled < length && !inflater.finished() && !inflater.needsInput()) {
        filled += inflater.inflate(out, filled, 1);
      }
    } catch (DataFormatException e) {
      // Keep what came before the error.
    } finally {
      inflater.end();
    }
    return Arrays.copyOf(out, filled);
  }

  /** Random bytes, few symbols, repeats from far back, or long runs. */
  private static byte[] data(int kind, int length, SplittableRandom random) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] =
          switch (kind) {
            case 0 -> (byte) random.nextInt(256);
            case 1 -> (byte) random.nextInt(4);
            case 2 -> i > 10 && random.nextInt(20) != 0
                ? data[i - 1 - random.nextInt(Math.min(i, 32768))]
                : (byte) random.nextInt(256);
            default -> random.nextInt(100) == 0 || i == 0 ? (byte) random.nextInt(256) : data[i - 1];
          };
    }
    return data;
  }

  /** zlib's output, with a sync flush every {@code flushEvery} input bytes (0: none). */
  private static byte[] deflate(byte[] data, int level, int strategy, int flushEvery) {
    Deflater deflater = new Deflater(level);
    deflater.setStrategy(strategy);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    int step = flushEvery > 0 ? flushEvery : data.length;
    for (int at = 0; at < data.length; at += step) {
      deflater.setInput(data, at, Math.min(step, data.length - at));
      int flush = flushEvery > 0 ? Deflater.SYNC_FLUSH : Deflater.NO_FLUSH;
      int n;
      do {
        n = deflater.deflate(buffer, 0, buffer.length, flush);
        out.write(buffer, 0, n);
      } while (n == buffer.length || !deflater.needsInput());
    }
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }
}

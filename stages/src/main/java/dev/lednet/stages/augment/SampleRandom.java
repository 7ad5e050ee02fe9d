package dev.lednet.stages.augment;

import com.google.common.hash.Hasher;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * The random choices of one augmented sample, each a pure function of (seed, frame id, copy index,
 * the choice's name): a 128-bit MurmurHash3 (Guava's, whose output is fixed by its contract) of
 * those values. Nothing depends on the JVM, the runner, the thread or the order samples are made
 * in, and each choice has its own stream, so turning one option on never changes another's draws.
 */
public final class SampleRandom {

  private static final HashFunction HASH = Hashing.murmur3_128(0x1ed7e7);
  private static final double UNIT = 0x1.0p-53;

  private final long seed;
  private final String frameId;
  private final int copy;

  private SampleRandom(long seed, String frameId, int copy) {
    this.seed = seed;
    this.frameId = frameId;
    this.copy = copy;
  }

  public static SampleRandom of(long seed, String frameId, int copy) {
    if (copy < 0) {
      throw new IllegalArgumentException("copy index must not be negative: " + copy);
    }
    return new SampleRandom(seed, frameId, copy);
  }

  /** 64 random bits for the choice {@code name}. */
  public long bits(String name) {
    Hasher hasher = HASH.newHasher();
    hasher.putLong(seed);
    putString(hasher, frameId);
    hasher.putInt(copy);
    putString(hasher, name);
    return hasher.hash().asLong();
  }

  /** Uniform in [0, 1), 53 bits. */
  public double uniform(String name) {
    return (bits(name) >>> 11) * UNIT;
  }

  /** Uniform in [low, high]; {@code low} when the range is empty. */
  public double uniform(String name, double low, double high) {
    return high <= low ? low : low + (high - low) * uniform(name);
  }

  /** Uniform over the integers low..high inclusive; {@code low} when {@code high <= low}. */
  public int integer(String name, int low, int high) {
    if (high <= low) {
      return low;
    }
    long span = (long) high - low + 1;
    return (int) (low + Long.remainderUnsigned(bits(name), span));
  }

  /** Length-prefixed, so ("ab", "c") and ("a", "bc") hash differently. */
  private static void putString(Hasher hasher, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    hasher.putInt(bytes.length);
    hasher.putBytes(bytes);
  }
}

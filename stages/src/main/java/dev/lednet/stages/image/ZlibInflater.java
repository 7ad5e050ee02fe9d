package dev.lednet.stages.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * A zlib (RFC 1950/1951) decoder for PNG image data, in Java, that inflates into the caller's
 * buffer piece by piece. The caller's buffer is the window, so a match is one {@code
 * System.arraycopy} or {@code Arrays.fill} instead of the byte loop of zlib's {@code inflate_fast}:
 * label maps, which deflate 150-300x into runs of 258-byte matches, inflate about 8x faster than
 * with {@link java.util.zip.Inflater} (docs/png-codec.md). Huffman codes are read through a
 * two-level table as in zlib; the checks and their messages are zlib's. The caller stops once it
 * has what it needs: the Adler-32 and anything after it are not read (the PNG chunk CRCs guard the
 * bytes). Not thread-safe.
 */
final class ZlibInflater {

  // A table entry: bits 0-3 code length, 4-7 extra bits (or subtable bits), 8-10 kind, 16-31 value.
  private static final int INVALID = 0;
  private static final int LITERAL = 1 << 8;
  private static final int LENGTH = 2 << 8;
  private static final int END_OF_BLOCK = 3 << 8;
  private static final int SUBTABLE = 4 << 8;
  private static final int DISTANCE = 5 << 8;
  private static final int KIND = 7 << 8;

  private static final int LITLEN_TABLE_BITS = 10;
  private static final int DISTANCE_TABLE_BITS = 8;
  private static final int CODE_LENGTH_TABLE_BITS = 7;

  private static final int[] LENGTH_BASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258
  };
  private static final int[] LENGTH_EXTRA = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
  };
  private static final int[] DISTANCE_BASE = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
    3073, 4097, 6145, 8193, 12289, 16385, 24577
  };
  private static final int[] DISTANCE_EXTRA = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
  };
  /** The order in which a dynamic block lists the code lengths of the code-length code. */
  private static final int[] CODE_LENGTH_ORDER = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
  };

  private static final VarHandle LITTLE_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int[] FIXED_LITLEN = fixedTable(true);
  private static final int[] FIXED_DISTANCE = fixedTable(false);

  private final byte[] in;
  private final int inEnd;
  private int pos;
  private long bits;
  private int bitCount;
  /** Zero bits made up past the end of the input; consuming any of them means it was cut short. */
  private int missingBits;

  private int[] litlen = new int[1 << LITLEN_TABLE_BITS];
  private int[] distance = new int[1 << DISTANCE_TABLE_BITS];

  // Where the stream is between calls to inflate.
  private boolean started;
  private boolean lastBlock;
  private int storedLeft = -1;
  private int[] blockLitlen;
  private int blockLitlenBits;
  private int[] blockDistance;
  private int blockDistanceBits;
  private int matchLeft;
  private int matchDistance;

  /** A decoder of the zlib stream {@code in[offset, offset + length)}. */
  ZlibInflater(byte[] in, int offset, int length) {
    this.in = in;
    this.pos = offset;
    this.inEnd = offset + length;
  }

  /**
   * Inflates the whole zlib stream {@code in[offset, offset + length)} into {@code out}, stopping
   * when {@code out} is full or the stream ends.
   *
   * @return the number of bytes written, less than {@code out.length} if the stream ended first
   * @throws DataFormatException with zlib's words for a corrupt stream, or "incomplete zlib stream"
   *     when the input ends inside it
   */
  static int inflate(byte[] in, int offset, int length, byte[] out) throws DataFormatException {
    return new ZlibInflater(in, offset, length).inflate(out, 0, out.length);
  }

  /**
   * Inflates the next bytes of the stream into {@code out[from, to)}. Matches reach back into
   * {@code out[0, from)}, which must hold the output that came before, at least its last 32 KiB
   * (all of it while there is less).
   *
   * @return where the output ends: {@code to}, or less if the stream ended first
   */
  int inflate(byte[] out, int from, int to) throws DataFormatException {
    if (!started) {
      readHeader();
      started = true;
    }
    int o = from;
    while (o < to) {
      if (matchLeft > 0) {
        int n = Math.min(matchLeft, to - o);
        copyMatch(out, o, matchDistance, n);
        o += n;
        matchLeft -= n;
      } else if (storedLeft >= 0) {
        o = stored(out, o, to);
      } else if (blockLitlen != null) {
        o = codes(blockLitlen, blockLitlenBits, blockDistance, blockDistanceBits, out, o, to);
      } else if (lastBlock) {
        break;
      } else {
        startBlock();
      }
      checkInput();
    }
    return o;
  }

  private void startBlock() throws DataFormatException {
    refill();
    lastBlock = (bits & 1) != 0;
    int type = (int) (bits >>> 1) & 3;
    consume(3);
    switch (type) {
      case 0 -> startStored();
      case 1 -> {
        blockLitlen = FIXED_LITLEN;
        blockLitlenBits = 9;
        blockDistance = FIXED_DISTANCE;
        blockDistanceBits = 5;
      }
      case 2 -> {
        readDynamicTables();
        blockLitlen = litlen;
        blockLitlenBits = LITLEN_TABLE_BITS;
        blockDistance = distance;
        blockDistanceBits = DISTANCE_TABLE_BITS;
      }
      default -> throw new DataFormatException("invalid block type");
    }
  }

  private void readHeader() throws DataFormatException {
    refill();
    int cmf = (int) bits & 0xff;
    int flg = (int) (bits >>> 8) & 0xff;
    checkInput(16);
    if ((cmf << 8 | flg) % 31 != 0) {
      throw new DataFormatException("incorrect header check");
    }
    if ((cmf & 0x0f) != 8) {
      throw new DataFormatException("unknown compression method");
    }
    if ((cmf >>> 4) > 7) {
      throw new DataFormatException("invalid window size");
    }
    if ((flg & 0x20) != 0) {
      throw new DataFormatException("needs a preset dictionary");
    }
    consume(16);
  }

  /** Tops the bit buffer up to at least 56 bits, with zero bits past the end of the input. */
  private void refill() {
    if (pos + 8 <= inEnd) {
      bits |= (long) LITTLE_ENDIAN_LONG.get(in, pos) << bitCount;
      pos += (63 - bitCount) >>> 3;
      bitCount |= 56;
      return;
    }
    while (bitCount <= 56) {
      if (pos < inEnd) {
        bits |= (long) (in[pos] & 0xff) << bitCount;
        pos++;
      } else {
        missingBits += 8;
      }
      bitCount += 8;
    }
  }

  private void consume(int n) {
    bits >>>= n;
    bitCount -= n;
  }

  private void checkInput() throws DataFormatException {
    checkInput(0);
  }

  /** Fails if more than {@code needed} bits beyond those consumed were made up. */
  private void checkInput(int needed) throws DataFormatException {
    if (bitCount - needed < missingBits) {
      throw new DataFormatException("incomplete zlib stream: the image data ends inside it");
    }
  }

  private void startStored() throws DataFormatException {
    consume(bitCount & 7);
    // The bit buffer now holds whole bytes: step back to the first of them and read directly.
    checkInput();
    pos -= (bitCount - missingBits) >>> 3;
    bits = 0;
    bitCount = 0;
    missingBits = 0;
    if (inEnd - pos < 4) {
      throw new DataFormatException("incomplete zlib stream: the image data ends inside it");
    }
    int len = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
    int nlen = (in[pos + 2] & 0xff) | (in[pos + 3] & 0xff) << 8;
    pos += 4;
    if (len != (~nlen & 0xffff)) {
      throw new DataFormatException("invalid stored block lengths");
    }
    storedLeft = len;
  }

  private int stored(byte[] out, int o, int to) throws DataFormatException {
    int n = Math.min(storedLeft, to - o);
    if (inEnd - pos < n) {
      throw new DataFormatException("incomplete zlib stream: the image data ends inside it");
    }
    System.arraycopy(in, pos, out, o, n);
    pos += n;
    storedLeft -= n;
    if (storedLeft == 0) {
      storedLeft = -1;
    }
    return o + n;
  }

  private void readDynamicTables() throws DataFormatException {
    refill();
    int nlen = (int) (bits & 31) + 257;
    int ndist = (int) (bits >>> 5 & 31) + 1;
    int ncode = (int) (bits >>> 10 & 15) + 4;
    consume(14);
    if (nlen > 286 || ndist > 30) {
      throw new DataFormatException("too many length or distance symbols");
    }
    int[] codeLengthLengths = new int[19];
    for (int i = 0; i < ncode; i++) {
      if (bitCount < 3) {
        refill();
      }
      codeLengthLengths[CODE_LENGTH_ORDER[i]] = (int) bits & 7;
      consume(3);
    }
    int[] codeLengthTable = new int[1 << CODE_LENGTH_TABLE_BITS];
    if (build(codeLengthLengths, 19, codeLengthTable, CODE_LENGTH_TABLE_BITS, Code.CODE_LENGTHS) == null) {
      throw new DataFormatException("invalid code lengths set");
    }
    int[] lengths = new int[nlen + ndist];
    int i = 0;
    while (i < lengths.length) {
      refill();
      checkInput();
      int entry = codeLengthTable[(int) bits & (1 << CODE_LENGTH_TABLE_BITS) - 1];
      if ((entry & KIND) == INVALID) {
        throw new DataFormatException("invalid code lengths set");
      }
      consume(entry & 15);
      int symbol = entry >>> 16;
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      }
      int repeat;
      int value = 0;
      if (symbol == 16) {
        if (i == 0) {
          throw new DataFormatException("invalid bit length repeat");
        }
        value = lengths[i - 1];
        repeat = 3 + (int) (bits & 3);
        consume(2);
      } else if (symbol == 17) {
        repeat = 3 + (int) (bits & 7);
        consume(3);
      } else {
        repeat = 11 + (int) (bits & 127);
        consume(7);
      }
      if (i + repeat > lengths.length) {
        throw new DataFormatException("invalid bit length repeat");
      }
      Arrays.fill(lengths, i, i + repeat, value);
      i += repeat;
    }
    checkInput();
    if (lengths[256] == 0) {
      throw new DataFormatException("invalid code -- missing end-of-block");
    }
    int[] table = build(lengths, nlen, litlen, LITLEN_TABLE_BITS, Code.LITLEN);
    if (table == null) {
      throw new DataFormatException("invalid literal/lengths set");
    }
    litlen = table;
    table = build(Arrays.copyOfRange(lengths, nlen, lengths.length), ndist, distance, DISTANCE_TABLE_BITS, Code.DISTANCE);
    if (table == null) {
      throw new DataFormatException("invalid distances set");
    }
    distance = table;
  }

  /**
   * Decodes Huffman codes of the current block into {@code out[o, end)} until the block or the
   * space ends; returns where the output ends. A match cut by {@code end} is finished next time.
   */
  private int codes(int[] lit, int litBits, int[] dist, int distBits, byte[] out, int o, int end)
      throws DataFormatException {
    int litMask = (1 << litBits) - 1;
    int distMask = (1 << distBits) - 1;
    // The bit buffer in locals: this loop is where the time goes.
    long b = bits;
    int n = bitCount;
    while (true) {
      if (n < 48) {
        if (pos + 8 <= inEnd) {
          b |= (long) LITTLE_ENDIAN_LONG.get(in, pos) << n;
          pos += (63 - n) >>> 3;
          n |= 56;
        } else {
          bits = b;
          bitCount = n;
          refill();
          checkInput();
          b = bits;
          n = bitCount;
        }
      }
      int entry = lit[(int) b & litMask];
      if ((entry & KIND) == SUBTABLE) {
        entry = lit[(entry >>> 16) + ((int) (b >>> litBits) & (1 << (entry >>> 4 & 15)) - 1)];
      }
      int codeLength = entry & 15;
      b >>>= codeLength;
      n -= codeLength;
      int kind = entry & KIND;
      if (kind == LITERAL) {
        out[o++] = (byte) (entry >>> 16);
        if (o == end) {
          break;
        }
        continue;
      }
      if (kind != LENGTH) {
        if (kind == END_OF_BLOCK) {
          blockLitlen = null;
          break;
        }
        throw new DataFormatException("invalid literal/length code");
      }
      int extra = entry >>> 4 & 15;
      int length = (entry >>> 16) + ((int) b & (1 << extra) - 1);
      b >>>= extra;
      n -= extra;
      entry = dist[(int) b & distMask];
      if ((entry & KIND) == SUBTABLE) {
        entry = dist[(entry >>> 16) + ((int) (b >>> distBits) & (1 << (entry >>> 4 & 15)) - 1)];
      }
      if ((entry & KIND) != DISTANCE) {
        throw new DataFormatException("invalid distance code");
      }
      codeLength = entry & 15;
      b >>>= codeLength;
      n -= codeLength;
      extra = entry >>> 4 & 15;
      int d = (entry >>> 16) + ((int) b & (1 << extra) - 1);
      b >>>= extra;
      n -= extra;
      if (d > o) {
        throw new DataFormatException("invalid distance too far back");
      }
      if (length > end - o) {
        matchLeft = length - (end - o);
        matchDistance = d;
        length = end - o;
      }
      copyMatch(out, o, d, length);
      o += length;
      if (o == end) {
        break;
      }
    }
    bits = b;
    bitCount = n;
    return o;
  }

  /** Copies {@code length} bytes from {@code distance} back, overlapping as LZ77 means it. */
  private static void copyMatch(byte[] out, int o, int distance, int length) {
    int from = o - distance;
    if (length < 16) {
      for (int k = 0; k < length; k++) {
        out[o + k] = out[from + k];
      }
    } else if (distance >= length) {
      System.arraycopy(out, from, out, o, length);
    } else if (distance == 1) {
      Arrays.fill(out, o, o + length, out[from]);
    } else {
      // out[from, o) repeats with period distance: copy ever longer non-overlapping spans of it.
      int end = o + length;
      while (o < end) {
        int span = Math.min(end - o, o - from);
        System.arraycopy(out, from, out, o, span);
        o += span;
      }
    }
  }

  private enum Code {
    CODE_LENGTHS,
    LITLEN,
    DISTANCE
  }

  /**
   * Builds the decoding table of the canonical Huffman code with these code lengths: a primary
   * table indexed by the next {@code tableBits} bits (read LSB first) and, for longer codes,
   * subtables after it. Returns {@code table} or a larger array, or null for a set of lengths zlib
   * refuses (over-subscribed, or incomplete unless it is a single code of length 1).
   */
  private static int[] build(int[] lengths, int symbols, int[] table, int tableBits, Code code) {
    int[] count = new int[16];
    int maxLength = 0;
    for (int s = 0; s < symbols; s++) {
      count[lengths[s]]++;
      maxLength = Math.max(maxLength, lengths[s]);
    }
    count[0] = 0;
    int left = 1;
    for (int len = 1; len <= 15; len++) {
      left = (left << 1) - count[len];
      if (left < 0) {
        return null;
      }
    }
    if (maxLength == 0) {
      // No codes at all: zlib accepts it (a block of literals only has no distance code).
      if (code == Code.CODE_LENGTHS) {
        return null;
      }
      Arrays.fill(table, 0, 1 << tableBits, INVALID);
      return table;
    }
    if (left > 0 && (code == Code.CODE_LENGTHS || maxLength != 1)) {
      return null;
    }
    int[] nextCode = new int[16];
    for (int len = 1, c = 0; len <= 15; len++) {
      c = (c + count[len - 1]) << 1;
      nextCode[len] = c;
    }
    int primary = 1 << tableBits;
    int[] reversed = new int[symbols];
    // Per primary index: how many bits its subtable needs beyond tableBits.
    int[] subBits = null;
    for (int s = 0; s < symbols; s++) {
      int len = lengths[s];
      if (len == 0) {
        continue;
      }
      reversed[s] = reverse(nextCode[len]++, len);
      if (len > tableBits) {
        if (subBits == null) {
          subBits = new int[primary];
        }
        int index = reversed[s] & primary - 1;
        subBits[index] = Math.max(subBits[index], len - tableBits);
      }
    }
    int size = primary;
    int[] subStart = null;
    if (subBits != null) {
      subStart = new int[primary];
      for (int index = 0; index < primary; index++) {
        if (subBits[index] > 0) {
          subStart[index] = size;
          size += 1 << subBits[index];
        }
      }
    }
    int[] t = table.length >= size ? table : new int[size];
    Arrays.fill(t, 0, size, INVALID);
    if (subBits != null) {
      for (int index = 0; index < primary; index++) {
        if (subBits[index] > 0) {
          t[index] = subStart[index] << 16 | SUBTABLE | subBits[index] << 4 | tableBits;
        }
      }
    }
    for (int s = 0; s < symbols; s++) {
      int len = lengths[s];
      if (len == 0) {
        continue;
      }
      int entry = entry(s, len, code);
      if (len <= tableBits) {
        for (int k = reversed[s]; k < primary; k += 1 << len) {
          t[k] = entry;
        }
      } else {
        int index = reversed[s] & primary - 1;
        int start = subStart[index];
        int span = 1 << subBits[index];
        int step = 1 << len - tableBits;
        for (int k = reversed[s] >>> tableBits; k < span; k += step) {
          t[start + k] = entry;
        }
      }
    }
    return t;
  }

  private static int entry(int symbol, int length, Code code) {
    return switch (code) {
      case CODE_LENGTHS -> symbol << 16 | LITERAL | length;
      case LITLEN -> {
        if (symbol < 256) {
          yield symbol << 16 | LITERAL | length;
        }
        if (symbol == 256) {
          yield END_OF_BLOCK | length;
        }
        if (symbol - 257 >= LENGTH_BASE.length) {
          yield INVALID | length;
        }
        yield LENGTH_BASE[symbol - 257] << 16 | LENGTH_EXTRA[symbol - 257] << 4 | LENGTH | length;
      }
      case DISTANCE -> symbol >= DISTANCE_BASE.length
          ? INVALID | length
          : DISTANCE_BASE[symbol] << 16 | DISTANCE_EXTRA[symbol] << 4 | DISTANCE | length;
    };
  }

  private static int reverse(int code, int length) {
    return Integer.reverse(code) >>> 32 - length;
  }

  private static int[] fixedTable(boolean litlen) {
    int[] lengths = new int[litlen ? 288 : 32];
    if (litlen) {
      Arrays.fill(lengths, 0, 144, 8);
      Arrays.fill(lengths, 144, 256, 9);
      Arrays.fill(lengths, 256, 280, 7);
      Arrays.fill(lengths, 280, 288, 8);
    } else {
      Arrays.fill(lengths, 5);
    }
    int bits = litlen ? 9 : 5;
    return build(lengths, lengths.length, new int[1 << bits], bits, litlen ? Code.LITLEN : Code.DISTANCE);
  }
}

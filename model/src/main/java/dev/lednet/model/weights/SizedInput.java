package dev.lednet.model.weights;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that knows how many bytes are left, so that a length read from a corrupt file is
 * checked against the file before anything of that length is allocated.
 */
final class SizedInput extends FilterInputStream {

  private final long size;
  private long position;

  SizedInput(InputStream in, long size) {
    super(in);
    this.size = size;
  }

  long remaining() {
    return size - position;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      position++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int count = super.read(buffer, offset, length);
    if (count > 0) {
      position += count;
    }
    return count;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    position += skipped;
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}

package dev.lednet.stages.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TarFormatTest {

  private static Map<String, byte[]> members() {
    Random random = new Random(1);
    Map<String, byte[]> members = new LinkedHashMap<>();
    for (int size : new int[] {0, 1, 511, 512, 513, 3000}) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      members.put("frame_" + size + ".image.png", bytes);
    }
    return members;
  }

  static byte[] tar(Map<String, byte[]> members) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarWriter tar = new TarWriter(out);
    for (Map.Entry<String, byte[]> m : members.entrySet()) {
      tar.add(m.getKey(), m.getValue());
    }
    tar.finish();
    return out.toByteArray();
  }

  private static TarReader reader(byte[] tar) {
    return new TarReader(new ByteArrayInputStream(tar), "/data/shard-000007.tar");
  }

  @Test
  void membersReadBackAsWritten() throws IOException {
    Map<String, byte[]> members = members();
    TarReader reader = reader(tar(members));
    for (Map.Entry<String, byte[]> m : members.entrySet()) {
      TarReader.Member member = reader.next();
      assertEquals(m.getKey(), member.name());
      assertArrayEquals(m.getValue(), member.bytes());
    }
    assertNull(reader.next());
    assertNull(reader.next());
  }

  @Test
  void archivesAreUstarBlocksWithFixedHeadersAndTheEndMarker() throws IOException {
    byte[] tar = tar(Map.of("a_0.json", "{}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(512 + 512 + 1024, tar.length);
    assertEquals("ustar\u000000", new String(tar, 257, 8, StandardCharsets.US_ASCII));
    assertEquals("0000644\u0000", new String(tar, 100, 8, StandardCharsets.US_ASCII));
    assertEquals("00000000002\u0000", new String(tar, 124, 12, StandardCharsets.US_ASCII));
    assertEquals("00000000000\u0000", new String(tar, 136, 12, StandardCharsets.US_ASCII), "time 0");
    assertEquals('0', tar[156]);
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= 148 && i < 156 ? ' ' : tar[i] & 0xff;
    }
    assertEquals(String.format("%06o\u0000 ", sum), new String(tar, 148, 8, StandardCharsets.US_ASCII));
    assertTrue(Arrays.equals(new byte[1024], Arrays.copyOfRange(tar, 1024, 2048)));
    assertArrayEquals(tar, tar(Map.of("a_0.json", "{}".getBytes(StandardCharsets.UTF_8))), "same bytes every time");
  }

  @Test
  void aTruncatedArchiveNamesTheFileAndTheMemberCutShort() throws IOException {
    byte[] tar = tar(members());
    // Into the data of the last member (3000 bytes, its header at 512 * 10: sizes 0, 1, 511, 512,
    // 513 take 1 + 2 + 2 + 2 + 3 blocks).
    byte[] cut = Arrays.copyOf(tar, 512 * 11 + 100);
    TarReader reader = reader(cut);
    IOException e = assertThrows(IOException.class, () -> {
      while (reader.next() != null) {
        // read on
      }
    });
    assertEquals(
        "/data/shard-000007.tar: truncated tar: member frame_3000.image.png at byte 5120 needs 3000 bytes,"
            + " only 100 are left",
        e.getMessage());
  }

  @Test
  void anArchiveWithoutItsEndMarkerIsTruncated() throws IOException {
    byte[] tar = tar(Map.of("a_0.json", new byte[10]));
    TarReader reader = reader(Arrays.copyOf(tar, 1024));
    reader.next();
    IOException e = assertThrows(IOException.class, reader::next);
    assertTrue(e.getMessage().startsWith("/data/shard-000007.tar: truncated tar: it ends at byte 1024"), e.getMessage());
  }

  @Test
  void aCorruptHeaderIsReportedWithItsOffset() throws IOException {
    byte[] tar = tar(members());
    tar[512 + 10] ^= 0x55; // the name of the second member (the first is empty: a header only)
    TarReader reader = reader(tar);
    reader.next();
    IOException e = assertThrows(IOException.class, reader::next);
    assertTrue(e.getMessage().startsWith("/data/shard-000007.tar: corrupt tar: the header at byte 512 has checksum"),
        e.getMessage());
  }
}

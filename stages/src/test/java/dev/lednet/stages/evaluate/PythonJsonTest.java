package dev.lednet.stages.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonJsonTest {

  /** Bits of a double and Python 3.11's repr of it. */
  private static final Object[][] PYTHON_REPR = {
    {0x3fe0000000000000L, "0.5"},
    {0x3fb999999999999aL, "0.1"},
    {0x3fd5555555555555L, "0.3333333333333333"},
    {0x3fe5555555555555L, "0.6666666666666666"},
    {0x3ee4f8b588e368f1L, "1e-05"},
    {0x3f1a36e2eb1c432dL, "0.0001"},
    {0x3f202e4b6ce5dc68L, "0.00012345"},
    {0x4341c37937e08000L, "1e+16"},
    {0x430c6bf526340000L, "1000000000000000.0"},
    {0x43118b54f22aeb00L, "1234567890123456.0"},
    {0x4345ee2a2eb5a5c4L, "1.2345678901234568e+16"},
    {0x0000000000000001L, "5e-324"},
    {0x3e10000000000000L, "9.313225746154785e-10"},
    {0x7fefffffffffffffL, "1.7976931348623157e+308"},
    {0x4059000000000000L, "100.0"},
    {0x3fea7d4ab346d9d9L, "0.8277944089411974"},
    {0x4008000000000001L, "3.0000000000000004"},
    {0xc004000000000000L, "-2.5"},
    {0x4480f0cf064dd592L, "1e+22"},
    {0x44b52d02c7e14af6L, "1e+23"},
    {0x4340000000000000L, "9007199254740992.0"},
    {0x3fd3333333333333L, "0.3"},
    {0x3e95bb678fc21c77L, "3.2383276483316234e-07"},
    {0x3e30f52158380dfaL, "3.948234964231735e-09"},
    {0x3fb28b2f3a47e100L, "0.07243628666754276"},
    {0x3fee1f220ea0a786L, "0.9413004193968255"},
    {0x3fadb208fa389760L, "0.057998924774706806"},
    {0x3e570d9422e2295fL, "2.146981808356617e-08"},
    {0x3e6747fb1bdedc4cL, "4.336456836623858e-08"},
    {0x3fcece0b91738f7cL, "0.24066300012702502"},
  };

  @Test
  void floatsAreWrittenAsPythonReprWritesThem() {
    for (Object[] row : PYTHON_REPR) {
      double value = Double.longBitsToDouble((Long) row[0]);
      assertEquals(row[1], PythonJson.repr(value), "bits " + Long.toHexString((Long) row[0]));
    }
  }

  @Test
  void specialValuesAreWrittenAsPythonJsonWritesThem() {
    assertEquals("NaN", PythonJson.repr(Double.NaN));
    assertEquals("Infinity", PythonJson.repr(Double.POSITIVE_INFINITY));
    assertEquals("-Infinity", PythonJson.repr(Double.NEGATIVE_INFINITY));
    assertEquals("0.0", PythonJson.repr(0.0));
    assertEquals("-0.0", PythonJson.repr(-0.0));
  }

  @Test
  void documentsAreIndentedByFourWithSortedKeys() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("zeta", List.of(new long[] {1, 2}, new long[] {3, 4}));
    document.put("ego vehicle", Map.of("b", 1, "a", Double.NaN));
    document.put("empty", Map.of());
    document.put("alpha", 0.25);
    assertEquals(
        "{\n"
            + "    \"alpha\": 0.25,\n"
            + "    \"ego vehicle\": {\n"
            + "        \"a\": NaN,\n"
            + "        \"b\": 1\n"
            + "    },\n"
            + "    \"empty\": {},\n"
            + "    \"zeta\": [\n"
            + "        [\n"
            + "            1,\n"
            + "            2\n"
            + "        ],\n"
            + "        [\n"
            + "            3,\n"
            + "            4\n"
            + "        ]\n"
            + "    ]\n"
            + "}",
        PythonJson.dumps(document));
  }
}

package dev.lednet.model.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class StateDictTest {

  private static final TensorData ONE = TensorData.ofFloats(new long[] {1}, 1f);
  private static final TensorData TWO = TensorData.ofFloats(new long[] {1}, 2f);

  @Test
  void keysKeepTheOrderTheyCameIn() {
    Map<String, TensorData> tensors = new LinkedHashMap<>();
    tensors.put("z.weight", ONE);
    tensors.put("a.weight", TWO);

    StateDict stateDict = StateDict.of(tensors);

    assertEquals(List.of("z.weight", "a.weight"), stateDict.keys());
    assertEquals(List.of("z.weight", "a.weight"), List.copyOf(stateDict.asMap().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> stateDict.asMap().put("b", ONE));
  }

  @Test
  void sharedPrefixIsCutOnlyWhenEveryKeyHasIt() {
    StateDict parallel =
        StateDict.builder().put("module.0.weight", ONE).put("module.1.bias", TWO).build();
    StateDict mixed = StateDict.builder().put("module.0.weight", ONE).put("head.bias", TWO).build();

    assertEquals(
        StateDict.builder().put("0.weight", ONE).put("1.bias", TWO).build(),
        parallel.withoutSharedPrefix("module."));
    assertEquals(List.of("0.weight", "1.bias"), parallel.withoutSharedPrefix("module.").keys());
    assertSame(mixed, mixed.withoutSharedPrefix("module."));
  }

  @Test
  void aMissingKeyIsAnErrorListingTheKeys() {
    StateDict stateDict = StateDict.builder().put("0.weight", ONE).build();

    assertEquals(
        "no tensor '0.bias' in the state dict; it has [0.weight]",
        assertThrows(NoSuchElementException.class, () -> stateDict.get("0.bias")).getMessage());
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    StateDict.Builder builder = StateDict.builder().put("w", ONE).put("w", TWO);

    assertThrows(IllegalArgumentException.class, builder::build);
  }

  @Test
  void toStringShowsKeysWithTypesAndShapes() {
    StateDict stateDict =
        StateDict.builder()
            .put("w", TensorData.ofFloats(new long[] {2, 1}, 1f, 2f))
            .put("n", TensorData.ofLongs(new long[] {}, 7))
            .build();

    assertEquals("{w=float32[2, 1], n=int64[]}", stateDict.toString());
  }
}

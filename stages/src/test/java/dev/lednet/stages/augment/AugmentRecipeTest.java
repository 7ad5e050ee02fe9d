package dev.lednet.stages.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmentRecipeTest {

  private static final String FRAME = "aachen_000000_000019";

  @Test
  void shorterSideIsResizedAsTorchvisionResizeDoes() {
    assertArrayEquals(new int[] {1024, 512}, AugmentRecipe.shorterSideTo(2048, 1024, 512));
    assertArrayEquals(new int[] {25, 16}, AugmentRecipe.shorterSideTo(37, 23, 16));
    assertArrayEquals(new int[] {16, 25}, AugmentRecipe.shorterSideTo(23, 37, 16));
    assertArrayEquals(new int[] {512, 512}, AugmentRecipe.shorterSideTo(300, 300, 512));
  }

  @Test
  void drawsDependOnlyOnSeedFrameAndCopy() {
    AugmentRecipe recipe = AugmentRecipe.reference().withScale(0.5, 2.0).withCrop(512, 256).withJitter(0.3, 0.3, 0.3);
    SampleDraw draw = recipe.draw(7, FRAME, 3, 2048, 1024);
    assertEquals(draw, recipe.draw(7, FRAME, 3, 2048, 1024));
    assertNotEquals(draw, recipe.draw(8, FRAME, 3, 2048, 1024));
    assertNotEquals(draw, recipe.draw(7, FRAME, 4, 2048, 1024));
    assertNotEquals(draw, recipe.draw(7, "aachen_000000_000020", 3, 2048, 1024));
  }

  /**
   * The hash and the order of draws are part of the output format: the same command must give the
   * same shards on any JVM and after any upgrade. A change here changes every shard.
   */
  @Test
  void drawsArePinned() {
    assertEquals(PINNED_BITS, SampleRandom.of(1, FRAME, 0).bits("flip"));
    SampleDraw draw =
        AugmentRecipe.reference().withScale(0.5, 2.0).withCrop(1024, 512).withJitter(0.2, 0.2, 0.2)
            .draw(1, FRAME, 0, 2048, 1024);
    assertEquals(PINNED_DRAW, ShardJson.compact(draw.toMap()));
  }

  static final long PINNED_BITS = 2470328959449113954L;
  static final String PINNED_DRAW =
      "{\"resize\":[1459,730],\"brightness\":0.8538238243985832,\"contrast\":1.0864822458047603,"
          + "\"saturation\":0.9666378800110075,\"flip\":true,\"translate\":[2,2],\"crop\":[394,189,1024,512]}";

  @Test
  void referenceDrawsCoverTheReferencesRanges() {
    AugmentRecipe recipe = AugmentRecipe.reference();
    Set<Integer> shifts = new HashSet<>();
    int flips = 0;
    int n = 2000;
    for (int copy = 0; copy < n; copy++) {
      SampleDraw draw = recipe.draw(5, FRAME, copy, 2048, 1024);
      assertEquals(1024, draw.resizeWidth());
      assertEquals(512, draw.resizeHeight());
      assertEquals(1024, draw.outputWidth());
      assertEquals(512, draw.outputHeight());
      assertEquals(1.0, draw.brightness());
      shifts.add(draw.translateX());
      shifts.add(draw.translateY());
      flips += draw.flip() ? 1 : 0;
    }
    assertEquals(Set.of(-2, -1, 0, 1, 2), shifts);
    assertTrue(Math.abs(flips - n / 2) < 150, flips + " flips of " + n);
  }

  @Test
  void scaleAndCropStayInTheirRanges() {
    AugmentRecipe recipe = AugmentRecipe.reference().withScale(0.5, 2.0).withCrop(1024, 512);
    for (int copy = 0; copy < 500; copy++) {
      SampleDraw draw = recipe.draw(2, FRAME, copy, 2048, 1024);
      double scale = draw.resizeHeight() / 512.0;
      assertTrue(scale >= 0.499 && scale <= 2.001, "scale " + scale);
      assertEquals(1024, draw.outputWidth());
      int slack = draw.resizeWidth() - 1024;
      assertTrue(draw.cropX() >= Math.min(0, slack) && draw.cropX() <= Math.max(0, slack), draw.toString());
    }
  }

  @Test
  void noFlipNoTranslationAndHeightZeroKeepTheFrameAsItIs() {
    AugmentRecipe recipe = AugmentRecipe.reference().withHeight(0).withFlip(false).withMaxTranslation(0);
    assertEquals(SampleDraw.resizeOnly(2048, 1024), recipe.draw(1, FRAME, 0, 2048, 1024));
  }

  @Test
  void recipeRoundTripsThroughJson() throws Exception {
    AugmentRecipe recipe = AugmentRecipe.reference().withHeight(384).withScale(0.75, 1.5).withCrop(640, 320)
        .withJitter(0.1, 0.2, 0.3).withFlip(false);
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> map =
        json.readValue(json.writeValueAsString(recipe.toMap()), new TypeReference<Map<String, Object>>() {});
    assertEquals(recipe, AugmentRecipe.fromMap(map));
    assertEquals(AugmentRecipe.reference(), AugmentRecipe.fromMap(
        json.readValue(json.writeValueAsString(AugmentRecipe.reference().toMap()), new TypeReference<Map<String, Object>>() {})));
  }

  @Test
  void impossibleOptionsAreRefusedWithTheValue() {
    AugmentRecipe recipe = AugmentRecipe.reference();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> recipe.withScale(2, 1)).getMessage().contains("2.0,1.0"));
    assertThrows(IllegalArgumentException.class, () -> recipe.withCrop(0, 5));
    assertThrows(IllegalArgumentException.class, () -> recipe.withHeight(-1));
    assertThrows(IllegalArgumentException.class, () -> recipe.withJitter(-0.1, 0, 0));
  }
}

package dev.lednet.stages.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.schemas.EncodedFile;
import dev.lednet.stages.image.Png;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class SynthesizeFramesTest {

  @Test
  void emitsPolygonsAndImageOfEachFrameAtCityscapesPaths(TestPipeline p) {
    PCollection<EncodedFile> files =
        p.apply(
            SynthesizeFrames.of(3)
                .withSize(128, 64)
                .withSeed(5)
                .withSplits(List.of("train", "val"))
                .withOutputRoot("gs://bucket/synth/"));

    PAssert.that(files.apply(MapElements.into(TypeDescriptors.strings()).via(EncodedFile::getPath)))
        .containsInAnyOrder(
            "gs://bucket/synth/gtFine/train/aachen/aachen_000000_000019_gtFine_polygons.json",
            "gs://bucket/synth/leftImg8bit/train/aachen/aachen_000000_000019_leftImg8bit.png",
            "gs://bucket/synth/gtFine/val/frankfurt/frankfurt_000000_000019_gtFine_polygons.json",
            "gs://bucket/synth/leftImg8bit/val/frankfurt/frankfurt_000000_000019_leftImg8bit.png",
            "gs://bucket/synth/gtFine/train/bochum/bochum_000000_000019_gtFine_polygons.json",
            "gs://bucket/synth/leftImg8bit/train/bochum/bochum_000000_000019_leftImg8bit.png");
    PAssert.that(files)
        .satisfies(
            output -> {
              Map<String, byte[]> byPath = new TreeMap<>();
              output.forEach(f -> byPath.put(f.getPath(), f.getBytes()));
              StreetScene scene = StreetSceneGenerator.of(128, 64).generate(5, 1);
              assertArrayEquals(
                  PolygonsJson.write(scene),
                  byPath.get("gs://bucket/synth/gtFine/val/frankfurt/frankfurt_000000_000019_gtFine_polygons.json"));
              assertEquals(
                  StreetSceneRenderer.create().render(scene),
                  Png.decode(byPath.get("gs://bucket/synth/leftImg8bit/val/frankfurt/frankfurt_000000_000019_leftImg8bit.png")));
              return null;
            });
    p.run().waitUntilFinish();
  }
}

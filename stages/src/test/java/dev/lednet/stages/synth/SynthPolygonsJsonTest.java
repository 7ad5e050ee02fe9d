package dev.lednet.stages.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.stages.prepare.AnnotatedPolygon;
import dev.lednet.stages.prepare.CityscapesAnnotation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynthPolygonsJsonTest {

  private static final Camera CAMERA = new Camera(10, 10, 20, 20, 1.2);

  @Test
  void writesTheLayoutOfCityscapesScripts() {
    StreetScene scene =
        new StreetScene(
            32,
            16,
            CAMERA,
            1,
            List.of(new SceneObject("road", List.of(new Point(0, 15), new Point(31, 15), new Point(16, 8)), Surface.at(5))));

    String json = new String(PolygonsJson.write(scene), StandardCharsets.UTF_8);

    assertEquals(
        String.join(
            "\n",
            "{",
            "    \"imgHeight\": 16,",
            "    \"imgWidth\": 32,",
            "    \"objects\": [",
            "        {",
            "            \"date\": \"\",",
            "            \"deleted\": 0,",
            "            \"id\": 0,",
            "            \"label\": \"road\",",
            "            \"polygon\": [",
            "                [",
            "                    0,",
            "                    15",
            "                ],",
            "                [",
            "                    31,",
            "                    15",
            "                ],",
            "                [",
            "                    16,",
            "                    8",
            "                ]",
            "            ],",
            "            \"user\": \"\",",
            "            \"verified\": 0",
            "        }",
            "    ]",
            "}"),
        json);
  }

  @Test
  void generatedSceneParsesBackWithTheAnnotationParserToTheSameObjects() {
    StreetScene scene = StreetSceneGenerator.of(2048, 1024).generate(4, 2);

    CityscapesAnnotation annotation = CityscapesAnnotation.parse(PolygonsJson.write(scene));

    assertEquals(2048, annotation.width());
    assertEquals(1024, annotation.height());
    List<String> names = new ArrayList<>();
    List<List<Point>> polygons = new ArrayList<>();
    for (AnnotatedPolygon object : annotation.objects()) {
      names.add(object.name());
      List<Point> polygon = new ArrayList<>();
      for (int i = 0; i < object.polygon().length; i += 2) {
        polygon.add(new Point((int) object.polygon()[i], (int) object.polygon()[i + 1]));
      }
      polygons.add(polygon);
    }
    assertEquals(scene.objects().stream().map(SceneObject::label).toList(), names);
    assertEquals(scene.objects().stream().map(SceneObject::polygon).toList(), polygons);
  }
}

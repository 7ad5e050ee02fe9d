package dev.lednet.stages.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
  void generatedSceneParsesBackToTheSameObjects() throws IOException {
    StreetScene scene = StreetSceneGenerator.of(2048, 1024).generate(4, 2);

    JsonNode root = new ObjectMapper().readTree(PolygonsJson.write(scene));

    assertEquals(2048, root.get("imgWidth").asInt());
    assertEquals(1024, root.get("imgHeight").asInt());
    List<String> labels = new ArrayList<>();
    List<List<Point>> polygons = new ArrayList<>();
    for (JsonNode object : root.get("objects")) {
      labels.add(object.get("label").asText());
      List<Point> polygon = new ArrayList<>();
      object.get("polygon").forEach(p -> polygon.add(new Point(p.get(0).intValue(), p.get(1).intValue())));
      polygons.add(polygon);
    }
    assertEquals(scene.objects().stream().map(SceneObject::label).toList(), labels);
    assertEquals(scene.objects().stream().map(SceneObject::polygon).toList(), polygons);
  }
}

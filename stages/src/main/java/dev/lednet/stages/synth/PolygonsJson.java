package dev.lednet.stages.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a scene as a {@code gtFine_polygons.json} file, laid out as cityscapesScripts' {@code
 * Annotation.toJson} writes them ({@code json.dumps(sort_keys=True, indent=4)}): keys sorted, four
 * spaces per level, each coordinate on its own line. Objects carry the annotation tool's fields
 * ({@code date}, {@code deleted}, {@code id}, {@code user}, {@code verified}) besides label and
 * polygon.
 */
public final class PolygonsJson {

  private static final JsonFactory JSON = new JsonFactory();

  private PolygonsJson() {}

  /** The file's bytes, UTF-8. */
  public static byte[] write(StreetScene scene) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.setPrettyPrinter(new PythonLayout());
      json.writeStartObject();
      json.writeNumberField("imgHeight", scene.height());
      json.writeNumberField("imgWidth", scene.width());
      json.writeArrayFieldStart("objects");
      List<SceneObject> objects = scene.objects();
      for (int id = 0; id < objects.size(); id++) {
        SceneObject object = objects.get(id);
        json.writeStartObject();
        json.writeStringField("date", "");
        json.writeNumberField("deleted", 0);
        json.writeNumberField("id", id);
        json.writeStringField("label", object.label());
        json.writeArrayFieldStart("polygon");
        for (Point point : object.polygon()) {
          json.writeStartArray();
          json.writeNumber(point.x());
          json.writeNumber(point.y());
          json.writeEndArray();
        }
        json.writeEndArray();
        json.writeStringField("user", "");
        json.writeNumberField("verified", 0);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write polygons JSON", e);
    }
    return out.toByteArray();
  }

  /** Python's {@code indent=4} layout: {@code "key": value}, every element on its own line. */
  private static final class PythonLayout extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    PythonLayout() {
      DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
      indentObjectsWith(indenter);
      indentArraysWith(indenter);
    }

    @Override
    public PythonLayout createInstance() {
      return new PythonLayout();
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }
  }
}

package dev.lednet.runners.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lednet.pipelines.Lednet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lednet prepare --runner=SparkRunner --sparkMaster=local[2]} writes the DirectRunner's bytes. */
class PrepareOnSparkTest {

  private static final Path TESTDATA = Path.of("..", "..", "testdata", "cityscapes").toAbsolutePath().normalize();

  @TempDir Path work;

  private static void prepare(Path output, String... runner) {
    StringWriter out = new StringWriter();
    CommandLine cli = Lednet.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    String[] args = {
      "prepare", "--dataset=" + TESTDATA, "--splits=val,test", "--output=" + output,
      "--outputs=labelTrainIds,labelIds,color,instanceIds,instanceTrainIds"
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + runner.length);
    System.arraycopy(runner, 0, all, args.length, runner.length);
    assertEquals(0, cli.execute(all), out.toString());
  }

  private static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @Test
  void sparkWritesTheSameBytesAsTheDirectRunner() throws IOException {
    prepare(work.resolve("direct"));
    prepare(work.resolve("spark"), "--runner=SparkRunner", "--sparkMaster=local[2]");
    Map<String, byte[]> direct = tree(work.resolve("direct"));
    Map<String, byte[]> spark = tree(work.resolve("spark"));
    assertEquals(7 * 5, direct.size(), direct.keySet().toString());
    assertEquals(direct.keySet(), spark.keySet());
    direct.forEach((name, bytes) -> assertArrayEquals(bytes, spark.get(name), name));
  }
}

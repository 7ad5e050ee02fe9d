package dev.lednet.pipelines.evaluate;

import dev.lednet.schemas.Failure;
import dev.lednet.stages.evaluate.DatasetConfusion;
import dev.lednet.stages.evaluate.DrawFramePictures;
import dev.lednet.stages.evaluate.FramePictures;
import dev.lednet.stages.evaluate.FrameScores;
import dev.lednet.pipelines.StagingDirectory;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * The directory an evaluation job writes its results to before the command decides what to
 * publish: the totals, per-frame scores, failures, warnings and pictures. It lives under Beam's
 * {@code --tempLocation} when one is set (so workers of a distributed runner can write it), else
 * in a local temporary directory; {@link #delete()} removes it.
 */
public final class EvaluationStaging {

  private final StagingDirectory directory;

  private EvaluationStaging(StagingDirectory directory) {
    this.directory = directory;
  }

  /** A new directory under {@code tempLocation}, or a local temporary one when that is null. */
  public static EvaluationStaging create(String tempLocation) {
    return new EvaluationStaging(StagingDirectory.create(tempLocation, "lednet-evaluate-"));
  }

  public String dir() {
    return directory.dir();
  }

  String totalsPath() {
    return directory.path("totals.bin");
  }

  String frameScoresPath() {
    return directory.path("frames.jsonl");
  }

  String failuresPath() {
    return directory.path("failures.jsonl");
  }

  String warningsPath() {
    return directory.path("warnings.jsonl");
  }

  String picturesDir() {
    return directory.path("pictures");
  }

  static Coder<DatasetConfusion> totalsCoder() {
    try {
      return SchemaRegistry.createDefault().getSchemaCoder(DatasetConfusion.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("DatasetConfusion has no schema", e);
    }
  }

  /** The totals of the frames scored (no frames when none was). */
  public DatasetConfusion readTotals() throws IOException {
    return CoderUtils.decodeFromByteArray(totalsCoder(), FileBytes.read(totalsPath()));
  }

  /** Every scored frame's scores, by frame id. */
  public List<FrameScores> readFrameScores() throws IOException {
    List<FrameScores> scores = new ArrayList<>();
    for (String line : directory.lines(frameScoresPath())) {
      scores.add(FrameScores.fromJsonLine(line));
    }
    scores.sort(Comparator.comparing(FrameScores::frameId));
    return scores;
  }

  /** Every failure, by frame id then file. */
  public List<Failure> readFailures() throws IOException {
    return directory.failures(failuresPath());
  }

  /** Every warning, by frame id then file. */
  public List<Failure> readWarnings() throws IOException {
    return directory.failures(warningsPath());
  }

  /** The pictures of those of these frames that have them. */
  public Map<String, FramePictures> readPictures(List<String> frameIds) throws IOException {
    Map<String, FramePictures> pictures = new LinkedHashMap<>();
    for (String id : frameIds) {
      String truth = DrawFramePictures.path(picturesDir(), id, DrawFramePictures.TRUTH);
      if (FileBytes.exists(truth)) {
        pictures.put(
            id,
            new FramePictures(
                FileBytes.read(truth),
                FileBytes.read(DrawFramePictures.path(picturesDir(), id, DrawFramePictures.PREDICTION)),
                FileBytes.read(DrawFramePictures.path(picturesDir(), id, DrawFramePictures.ERRORS))));
      }
    }
    return pictures;
  }

  /** Removes the directory and everything in it. */
  public void delete() throws IOException {
    directory.delete();
  }
}

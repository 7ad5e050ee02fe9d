package dev.lednet.stages.io;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableSet;
import dev.lednet.schemas.Failure;
import dev.lednet.schemas.Frame;
import dev.lednet.schemas.FrameContent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads the bytes of some components of each frame into a {@link FrameContent}. Components the
 * frame does not have are skipped; a file that cannot be read sends the frame to {@link #FAILURES}
 * with the file and the reason.
 */
@AutoValue
public abstract class ReadFrameContent
    extends PTransform<PCollection<Frame>, PCollectionTuple> {

  public static final TupleTag<FrameContent> CONTENT = new TupleTag<>() {};
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  abstract ImmutableSet<String> components();

  /** Reads these components, e.g. {@code of("gtFine_polygons")}. */
  public static ReadFrameContent of(String... components) {
    return of(Set.of(components));
  }

  public static ReadFrameContent of(Set<String> components) {
    return new AutoValue_ReadFrameContent(ImmutableSet.copyOf(components));
  }

  @Override
  public PCollectionTuple expand(PCollection<Frame> frames) {
    return frames.apply(
        "ReadFiles",
        ParDo.of(new ReadFn(components())).withOutputTags(CONTENT, TupleTagList.of(FAILURES)));
  }

  static final class ReadFn extends DoFn<Frame, FrameContent> {
    private final Set<String> components;

    ReadFn(Set<String> components) {
      this.components = components;
    }

    @ProcessElement
    public void process(@Element Frame frame, MultiOutputReceiver out) {
      Map<String, byte[]> payloads = new HashMap<>();
      for (String component : components) {
        if (!frame.has(component)) {
          continue;
        }
        String path = frame.file(component);
        try {
          payloads.put(component, FileBytes.read(path));
        } catch (IOException | RuntimeException e) {
          out.get(FAILURES).output(Failure.of(frame.getId(), path, "ReadFrameContent", e));
          return;
        }
      }
      out.get(CONTENT).output(FrameContent.of(frame, payloads));
    }
  }
}

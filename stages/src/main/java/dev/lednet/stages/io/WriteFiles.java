package dev.lednet.stages.io;

import dev.lednet.schemas.EncodedFile;
import dev.lednet.stages.StageMetrics;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes each {@link EncodedFile} to its path, atomically (see {@link FileBytes#write}), and emits
 * the paths written. An I/O error fails the bundle so the runner retries it; a retried write simply
 * replaces the file.
 */
public final class WriteFiles extends PTransform<PCollection<EncodedFile>, PCollection<String>> {

  private WriteFiles() {}

  public static WriteFiles create() {
    return new WriteFiles();
  }

  @Override
  public PCollection<String> expand(PCollection<EncodedFile> files) {
    return files.apply("Write", ParDo.of(new WriteFn()));
  }

  static final class WriteFn extends DoFn<EncodedFile, String> {
    private final Counter written = StageMetrics.counter(StageMetrics.FILES_WRITTEN);

    @ProcessElement
    public void process(@Element EncodedFile file, OutputReceiver<String> out) throws Exception {
      FileBytes.write(file.getPath(), file.getBytes());
      written.inc();
      out.output(file.getPath());
    }
  }
}

package dev.lednet.pipelines;

import dev.lednet.stages.baseline.LearnLocationPrior;
import dev.lednet.stages.baseline.LocationPrior;
import dev.lednet.stages.baseline.PredictWithPrior;
import dev.lednet.stages.io.DiscoverFrames;
import dev.lednet.stages.io.ReadFrameContent;
import dev.lednet.stages.io.ReportFailures;
import dev.lednet.stages.io.WriteFiles;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The location-prior baseline: learn where each class usually is from the prepared training
 * labels, then predict every frame of a split as server-named labelIds PNGs. It stands in for a
 * network in the demo until LEDNet inference arrives, and stays useful as a lower bound.
 */
public final class BaselinePipeline {

  private BaselinePipeline() {}

  /**
   * Adds the steps: training labels from {@code labels} (a tree with {@code gtFine_labelTrainIds}),
   * images of {@code split} from {@code dataset}, predictions under {@code predictions}.
   */
  public static void build(
      Pipeline pipeline, String labels, String dataset, String split, String predictions) {
    PCollectionTuple train =
        pipeline
            .apply(
                "DiscoverTrain",
                DiscoverFrames.in(labels).withSplits("train").withRequired("gtFine_labelTrainIds"))
            .get(DiscoverFrames.FRAMES)
            .apply("ReadTrain", ReadFrameContent.of("gtFine_labelTrainIds"));
    PCollection<LocationPrior> prior =
        train.get(ReadFrameContent.CONTENT).apply("Learn", LearnLocationPrior.fromTrainIds());

    PCollectionTuple found =
        pipeline.apply("DiscoverImages", DiscoverFrames.in(dataset).withSplits(split));
    PCollectionTuple predicted =
        found.get(DiscoverFrames.FRAMES).apply("Predict", PredictWithPrior.using(prior, predictions));
    predicted.get(PredictWithPrior.PREDICTIONS).apply("Write", WriteFiles.create());

    PCollectionList.of(train.get(ReadFrameContent.FAILURES))
        .and(found.get(DiscoverFrames.UNPAIRED))
        .and(predicted.get(PredictWithPrior.FAILURES))
        .apply("AllFailures", Flatten.pCollections())
        .apply("ReportFailures", ReportFailures.toLog());
  }
}

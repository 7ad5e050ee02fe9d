package dev.lednet.pipelines.cli;

import dev.lednet.model.DeviceChoice;
import dev.lednet.model.TorchThreads;
import dev.lednet.pipelines.train.PreparedSplit;
import dev.lednet.pipelines.train.SampleSource;
import dev.lednet.pipelines.train.SampleTransforms;
import dev.lednet.pipelines.train.ShardSamples;
import dev.lednet.pipelines.train.TrainingRun;
import dev.lednet.pipelines.train.TrainingSettings;
import dev.lednet.stages.augment.ShardReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lednet train}: the reference LEDNet recipe in Java, on a prepared dataset or on the
 * shards of {@code lednet augment}.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train LEDNet with the reference recipe: the encoder alone (labels at 1/8), then the whole",
      "network; Adam (5e-4, betas 0.9/0.999, eps 1e-8, weight decay 1e-4), poly schedule per epoch,",
      "class-weighted cross-entropy with void weighing 0. After each epoch: validation mean IoU",
      "(LEDNet's iouEval), OUT/checkpoint.zip, the best model in OUT/best (OUT/encoder-best for",
      "the encoder phase) and the curves in OUT/report. --resume continues a stopped run exactly."
    })
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--dataset", description = "Prepared Cityscapes root (images and gtFine *_labelTrainIds.png; see 'lednet prepare'): the training set unless --shards is given, and the validation set.")
  String dataset;

  @Option(names = "--labels", description = "Where 'lednet prepare --output' wrote the labels (default: --dataset).")
  String labels;

  @Option(names = "--shards", description = "Train on the shards of 'lednet augment' (its manifest.json, local or gs://) instead of --dataset's train split.")
  String shards;

  @Option(names = "--train-split", defaultValue = "train", description = "Split to train on (default: ${DEFAULT-VALUE}).")
  String trainSplit;

  @Option(names = "--val-split", defaultValue = "val", description = "Split to validate on after each epoch; 'none' skips validation (default: ${DEFAULT-VALUE}).")
  String valSplit;

  @Option(names = "--output", required = true, description = "Directory for checkpoints, models and the report.")
  Path output;

  @Option(names = "--encoder-epochs", defaultValue = "0", description = "Epochs of the encoder-only phase (reference: 300; default: ${DEFAULT-VALUE}).")
  int encoderEpochs;

  @Option(names = "--epochs", defaultValue = "1", description = "Epochs of the full-network phase (reference: 300; default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "5", description = "Images per step (reference: 5; default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--learning-rate", defaultValue = "5e-4", description = "Adam's base rate before the poly schedule (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--height", defaultValue = "512", description = "Images are resized so their shorter side is this (reference: 512; default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--no-augment", description = "Only resize training images (the reference flips and shifts them by up to 2 pixels).")
  boolean noAugment;

  @Option(names = "--class-weights", defaultValue = "reference", description = "reference (the reference's fixed weights) or enet (1/ln(1.02+p) from the training labels) (default: ${DEFAULT-VALUE}).")
  String classWeights;

  @Option(names = "--init", description = "Start from these weights: a project model, .pth or .npz (e.g. an encoder-best model or reference weights).")
  String init;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of initialisation, order, augmentation and dropout (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--resume", description = "Continue the run in --output from its checkpoint.zip.")
  boolean resume;

  @Option(names = "--stop-after", defaultValue = "0", description = "Stop after this many epochs of this invocation, checkpoint written; --resume goes on (0: run to the end; default: ${DEFAULT-VALUE}).")
  int stopAfter;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--threads", description = "libtorch threads (default: libtorch's choice).")
  Integer threads;

  @Option(names = "--log-every", defaultValue = "10", description = "Print a progress line every N steps (default: ${DEFAULT-VALUE}).")
  int logEvery;

  @Override
  public Integer call() throws IOException {
    if (dataset == null && shards == null) {
      throw new IllegalArgumentException("give --dataset (a prepared dataset) or --shards (augment's manifest.json)");
    }
    if (threads != null) {
      TorchThreads.set(threads);
    }
    TrainingSettings settings =
        new TrainingSettings(
            encoderEpochs, epochs, batchSize, learningRate, classWeights, seed, height, !noAugment, init);
    List<SampleSource> train;
    List<SampleSource> validation = List.of();
    train = shards != null ? ShardSamples.list(shards) : PreparedSplit.list(dataset, labelRoot(), trainSplit);
    if (!valSplit.equals("none")) {
      if (dataset == null) {
        throw new IllegalArgumentException(
            "validation reads --dataset's " + valSplit + " split: add --dataset, or --val-split none");
      }
      validation = PreparedSplit.list(dataset, labelRoot(), valSplit);
    }
    PrintWriter log = spec.commandLine().getOut();
    log.printf(
        "train: %d training samples, %d validation samples, %s; output %s%n",
        train.size(), validation.size(), settings.asMap(), output);
    TrainingRun.Data data =
        new TrainingRun.Data(
            train,
            validation,
            // Shards are augmented already; the prepared dataset is augmented on the fly.
            shards == null && !noAugment ? SampleTransforms.reference(height) : SampleTransforms.resize(height),
            SampleTransforms.resize(height),
            // augment counted its labels' classes already; ENet weights need not decode them again.
            shards == null ? null : ShardReader.open(shards).manifest().classPixels().stream().mapToLong(Long::longValue).toArray());
    TrainingRun.Result result =
        TrainingRun.of(settings, output, DeviceChoice.parse(device).resolve(), log, logEvery)
            .stopAfter(stopAfter)
            .run(data, resume);
    if (result.stopped()) {
      log.printf("train: stopped after %d epoch(s) as asked; continue with the same command and --resume%n", stopAfter);
    }
    log.printf(
        "train: done, %d epochs recorded; best %s %.4f at epoch %d: %s%n",
        result.history().size(),
        validation.isEmpty() ? "score (-train loss)" : "val mean IoU",
        result.bestScore(),
        result.bestEpoch(),
        result.bestModel());
    log.flush();
    return 0;
  }

  private String labelRoot() {
    return labels != null ? labels : dataset;
  }
}

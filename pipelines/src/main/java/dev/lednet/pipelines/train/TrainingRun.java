package dev.lednet.pipelines.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.lednet.model.LednetWeights;
import dev.lednet.model.ModelDescription;
import dev.lednet.model.ModelFiles;
import dev.lednet.model.lednet.DecoderMode;
import dev.lednet.model.lednet.Lednet;
import dev.lednet.model.train.ClassWeights;
import dev.lednet.model.train.EpochRecord;
import dev.lednet.model.train.LednetTrainer;
import dev.lednet.model.train.PolyLearningRate;
import dev.lednet.model.train.TrainingBatch;
import dev.lednet.model.train.TrainingCheckpoint;
import dev.lednet.model.train.TrainingPhase;
import dev.lednet.model.train.TrainingState;
import dev.lednet.schemas.CityscapesLabels;
import dev.lednet.stages.evaluate.DatasetConfusion;
import dev.lednet.stages.evaluate.IdSpace;
import dev.lednet.stages.evaluate.TrainIdMetrics;
import dev.lednet.stages.io.FileBytes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The reference LEDNet recipe as a loop: an encoder phase and a full-network phase, each with a
 * fresh Adam and the poly schedule, one epoch at a time; after each epoch the validation mean IoU
 * (LEDNet's iouEval), a checkpoint, the best model so far and the report. Every random choice (the
 * order of samples, their augmentation and dropout) derives from the seed, the phase and the
 * epoch, so that a run resumed from a checkpoint ends exactly where an uninterrupted one does.
 */
public final class TrainingRun {

  public static final String CHECKPOINT = "checkpoint.zip";
  public static final String BEST = "best";
  public static final String ENCODER_BEST = "encoder-best";
  public static final String LAST = "last";

  private final TrainingSettings settings;
  private final Path output;
  private final Device device;
  private final PrintWriter log;
  private final int logEvery;
  private Consumer<EpochRecord> afterCheckpoint = record -> {};
  private int stopAfter;

  private TrainingRun(TrainingSettings settings, Path output, Device device, PrintWriter log, int logEvery) {
    this.settings = settings;
    this.output = output;
    this.device = device;
    this.log = log;
    this.logEvery = logEvery;
  }

  public static TrainingRun of(TrainingSettings settings, Path output, Device device, PrintWriter log, int logEvery) {
    return new TrainingRun(settings, output, device, log, logEvery);
  }

  /**
   * Calls {@code listener} after each epoch's checkpoint is on disk (tests stop a run there, as a
   * kill would).
   */
  TrainingRun afterCheckpoint(Consumer<EpochRecord> listener) {
    this.afterCheckpoint = listener;
    return this;
  }

  /**
   * Stops after {@code epochs} epochs of this invocation (0: never), checkpoint written, for
   * time-boxed sessions; {@code --resume} goes on from there.
   */
  public TrainingRun stopAfter(int epochs) {
    this.stopAfter = epochs;
    return this;
  }

  /**
   * The training and validation sets and what happens to their samples; {@code classPixels}, the
   * training labels' pixels per train class where already counted (augment's manifest), else null.
   */
  public record Data(
      List<SampleSource> train,
      List<SampleSource> validation,
      SampleTransform trainTransform,
      SampleTransform validationTransform,
      long[] classPixels) {

    public Data(
        List<SampleSource> train,
        List<SampleSource> validation,
        SampleTransform trainTransform,
        SampleTransform validationTransform) {
      this(train, validation, trainTransform, validationTransform, null);
    }
  }

  /** How the run ended. */
  public record Result(
      List<EpochRecord> history, double bestScore, int bestEpoch, Path bestModel, boolean stopped) {}

  public Result run(Data data, boolean resume) throws IOException {
    if (data.train().size() < settings.batchSize()) {
      throw new IllegalArgumentException(
          "the training set has "
              + data.train().size()
              + " samples, fewer than one batch of "
              + settings.batchSize());
    }
    Files.createDirectories(output);
    Path checkpointFile = output.resolve(CHECKPOINT);
    TrainingState resumed = null;
    TrainingCheckpoint checkpoint = null;
    if (resume) {
      checkpoint = TrainingCheckpoint.read(checkpointFile);
      resumed = checkpoint.state();
      requireSameSettings(resumed.settings(), checkpointFile);
      say(
          "train: resuming from %s (%s phase, epoch %d done, best %.4f)%n",
          checkpointFile, resumed.phase(), resumed.epoch(), resumed.bestScore());
    } else if (Files.exists(checkpointFile)) {
      throw new IOException(
          checkpointFile + " exists: pass --resume to continue that run, or choose a new --output");
    }
    List<EpochRecord> history = new ArrayList<>(resumed == null ? List.of() : resumed.history());
    ModelDescription description = description();
    BatchMaker batches = new BatchMaker(description);
    ClassWeights enet = settings.classWeights().equals("enet") ? enetWeights(data) : null;
    double best = -1;
    int bestEpoch = 0;
    int ran = 0;
    boolean stopped = false;
    // Java 17's executors are not AutoCloseable; the loader decodes the next batch during a step.
    ExecutorService loader = Executors.newSingleThreadExecutor(TrainingRun::daemon);
    try (NDManager manager = NDManager.newBaseManager(device)) {
      Lednet net =
          settings.initialWeights() == null
              ? ModelFiles.initialisedLednet(settings.seed(), DecoderMode.INPUT, manager)
              : ModelFiles.loadLednet(Path.of(settings.initialWeights()), DecoderMode.INPUT, manager);
      if (checkpoint != null) {
        LednetWeights.load(net, checkpoint.model(), checkpointFile.toString());
      }
      for (TrainingPhase phase : TrainingPhase.values()) {
        if (stopped) {
          break;
        }
        int epochs = phase == TrainingPhase.ENCODER ? settings.encoderEpochs() : settings.epochs();
        int first = 1;
        best = -1;
        bestEpoch = 0;
        if (resumed != null) {
          TrainingPhase saved = TrainingPhase.parse(resumed.phase());
          if (saved.ordinal() > phase.ordinal()) {
            continue;
          }
          if (saved == phase) {
            first = resumed.epoch() + 1;
            best = resumed.bestScore();
            bestEpoch = resumed.bestEpoch();
          }
        }
        if (epochs == 0 || first > epochs) {
          continue;
        }
        ClassWeights weights = enet != null ? enet : ClassWeights.reference(phase == TrainingPhase.ENCODER);
        PolyLearningRate schedule = new PolyLearningRate(settings.learningRate(), epochs);
        try (LednetTrainer trainer = LednetTrainer.start(net, manager, phase, weights)) {
          if (first > 1) {
            trainer.optimizer().importState(checkpoint.optimizer(), checkpointFile.toString());
          }
          for (int epoch = first; epoch <= epochs; epoch++) {
            EpochRecord record =
                epoch(trainer, data, batches, loader, schedule, epoch, epochs);
            history.add(record);
            double score = record.validationMeanIou() == null ? -record.trainLoss() : record.validationMeanIou();
            if (bestEpoch == 0 || score > best) {
              best = score;
              bestEpoch = epoch;
              replaceModel(net, description, output.resolve(phase == TrainingPhase.ENCODER ? ENCODER_BEST : BEST));
            }
            new TrainingCheckpoint(
                    new TrainingState(
                        TrainingState.FORMAT,
                        phase.label(),
                        epoch,
                        best,
                        bestEpoch,
                        history,
                        settings.asMap()),
                    LednetWeights.export(net),
                    trainer.optimizer().exportState())
                .write(checkpointFile);
            TrainingReport.write(output.resolve("report"), history);
            afterCheckpoint.accept(record);
            if (stopAfter > 0 && ++ran == stopAfter) {
              stopped = true;
              break;
            }
          }
        }
      }
      replaceModel(net, description, output.resolve(LAST));
    } finally {
      loader.shutdownNow();
    }
    Path bestModel = Files.isDirectory(output.resolve(BEST)) ? output.resolve(BEST) : output.resolve(ENCODER_BEST);
    return new Result(history, best, bestEpoch, bestModel, stopped);
  }

  private EpochRecord epoch(
      LednetTrainer trainer,
      Data data,
      BatchMaker batches,
      ExecutorService loader,
      PolyLearningRate schedule,
      int epoch,
      int epochs)
      throws IOException {
    TrainingPhase phase = trainer.phase();
    long epochSeed = epochSeed(phase, epoch);
    Engine.getEngine("PyTorch").setRandomSeed((int) epochSeed);
    List<SampleSource> order = EpochOrder.shuffle(data.train(), new Random(epochSeed));
    int b = settings.batchSize();
    // The reference drops the last incomplete batch of each epoch.
    int steps = order.size() / b;
    float lr = schedule.at(epoch);
    int draw = phase.ordinal() * 1_000_000 + epoch;
    say("train: %s phase, epoch %d/%d, learning rate %.6g, %d steps of %d%n", phase.label(), epoch, epochs, lr, steps, b);
    double lossSum = 0;
    int skipped = 0;
    long stepNanos = 0;
    long start = System.nanoTime();
    Future<TrainingBatch> next = loader.submit(() -> load(order.subList(0, b), data.trainTransform(), draw, batches, phase));
    for (int step = 0; step < steps; step++) {
      TrainingBatch batch = await(next);
      if (step + 1 < steps) {
        List<SampleSource> following = order.subList((step + 1) * b, (step + 2) * b);
        next = loader.submit(() -> load(following, data.trainTransform(), draw, batches, phase));
      }
      long t0 = System.nanoTime();
      float loss = trainer.step(batch, lr);
      stepNanos += System.nanoTime() - t0;
      if (!Float.isFinite(loss)) {
        skipped++;
        say("train: %s epoch %d step %d: the loss is %s; the step is skipped%n", phase.label(), epoch, step + 1, loss);
        if (skipped > Math.max(1, steps / 10)) {
          throw new IllegalStateException(
              String.format(
                  "the loss was not finite in %d steps of %s epoch %d; lower --learning-rate",
                  skipped, phase.label(), epoch));
        }
        continue;
      }
      lossSum += loss;
      if (logEvery > 0 && ((step + 1) % logEvery == 0 || step + 1 == steps)) {
        say(
            "train: %s epoch %d step %d/%d loss %.4f (mean %.4f) lr %.3g, %.2f images/s%n",
            phase.label(), epoch, step + 1, steps, loss, lossSum / (step + 1 - skipped), lr,
            (step + 1) * b / (stepNanos / 1e9));
      }
    }
    double trainLoss = lossSum / (steps - skipped);
    double seconds = (System.nanoTime() - start) / 1e9;
    Double valLoss = null;
    Double valIou = null;
    if (!data.validation().isEmpty()) {
      double[] v = validate(trainer, data, batches, loader, phase);
      valLoss = v[0];
      valIou = v[1];
    }
    EpochRecord record =
        new EpochRecord(
            phase.label(), epoch, lr, trainLoss, valLoss, valIou, steps, seconds,
            steps * b / (stepNanos / 1e9));
    say(
        "train: %s epoch %d/%d done: train loss %.4f%s, %.1f s (%.2f images/s)%n",
        phase.label(), epoch, epochs, trainLoss,
        valIou == null ? "" : String.format(", val loss %.4f, val mean IoU %.4f", valLoss, valIou),
        seconds, record.imagesPerSecond());
    return record;
  }

  /** Validation loss and LEDNet's mean IoU over every validation sample (no batch dropped). */
  private double[] validate(
      LednetTrainer trainer, Data data, BatchMaker batches, ExecutorService loader, TrainingPhase phase)
      throws IOException {
    int classes = IdSpace.TRAIN_IDS.matrixSize();
    long[] counts = new long[classes * classes];
    double lossSum = 0;
    int seen = 0;
    int b = settings.batchSize();
    List<SampleSource> all = data.validation();
    for (int from = 0; from < all.size(); from += b) {
      List<SampleSource> part = all.subList(from, Math.min(all.size(), from + b));
      TrainingBatch batch = await(loader.submit(() -> load(part, data.validationTransform(), 0, batches, phase)));
      LednetTrainer.Evaluation e = trainer.evaluate(batch);
      lossSum += e.loss() * part.size();
      seen += part.size();
      long[] truth = batch.labels();
      int[] predicted = e.predictions();
      for (int i = 0; i < truth.length; i++) {
        counts[(int) truth[i] * classes + Math.min(predicted[i], classes - 1)]++;
      }
    }
    DatasetConfusion totals =
        DatasetConfusion.create(IdSpace.TRAIN_IDS, seen, counts, Map.of(), Map.of(), Map.of(), Map.of());
    return new double[] {lossSum / seen, TrainIdMetrics.of(totals).meanIou()};
  }

  private TrainingBatch load(
      List<SampleSource> sources, SampleTransform transform, int draw, BatchMaker batches, TrainingPhase phase)
      throws IOException {
    List<TrainingSample> samples = new ArrayList<>(sources.size());
    for (SampleSource s : sources) {
      samples.add(transform.apply(s.load(), settings.seed(), draw));
    }
    return batches.make(samples, phase);
  }

  private static TrainingBatch await(Future<TrainingBatch> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading a batch", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }

  private long epochSeed(TrainingPhase phase, int epoch) {
    long z = settings.seed() * 0x9E3779B97F4A7C15L + phase.ordinal() * 0xBF58476D1CE4E5B9L + epoch;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & 0x7fffffffL;
  }

  private ClassWeights enetWeights(Data data) throws IOException {
    long[] counts = data.classPixels();
    if (counts == null) {
      counts = new long[CityscapesLabels.NUM_TRAIN_CLASSES];
      for (SampleSource s : data.train()) {
        for (byte v : s.label().bytes()) {
          int id = v & 0xff;
          if (id < counts.length) {
            counts[id]++;
          }
        }
      }
    }
    ClassWeights w = ClassWeights.enet(counts);
    say("train: ENet class weights from the labels of %d samples: %s%n", data.train().size(), w);
    return w;
  }

  private ModelDescription description() {
    ModelDescription ref = ModelDescription.lednetReference(ModelFiles.decoderName(DecoderMode.INPUT), null);
    return new ModelDescription(
        ref.architecture(), ref.classes(), settings.height(), settings.height() * 2, ref.decoder(),
        ref.scale(), ref.mean(), ref.std(),
        "lednet train, seed " + settings.seed() + ", height " + settings.height());
  }

  private void requireSameSettings(Map<String, String> saved, Path file) throws IOException {
    Map<String, String> now = settings.asMap();
    if (!saved.equals(now)) {
      List<String> differences = new ArrayList<>();
      for (String key : new TreeMap<>(now).keySet()) {
        if (!now.get(key).equals(saved.get(key))) {
          differences.add(key + " was " + saved.get(key) + ", now " + now.get(key));
        }
      }
      throw new IOException(
          file + ": --resume needs the settings the run started with: " + String.join("; ", differences));
    }
  }

  /** Writes the model beside {@code target}, then swaps it in. */
  private static void replaceModel(Lednet net, ModelDescription d, Path target) throws IOException {
    Path fresh = target.resolveSibling("." + target.getFileName() + ".new");
    Path old = target.resolveSibling("." + target.getFileName() + ".old");
    FileBytes.deleteTree(fresh.toString());
    FileBytes.deleteTree(old.toString());
    ModelFiles.saveLednet(net, d, fresh);
    if (Files.exists(target)) {
      Files.move(target, old);
    }
    Files.move(fresh, target);
    FileBytes.deleteTree(old.toString());
  }

  private void say(String format, Object... args) {
    log.printf(format, args);
    log.flush();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "training-batches");
    t.setDaemon(true);
    return t;
  }
}

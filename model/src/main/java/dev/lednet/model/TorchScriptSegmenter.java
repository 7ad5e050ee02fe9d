package dev.lednet.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Any TorchScript segmentation model ({@code torch.jit.script} or {@code trace} output): one NCHW
 * float input, NCHW class scores as the first output.
 */
public final class TorchScriptSegmenter implements Segmenter {

  private final ModelDescription description;
  private final Model model;

  private TorchScriptSegmenter(ModelDescription description, Model model) {
    this.description = description;
    this.model = model;
  }

  /** Loads {@code file} onto {@code device}; the description says how to feed it. */
  public static TorchScriptSegmenter load(Path file, Device device, ModelDescription description)
      throws IOException {
    Model model = Model.newInstance("torchscript", device, "PyTorch");
    try {
      model.load(file.toAbsolutePath());
    } catch (MalformedModelException | RuntimeException e) {
      model.close();
      throw new IOException(file + ": not a TorchScript model PyTorch can load: " + e.getMessage(), e);
    }
    return new TorchScriptSegmenter(description, model);
  }

  @Override
  public ModelDescription description() {
    return description;
  }

  @Override
  public Device device() {
    return model.getNDManager().getDevice();
  }

  @Override
  public NDArray forward(NDArray batch) {
    try (NDManager scope = NDManager.subManagerOf(batch)) {
      scope.tempAttachAll(batch);
      NDArray x = batch.getDevice().equals(device()) ? batch : batch.toDevice(device(), false);
      NDList out = model.getBlock().forward(new ParameterStore(scope, false), new NDList(x), false);
      NDArray scores = out.get(0);
      if (scores.getShape().dimension() != 4) {
        throw new IllegalStateException(
            "the TorchScript model returned " + scores.getShape() + ", expected NCHW class scores");
      }
      return scope.ret(scores);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}

package dev.lednet.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The model files {@code --model} accepts, told apart by content rather than by extension
 * (PyTorch users name state dicts and TorchScript archives {@code .pt} and {@code .pth} alike).
 */
public enum ModelFormat {
  /** This project's directory: {@code model.json} plus DJL parameters or a TorchScript file. */
  PROJECT,
  /** A {@code torch.save} state dict or checkpoint (zip or legacy pickle) for LEDNet. */
  PYTORCH_STATE_DICT,
  /** A numpy {@code .npz} of a LEDNet state dict. */
  NUMPY_STATE_DICT,
  /** A TorchScript archive ({@code torch.jit.save}). */
  TORCHSCRIPT;

  static final String DESCRIPTION_FILE = "model.json";

  /** Recognises {@code path}, or says plainly what it is not. */
  public static ModelFormat of(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve(DESCRIPTION_FILE))) {
        return PROJECT;
      }
      throw new IOException(path + ": a directory without " + DESCRIPTION_FILE + " is not a saved model");
    }
    if (!Files.isRegularFile(path)) {
      throw new IOException(path + ": no such model file");
    }
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(path)) {
      int n = in.readNBytes(head, 0, 4);
      if (n < 2) {
        throw new IOException(path + ": empty or truncated model file");
      }
    }
    if (head[0] == 'P' && head[1] == 'K') {
      return ofZip(path);
    }
    if ((head[0] & 0xff) == 0x80) {
      // A pickle (protocol 2+): the legacy torch.save format starts with the magic number pickle.
      return PYTORCH_STATE_DICT;
    }
    throw new IOException(
        path + ": not a model this tool reads (a model directory, .pth/.pt state dict, .npz or TorchScript)");
  }

  private static ModelFormat ofZip(Path path) throws IOException {
    boolean npy = false;
    boolean pickle = false;
    // ZipFile reads the central directory: PyTorch writes stored entries with data descriptors,
    // which ZipInputStream rejects.
    try (ZipFile zip = new ZipFile(path.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        String name = e.getName();
        if (name.endsWith("/constants.pkl") || name.contains("/code/")) {
          return TORCHSCRIPT;
        }
        pickle |= name.endsWith("/data.pkl") || name.equals("data.pkl");
        npy |= name.endsWith(".npy");
      }
    } catch (java.util.zip.ZipException e) {
      throw new IOException(path + ": a damaged zip file: " + e.getMessage(), e);
    }
    if (pickle) {
      return PYTORCH_STATE_DICT;
    }
    if (npy) {
      return NUMPY_STATE_DICT;
    }
    throw new IOException(path + ": a zip file that is neither a PyTorch file nor an .npz");
  }
}

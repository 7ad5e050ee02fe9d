package dev.lednet.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a saved model is: architecture, number of output classes, the input size it was trained
 * for and how pixels become input values. Stored as {@code model.json} beside the weights.
 *
 * <p>Input values are {@code (v * scale - mean[c]) / std[c]} for an 8-bit channel value {@code v};
 * the LEDNet reference feeds {@code v / 255} (torchvision's {@code ToTensor}, no mean or std).
 * Class index {@code i} is Cityscapes trainId {@code i} for {@code i < 19}; the reference's extra
 * class 19 is void.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDescription(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("classes") int classes,
    @JsonProperty("inputHeight") int inputHeight,
    @JsonProperty("inputWidth") int inputWidth,
    @JsonProperty("decoder") String decoder,
    @JsonProperty("scale") double scale,
    @JsonProperty("mean") List<Double> mean,
    @JsonProperty("std") List<Double> std,
    @JsonProperty("source") String source) {

  public static final String LEDNET = "lednet";
  public static final String TORCHSCRIPT = "torchscript";

  /** The reference LEDNet set-up: 20 classes, 512x1024 input, values / 255. */
  public static ModelDescription lednetReference(String decoder, String source) {
    return new ModelDescription(
        LEDNET, 20, 512, 1024, decoder, 1.0 / 255, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0), source);
  }

  /** A TorchScript model fed like LEDNet unless the user says otherwise. */
  public static ModelDescription torchScript(int classes, String source) {
    return new ModelDescription(
        TORCHSCRIPT, classes, 512, 1024, null, 1.0 / 255, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0), source);
  }

  public ModelDescription withDecoder(String newDecoder) {
    return new ModelDescription(
        architecture, classes, inputHeight, inputWidth, newDecoder, scale, mean, std, source);
  }
}

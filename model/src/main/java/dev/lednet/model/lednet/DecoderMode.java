package dev.lednet.model.lednet;

/** Where the decoder upsamples its 1/8-resolution class scores to. */
public enum DecoderMode {
  /** Always 512x1024, whatever the input, as the reference decoder does. */
  REFERENCE,
  /** The input's own height and width. */
  INPUT
}

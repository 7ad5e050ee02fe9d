package dev.lednet.model.lednet;

/** A block that can fold its inference-mode batch normalisations into its convolutions. */
interface Foldable {

  /** Computes folded weights from the current parameters; inference then uses them. */
  void foldBatchNorm();

  /** Drops folded weights, e.g. before parameters change again in training. */
  void unfoldBatchNorm();
}

package dev.lednet.stages.evaluate;

import dev.lednet.schemas.CityscapesLabels;

/**
 * Which ids an evaluation compares: the official labelIds (what the Cityscapes server scores) or
 * trainIds (what LEDNet's own {@code iouEval.py} scores during training).
 */
public enum IdSpace {
  /**
   * Ground truth {@code gtFine_labelIds} against a labelId prediction; a 34x34 confusion matrix,
   * one row and column per labelId 0..33, as the official script sizes it.
   */
  LABEL_IDS("gtFine_labelIds", CityscapesLabels.NUM_LABEL_IDS),

  /**
   * Ground truth {@code gtFine_labelTrainIds} against a trainId prediction; a 20x20 confusion
   * matrix, rows and columns 0..18 for the classes and 19 for "ignored" (trainId 255, and trainId 19
   * that LEDNet's 20-channel head can predict).
   */
  TRAIN_IDS("gtFine_labelTrainIds", CityscapesLabels.NUM_TRAIN_CLASSES + 1);

  private final String groundTruthComponent;
  private final int matrixSize;

  IdSpace(String groundTruthComponent, int matrixSize) {
    this.groundTruthComponent = groundTruthComponent;
    this.matrixSize = matrixSize;
  }

  /** The {@code FrameContent} payload key of the ground truth in this space. */
  public String groundTruthComponent() {
    return groundTruthComponent;
  }

  /** Rows (and columns) of the confusion matrix. */
  public int matrixSize() {
    return matrixSize;
  }
}

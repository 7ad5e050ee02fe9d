package dev.lednet.schemas;

/**
 * One row of the Cityscapes label table, with the fields of cityscapesScripts' {@code
 * helpers/labels.py}. Rows are only ever created by {@link CityscapesLabels}.
 *
 * @param name the unique label name, e.g. {@code "car"}
 * @param id the labelId stored in ground-truth images and expected by the evaluation server, or
 *     -1 for labels that are never drawn (license plate)
 * @param trainId the training class, 0..18, or 255 (ignored in training), or -1
 * @param category the category name, e.g. {@code "vehicle"}
 * @param categoryId the category's id, 0..7
 * @param hasInstances whether objects of this label are numbered as instances
 * @param ignoreInEval whether ground-truth pixels of this label are ignored by the evaluation
 * @param color the label's colour in the official palette
 */
public record Label(
    String name,
    int id,
    int trainId,
    String category,
    int categoryId,
    boolean hasInstances,
    boolean ignoreInEval,
    Rgb color) {}

package dev.lednet.pipelines.cli;

import dev.lednet.stages.evaluate.IdSpace;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code labelIds} or {@code trainIds} on the command line, as the dataset's file names spell them. */
final class IdsConverter implements ITypeConverter<IdSpace> {

  @Override
  public IdSpace convert(String value) {
    return switch (value) {
      case "labelIds" -> IdSpace.LABEL_IDS;
      case "trainIds" -> IdSpace.TRAIN_IDS;
      default -> throw new TypeConversionException(
          "'" + value + "' is not an id space: labelIds or trainIds");
    };
  }
}

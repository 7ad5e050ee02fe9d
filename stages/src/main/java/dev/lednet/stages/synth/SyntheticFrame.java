package dev.lednet.stages.synth;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.lednet.schemas.FrameId;
import java.util.List;
import java.util.Locale;

/**
 * The name of synthetic frame {@code index}: splits take frames in turn, and within a split
 * frames go round that split's cities, so a city holds one frame per sequence, numbered like the
 * annotated frames of Cityscapes ({@code <city>_<seq>_000019}). The standard splits use the real
 * Cityscapes cities of that split; other splits get a city named after themselves.
 *
 * @param index the frame's index in the dataset
 * @param split the split it belongs to
 * @param id its Cityscapes frame id
 */
public record SyntheticFrame(long index, String split, FrameId id) {

  private static final ImmutableMap<String, ImmutableList<String>> CITIES =
      ImmutableMap.of(
          "train",
          ImmutableList.of(
              "aachen", "bochum", "bremen", "cologne", "darmstadt", "dusseldorf", "erfurt",
              "hamburg", "hanover", "jena", "krefeld", "monchengladbach", "strasbourg",
              "stuttgart", "tubingen", "ulm", "weimar", "zurich"),
          "val",
          ImmutableList.of("frankfurt", "lindau", "munster"),
          "test",
          ImmutableList.of("berlin", "bielefeld", "bonn", "leverkusen", "mainz", "munich"));

  /** The frame at {@code index} of a dataset with these splits. */
  public static SyntheticFrame of(long index, List<String> splits) {
    if (index < 0) {
      throw new IllegalArgumentException("frame index must be non-negative, got " + index);
    }
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("at least one split is needed");
    }
    String split = splits.get((int) (index % splits.size()));
    long inSplit = index / splits.size();
    List<String> cities = CITIES.getOrDefault(split, ImmutableList.of(cityNamed(split)));
    String city = cities.get((int) (inSplit % cities.size()));
    long sequence = inSplit / cities.size();
    return new SyntheticFrame(
        index, split, new FrameId(city, String.format(Locale.ROOT, "%06d", sequence), "000019"));
  }

  private static String cityNamed(String split) {
    String letters = split.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
    return letters.isEmpty() || !Character.isLetter(letters.charAt(0)) ? "synth" + letters : letters;
  }
}

package dev.lednet.schemas;

import com.google.auto.value.AutoValue;
import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * A frame of a Cityscapes dataset and where its files are: the record that dataset discovery emits
 * and that stages read payloads from. Files are keyed by component ({@code leftImg8bit}, {@code
 * gtFine_polygons}, {@code gtFine_labelIds}, ...; see {@link CityscapesFileName#component()}).
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class Frame {

  /** {@code <city>_<seq>_<frame>}. */
  @SchemaFieldNumber("0")
  public abstract String getId();

  /** {@code train}, {@code val}, {@code test}, ... */
  @SchemaFieldNumber("1")
  public abstract String getSplit();

  @SchemaFieldNumber("2")
  public abstract String getCity();

  /** Component → full path (local or {@code gs://}). */
  @SchemaFieldNumber("3")
  public abstract Map<String, String> getFiles();

  @SchemaCreate
  public static Frame create(String id, String split, String city, Map<String, String> files) {
    FrameId.parse(id);
    return new AutoValue_Frame(id, split, city, ImmutableSortedMap.copyOf(files));
  }

  public FrameId frameId() {
    return FrameId.parse(getId());
  }

  /** The path of a component, or an error naming the frame and the component it lacks. */
  public String file(String component) {
    String path = getFiles().get(component);
    if (path == null) {
      throw new IllegalArgumentException(
          "frame " + getId() + " (" + getSplit() + ") has no " + component + " file");
    }
    return path;
  }

  public boolean has(String component) {
    return getFiles().containsKey(component);
  }
}

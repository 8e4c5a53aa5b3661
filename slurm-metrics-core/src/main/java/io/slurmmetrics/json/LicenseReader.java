package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.License;
import java.io.IOException;
import java.util.Locale;

/** One license pool; keys are {@code LicenseName}, {@code Total}, ... in every version (lower case accepted too). */
final class LicenseReader {
  private LicenseReader() {}

  static License read(JsonReader r, int index) throws IOException {
    String name = null;
    long total = 0;
    long used = 0;
    long free = -1;
    long reserved = 0;
    boolean remote = false;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName().toLowerCase(Locale.ROOT)) {
        case "licensename":
        case "name":
          name = JsonValues.string(r);
          break;
        case "total":
          total = NumberReader.read(r).orElse(0);
          break;
        case "used":
          used = NumberReader.read(r).orElse(0);
          break;
        case "free":
          free = NumberReader.read(r).orElse(-1);
          break;
        case "reserved":
          reserved = NumberReader.read(r).orElse(0);
          break;
        case "remote":
          remote = JsonValues.bool(r);
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    if (name == null || name.isEmpty()) throw PayloadError.missing("LicenseName", "licenses[" + index + "]");
    return new License(name, total, used, free >= 0 ? free : Math.max(0, total - used), reserved, remote);
  }
}

package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import java.io.IOException;

/**
 * A step's id in its three shapes, as {@code <job>.<step>} ({@code 12.batch}, {@code 12.0}):
 * v0.0.38 {@code {"job_id": 12, "id": "batch"}}, v0.0.39 {@code {"id": {"job_id": 12, "step_id": "batch"}}} and
 * v0.0.40+ {@code {"id": "12.batch"}}.
 */
final class StepIds {
  private StepIds() {}

  static String read(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return JsonValues.string(r);
    String job = "";
    String step = "";
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "job_id":
          job = numberOrString(r);
          break;
        case "id":
        case "step_id":
          if (r.peek() == JsonReader.Token.BEGIN_OBJECT && !isNumberObject(r)) {
            String nested = read(r);
            int dot = nested.indexOf('.');
            if (dot > 0) {
              job = nested.substring(0, dot);
              step = nested.substring(dot + 1);
            } else {
              step = nested;
            }
          } else {
            step = numberOrString(r);
          }
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    if (step.contains(".")) return step;
    return job.isEmpty() ? step : job + "." + step;
  }

  /** Peeks whether the object at hand is a {@code {"set","infinite","number"}} number. */
  private static boolean isNumberObject(JsonReader r) throws IOException {
    JsonReader peek = r.peekJson();
    peek.beginObject();
    while (peek.hasNext()) {
      String name = peek.nextName();
      if (name.equals("set") || name.equals("number") || name.equals("infinite")) return true;
      peek.skipValue();
    }
    return false;
  }

  private static String numberOrString(JsonReader r) throws IOException {
    if (r.peek() == JsonReader.Token.BEGIN_OBJECT) {
      SlurmNumber n = NumberReader.read(r);
      return n.isSet() ? Long.toString(n.longValue()) : "";
    }
    return JsonValues.string(r);
  }
}
